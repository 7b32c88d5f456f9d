// Where the sandbox keeps its users: the `Store` interface the HTTP adapter awaits (every method may be async,
// so that a database can stand behind it) and `MemoryStore`, the default, which keeps everything in two Maps.
//
// A store is the one place where a domain transition is committed. `apply` runs a synchronous rule on the
// user's latest state and commits the result atomically per user: concurrent requests for one user (say 50
// parallel uploads) are applied one after the other, each on top of the previous one, never interleaved.
// Every committed notification goes to the store's listeners in commit order, so that the notifier delivers
// them in exactly the order the changes were applied.
//
// A store also counts the media bytes it holds (`bytesStored`), refuses, atomically with the commit, a change
// that would grow them past a cap (`apply`'s `maxStoreBytes`, the sandbox's MAX_STORE_BYTES), and can hand
// over and replace everything it holds at once (`snapshot` / `restore`, behind GET and PUT /_sandbox/state
// and SANDBOX_SEED).
import type { NotificationDraft, Outcome, UserState } from './domain.ts';
import type { NotificationLog, NotifierOptions } from './notifier.ts';
import { details } from './errors.ts';
import { checkStoreBytes, userBytes } from './limits.ts';
import type { StoredUser } from './snapshot.ts';

export type { StoredUser } from './snapshot.ts';

/** Caps `apply` enforces atomically with its commit. */
export interface ApplyLimits {
  /**
   * When given, a commit that would take `bytesStored()` above it (the rule's new state holding more bytes
   * than the old) is not made: the outcome is `{ ok: false, code: 'store-full' }` and nothing changes. A
   * commit that keeps or shrinks the bytes always passes, even above the cap.
   */
  maxStoreBytes?: number;
}

/** Receives the notifications of each commit, in commit order. */
export type CommitListener = (drafts: NotificationDraft[]) => void;

/** A value now, or a promise of it later. */
export type MaybePromise<T> = T | Promise<T>;

export interface Store {
  // The two lookups of every authenticated request may answer at once (MemoryStore's do): the request then
  // meets no promise before its handler, a good part of what GET /me costs over a bare node:http server.
  profileIdForToken(token: string): MaybePromise<string | undefined>;
  user(profileId: string): MaybePromise<UserState | undefined>;
  /** Add a user created by `createGuest` with its token, and hand its notifications to the listeners. */
  addUser<T>(outcome: Outcome<T>, token: string): Promise<Outcome<T>>;
  /**
   * Run one domain transition on the user's latest state and commit it (and its notifications) atomically
   * for that user. An unknown user (only possible after a reset) is an `unauthorized` outcome.
   */
  apply<T>(profileId: string, rule: (state: UserState) => Outcome<T>, limits?: ApplyLimits): Promise<Outcome<T>>;
  /** Forget every user and token. */
  reset(): Promise<void>;
  /** Bytes of media held by all users together: the sum of every item's contentSize. */
  bytesStored(): Promise<number>;
  /** Every user with their tokens, oldest first, media bytes included. */
  snapshot(): Promise<StoredUser[]>;
  /**
   * Replace everything the store holds with `users`, as one step (what reset() then adding each would
   * leave); no listener is called. The caller has checked the users (snapshot.ts) and the cap.
   */
  restore(users: readonly StoredUser[]): Promise<void>;
  /**
   * `restore(users)` only if the store holds no user (a fresh store); true when it loaded them. A store that
   * outlives the process (PostgreSQL) keeps what replicas stored before, so restarting one replica of a shared
   * sandbox with SANDBOX_SEED does not wipe everyone's state; the check and the load are one step, so
   * replicas starting at once load the seed once.
   */
  seed(users: readonly StoredUser[]): Promise<boolean>;
  /** Release what the store holds (connections); the sandbox calls it on close. */
  close(): Promise<void>;
  /** Register where committed notifications go (createSandbox connects its notifier here). */
  onCommit(listener: CommitListener): void;
  /**
   * A store that keeps its notifications itself, as PgStore keeps them in an outbox table that every replica
   * reads and delivers from, returns its log here (started with the sandbox's webhook settings); createSandbox
   * then uses it instead of connecting an in-process Notifier to onCommit.
   */
  notificationLog?(options: NotifierOptions): NotificationLog;
}

/**
 * The default store. Its methods are `async` for the interface's sake (the two lookups answer at once), but
 * none awaits anything: in Node's single thread, reading a user's state, running the rule and committing
 * happen in one synchronous step, which is what makes `apply` atomic per user and the notification order the
 * commit order.
 */
export class MemoryStore implements Store {
  private readonly users = new Map<string, UserState>();
  private readonly tokens = new Map<string, string>();
  private readonly listeners: CommitListener[] = [];
  private bytes = 0;

  // Typed as the interface has them, so that a subclass may still answer later (an async override).
  profileIdForToken(token: string): MaybePromise<string | undefined> {
    return this.tokens.get(token);
  }

  user(profileId: string): MaybePromise<UserState | undefined> {
    return this.users.get(profileId);
  }

  async addUser<T>(outcome: Outcome<T>, token: string): Promise<Outcome<T>> {
    if (outcome.ok) {
      this.users.set(outcome.state.profileId, outcome.state);
      this.tokens.set(token, outcome.state.profileId);
      this.bytes += userBytes(outcome.state);
      this.emit(outcome.notifications);
    }
    return outcome;
  }

  async apply<T>(profileId: string, rule: (state: UserState) => Outcome<T>, limits: ApplyLimits = {}): Promise<Outcome<T>> {
    const current = this.users.get(profileId);
    if (!current) return { ok: false, code: 'unauthorized', detail: details.unauthorized('unknown') };
    const outcome = rule(current);
    if (outcome.ok) {
      const delta = outcome.state === current ? 0 : userBytes(outcome.state) - userBytes(current);
      const full = limits.maxStoreBytes === undefined ? undefined : checkStoreBytes(this.bytes, delta, limits.maxStoreBytes);
      if (full) return { ok: false, ...full };
      this.users.set(profileId, outcome.state);
      this.bytes += delta;
      this.emit(outcome.notifications);
    }
    return outcome;
  }

  async reset(): Promise<void> {
    this.users.clear();
    this.tokens.clear();
    this.bytes = 0;
  }

  async bytesStored(): Promise<number> {
    return this.bytes;
  }

  async snapshot(): Promise<StoredUser[]> {
    const tokensOf = new Map<string, string[]>();
    for (const [token, profileId] of this.tokens) {
      const list = tokensOf.get(profileId);
      if (list) list.push(token);
      else tokensOf.set(profileId, [token]);
    }
    return [...this.users.values()].map((state) => ({ state, tokens: tokensOf.get(state.profileId) ?? [] }));
  }

  async restore(users: readonly StoredUser[]): Promise<void> {
    // No await between clearing and loading: no request can see the store half restored.
    this.users.clear();
    this.tokens.clear();
    this.bytes = 0;
    for (const { state, tokens } of users) {
      this.users.set(state.profileId, state);
      for (const token of tokens) this.tokens.set(token, state.profileId);
      this.bytes += userBytes(state);
    }
  }

  async seed(users: readonly StoredUser[]): Promise<boolean> {
    if (this.users.size > 0) return false;
    await this.restore(users);
    return true;
  }

  async close(): Promise<void> {}

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  private emit(drafts: NotificationDraft[]): void {
    if (drafts.length === 0) return;
    for (const listener of this.listeners) listener(drafts);
  }
}
