// Provider states (docs/architecture.md), set up from outside through the public API: each interaction gets a
// fresh guest, created by its first state handler and forgotten at teardown, and the request filter swaps
// that guest's token into the replayed request (replayHeaders), but only where the consumer recorded an Authorization header
// (the 401 interactions are sent without one). The values the provider made (profileId, identifiers) are
// returned to Pact for `fromProviderState`. Set-up failures are kept to explain the interaction's failure.
import { GIF_1X1, JPEG_MINIMAL, PDF_MINIMAL, PNG_1X1 } from '../fixtures/images.ts';
import { HTTP_STATES, MESSAGE_STATES } from '../fixtures/provider-states.ts';
import { StepError, type Api, type Guest } from './api.ts';
import type { Failure } from './types.ts';

const PNG = { bytes: PNG_1X1, filename: 'profile.png', contentType: 'image/png', additionalType: 'ProfileImage' } as const;
const GIF = { bytes: GIF_1X1, filename: 'older-profile.gif', contentType: 'image/gif', additionalType: 'ProfileImage' } as const;
const PDF = { bytes: PDF_MINIMAL, filename: 'notes.pdf', contentType: 'application/pdf' } as const;
const JPEG = { bytes: JPEG_MINIMAL, filename: 'scan.jpg', contentType: 'image/jpeg' } as const;

type Values = Record<string, string>;

/** One provider state as consumer teams may use it: its parameters and the values handed back to Pact. */
export interface StateInfo {
  name: string;
  kind: 'http' | 'message';
  /** What verify does to reach the state. */
  setUp: string;
  /** Accepted `params`, each with what it means (all optional). */
  params: Record<string, string>;
  /** The values returned for `fromProviderState`, each with what it is. */
  values: Record<string, string>;
}

const PROFILE_ID = { profileId: "the guest's profileId" };
const OTHER_TYPES = ['TravelerProfileImage', 'SupportingDocument', 'Scan', 'Document', 'PasswordImage'] as const;

/** Every provider state verify can set up: the catalogue of docs/provider.md, and the message for unknown ones. */
export const STATE_CATALOGUE: StateInfo[] = [
  { name: HTTP_STATES.noProfileImage, kind: 'http', setUp: 'a fresh guest', params: {}, values: PROFILE_ID },
  {
    name: HTTP_STATES.activeImage,
    kind: 'http',
    setUp: 'a fresh guest uploads a 1x1 PNG as ProfileImage',
    params: {},
    values: { ...PROFILE_ID, activeImageId: 'the identifier of the active image' },
  },
  {
    name: HTTP_STATES.activeAndOlderImage,
    kind: 'http',
    setUp: 'a fresh guest uploads a 1x1 GIF, then a 1x1 PNG, both as ProfileImage',
    params: {},
    values: { ...PROFILE_ID, activeImageId: 'the PNG (active)', olderImageId: 'the GIF (replaced, still listed)' },
  },
  {
    name: HTTP_STATES.mediaItem,
    kind: 'http',
    setUp: 'a fresh guest uploads a small PDF (or a JPEG when additionalType is given)',
    params: { additionalType: `the item's AdditionalType: ${OTHER_TYPES.join(', ')} (default: none)` },
    values: { ...PROFILE_ID, mediaId: 'the identifier of the item' },
  },
  {
    name: HTTP_STATES.otherUsersMedia,
    kind: 'http',
    setUp: 'a second guest uploads a small PDF',
    params: {},
    values: { ...PROFILE_ID, otherUsersMediaId: "the identifier of the other guest's item" },
  },
  { name: MESSAGE_STATES.guestCreated, kind: 'message', setUp: 'verify creates a guest and hands Pact its Create delivery', params: {}, values: {} },
  { name: MESSAGE_STATES.imageSet, kind: 'message', setUp: 'a guest uploads a ProfileImage; its Update delivery', params: {}, values: {} },
  { name: MESSAGE_STATES.imageRemoved, kind: 'message', setUp: 'a guest sets, then deletes its profile image; the second Update', params: {}, values: {} },
];

function describeState(s: StateInfo): string {
  const params = Object.keys(s.params);
  return `"${s.name}"${params.length ? ` (params: ${params.join(', ')})` : ''}`;
}

/**
 * What is wrong with an interaction's provider states, for the interaction's failure: a state verify does not
 * know (listing the ones it knows, with their parameters), or a parameter the state does not take.
 */
export function stateProblems(states: { name: string; params: Record<string, unknown> }[], kind: 'http' | 'message'): string[] {
  const problems: string[] = [];
  const known = STATE_CATALOGUE.filter((s) => s.kind === kind);
  for (const state of states) {
    const info = known.find((s) => s.name === state.name);
    if (!info) {
      problems.push(`provider state "${state.name}" is not one verify can set up; the known ${kind === 'http' ? 'HTTP' : 'message'} states are: ${known.map(describeState).join('; ')} (docs/provider.md, "Provider states")`);
      continue;
    }
    for (const [param, value] of Object.entries(state.params)) {
      if (!(param in info.params)) {
        problems.push(`provider state "${state.name}" takes ${Object.keys(info.params).length ? `only the params ${Object.keys(info.params).join(', ')}` : 'no params'}; "${param}" is not one of them`);
      } else if (param === 'additionalType' && !OTHER_TYPES.includes(value as never)) {
        problems.push(`provider state "${state.name}": additionalType must be one of ${OTHER_TYPES.join(', ')}; got ${JSON.stringify(value)}`);
      }
    }
  }
  return problems;
}

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
  handlers(): Record<string, { setup: (params?: Record<string, unknown>) => Promise<Values | undefined>; teardown: () => Promise<undefined> }> {
    const teardown = async () => {
      this.guest = undefined;
      this.states = [];
      return undefined;
    };
    const S = HTTP_STATES;
    const http: Record<string, (g: Guest, params: Record<string, unknown>) => Promise<Values>> = {
      [S.noProfileImage]: async () => ({}),
      [S.activeImage]: async (g) => ({ activeImageId: await this.upload(g, PNG) }),
      [S.activeAndOlderImage]: async (g) => {
        const olderImageId = await this.upload(g, GIF);
        return { olderImageId, activeImageId: await this.upload(g, PNG) };
      },
      [S.mediaItem]: async (g, params) => {
        const type = OTHER_TYPES.find((t) => t === params.additionalType);
        return { mediaId: await this.upload(g, type ? { ...JPEG, additionalType: type } : PDF) };
      },
      [S.otherUsersMedia]: async () => {
        const other = await this.api.guest();
        return { otherUsersMediaId: await this.upload(other, PDF) };
      },
    };
    const result: ReturnType<StateSession['handlers']> = {};
    for (const [name, body] of Object.entries(http)) result[name] = { setup: (params) => this.setUp(name, (g) => body(g, params ?? {})), teardown };
    // Message states are changes that the message provider makes itself (it must watch the delivery they cause).
    for (const name of Object.values(MESSAGE_STATES)) result[name] = { setup: async () => undefined, teardown };
    return result;
  }

  /**
   * The headers a replayed request gets: its label for spec findings, and the current guest's token in place
   * of a recorded Authorization header (requests recorded without one are left without one).
   */
  async replayHeaders(hasAuthorization: boolean): Promise<{ context: string; authorization?: string }> {
    const context = `pact replay${this.states.length ? ` in state "${this.states.join('", "')}"` : ' without a provider state'}`;
    if (!hasAuthorization) return { context };
    return { context, authorization: `Bearer ${(await this.user()).token}` };
  }
}
