// The sandbox's small in-memory store: users by profileId, bearer tokens, and the one place where a domain
// transition is committed.
//
// Changes for one user are applied one at a time: `apply` reads the user's latest state, runs a synchronous
// domain rule and commits the result (and hands its notifications to the notifier) before it returns, with
// no `await` in between. In Node's single thread that makes every transition atomic per user, so concurrent
// requests (say 50 parallel uploads) are applied in some order, each on top of the previous one, never
// interleaved; the notifier then delivers them in exactly that order.
import type { MediaItem, NotificationDraft, Outcome, UserState } from './domain.ts';
import { details } from './errors.ts';

export class Store {
  private readonly users = new Map<string, UserState>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly emit: (drafts: NotificationDraft[]) => void) {}

  user(profileId: string): UserState | undefined {
    return this.users.get(profileId);
  }

  profileIdForToken(token: string): string | undefined {
    return this.tokens.get(token);
  }

  /** Add a user created by `createGuest`, with its token, and emit its Create notification. */
  addUser<T>(outcome: Outcome<T>, token: string): Outcome<T> {
    if (outcome.ok) {
      this.users.set(outcome.state.profileId, outcome.state);
      this.tokens.set(token, outcome.state.profileId);
      this.emit(outcome.notifications);
    }
    return outcome;
  }

  /** Run one domain transition on the user's latest state and commit it atomically (see the header). */
  apply<T>(profileId: string, rule: (state: UserState) => Outcome<T>): Outcome<T> {
    const current = this.users.get(profileId);
    // The user can vanish between authentication and commit only through POST /_sandbox/reset.
    if (!current) return { ok: false, code: 'unauthorized', detail: details.unauthorized('unknown') };
    const outcome = rule(current);
    if (outcome.ok) {
      this.users.set(profileId, outcome.state);
      if (outcome.notifications.length > 0) this.emit(outcome.notifications);
    }
    return outcome;
  }

  /** Any user's media item: only the deliberate `cross-user-media-visible` fault may look here. */
  findMediaOfAnyUser(identifier: string): MediaItem | undefined {
    for (const state of this.users.values()) {
      const item = state.media.find((m) => m.identifier === identifier);
      if (item) return item;
    }
    return undefined;
  }

  reset(): void {
    this.users.clear();
    this.tokens.clear();
  }
}
