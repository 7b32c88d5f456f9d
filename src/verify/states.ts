// Provider states (docs/architecture.md), set up from outside through the public API: each interaction gets a
// fresh guest, created by its first state handler and forgotten at teardown, and the request filter swaps
// that guest's token into the replayed request, but only where the consumer recorded an Authorization header
// (the 401 interactions are sent without one). The values the provider made (profileId, identifiers) are
// returned to Pact for `fromProviderState`. Set-up failures are kept to explain the interaction's failure.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GIF_1X1, PDF_MINIMAL, PNG_1X1 } from '../fixtures/images.ts';
import { HTTP_STATES, MESSAGE_STATES } from '../fixtures/provider-states.ts';
import { StepError, type Api, type Guest } from './api.ts';
import { CONTEXT_HEADER } from './gate.ts';
import type { Failure } from './types.ts';

const PNG = { bytes: PNG_1X1, filename: 'profile.png', contentType: 'image/png', additionalType: 'ProfileImage' } as const;
const GIF = { bytes: GIF_1X1, filename: 'older-profile.gif', contentType: 'image/gif', additionalType: 'ProfileImage' } as const;
const PDF = { bytes: PDF_MINIMAL, filename: 'notes.pdf', contentType: 'application/pdf' } as const;

type Values = Record<string, string>;

/** The Verifier's express middleware signature, without importing express's types. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

export class StateSession {
  private guest?: Promise<Guest>;
  private states: string[] = [];
  /** Set-up failures per state name, for the report. */
  readonly setupFailures = new Map<string, Failure[]>();

  constructor(private readonly api: Api) {}

  private user(): Promise<Guest> {
    this.guest ??= this.api.guest();
    return this.guest;
  }

  private async setUp(state: string, body: (g: Guest) => Promise<Values>): Promise<Values | undefined> {
    this.states.push(state);
    try {
      const g = await this.user();
      return { profileId: g.profileId, ...(await body(g)) };
    } catch (err) {
      const e = err instanceof StepError ? err : new StepError((err as Error)?.message ?? String(err));
      // Kept per state (the state request does not name its interaction), once per distinct story.
      const list = this.setupFailures.get(state) ?? [];
      const message = `provider state "${state}" could not be set up: ${e.message}`;
      if (!list.some((f) => f.message === message)) list.push({ message, expected: e.expected, actual: e.actual });
      this.setupFailures.set(state, list);
      // Pact then replays the request anyway and reports the mismatch; the story above says why.
      return undefined;
    }
  }

  private upload = async (g: Guest, u: Parameters<Api['upload']>[1]) => (await this.api.upload(g.token, u)).media.identifier;

  /** The Verifier's state handlers: set-up per state, teardown forgets the guest. */
  handlers(): Record<string, { setup: () => Promise<Values | undefined>; teardown: () => Promise<undefined> }> {
    const teardown = async () => {
      this.guest = undefined;
      this.states = [];
      return undefined;
    };
    const S = HTTP_STATES;
    const http: Record<string, (g: Guest) => Promise<Values>> = {
      [S.noProfileImage]: async () => ({}),
      [S.activeImage]: async (g) => ({ activeImageId: await this.upload(g, PNG) }),
      [S.activeAndOlderImage]: async (g) => {
        const olderImageId = await this.upload(g, GIF);
        return { olderImageId, activeImageId: await this.upload(g, PNG) };
      },
      [S.mediaItem]: async (g) => ({ mediaId: await this.upload(g, PDF) }),
      [S.otherUsersMedia]: async () => {
        const other = await this.api.guest();
        return { otherUsersMediaId: await this.upload(other, PDF) };
      },
    };
    const result: ReturnType<StateSession['handlers']> = {};
    for (const [name, body] of Object.entries(http)) result[name] = { setup: () => this.setUp(name, body), teardown };
    // Message states are changes that the message provider makes itself (it must watch the delivery they cause).
    for (const name of Object.values(MESSAGE_STATES)) result[name] = { setup: async () => undefined, teardown };
    return result;
  }

  /** Replace a recorded Authorization header with the current guest's token; leave header-less requests alone. */
  requestFilter(): Middleware {
    return (req, _res, next) => {
      if (req.url?.startsWith('/_pactSetup') || req.url?.startsWith('/_messages')) return next();
      req.headers[CONTEXT_HEADER] = `pact replay${this.states.length ? ` in state "${this.states.join('", "')}"` : ' without a provider state'}`;
      if (req.headers.authorization === undefined) return next();
      this.user().then(
        (g) => {
          req.headers.authorization = `Bearer ${g.token}`;
          next();
        },
        (err: unknown) => next(err),
      );
    };
  }
}
