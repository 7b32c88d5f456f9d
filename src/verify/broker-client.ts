// A small client for the Pact Broker's HAL API, as far as verify needs it: the index, the "pacts for
// verification" query, and single pacts (also `--pact-url`, which a broker webhook hands over). Every way it
// can go wrong becomes one BrokerError with what answered, what to check and a documented exit code, so a
// CI log shows one line, not a stack trace.

/** Credentials in the ecosystem's names: a bearer token, or basic auth. */
export interface BrokerAuth {
  token?: string;
  username?: string;
  password?: string;
}

/** Exit codes of broker trouble (docs/provider.md): 4 not reachable, 5 credentials refused, 6 no pacts. */
export const BROKER_EXIT = { unreachable: 4, refused: 5, noPacts: 6 } as const;

export class BrokerError extends Error {
  constructor(
    message: string,
    readonly exitCode: (typeof BROKER_EXIT)[keyof typeof BROKER_EXIT],
  ) {
    super(message);
  }
}

/** Broker credentials from flags, else from the environment variables the Pact tools read. */
export function brokerAuth(flags: BrokerAuth, env: NodeJS.ProcessEnv = process.env): BrokerAuth {
  const token = flags.token ?? env.PACT_BROKER_TOKEN;
  const username = flags.username ?? env.PACT_BROKER_USERNAME;
  const password = flags.password ?? env.PACT_BROKER_PASSWORD;
  return { ...(token ? { token } : {}), ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

function authHeader(auth: BrokerAuth): Record<string, string> {
  if (auth.token) return { authorization: `Bearer ${auth.token}` };
  if (auth.username) return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}` };
  return {};
}

function given(auth: BrokerAuth): string {
  if (auth.token) return 'a token (--broker-token / PACT_BROKER_TOKEN) was sent';
  if (auth.username) return 'a username and password (--broker-username/--broker-password, PACT_BROKER_USERNAME/PASSWORD) were sent';
  return 'no credentials were given (--broker-token, or --broker-username and --broker-password)';
}

/** The first line of a body, short enough for one message. */
export const firstLine = (text: string) => {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
};

export interface BrokerResponse {
  status: number;
  json: Record<string, unknown>;
}

/**
 * One request to the broker, expecting JSON. `what` names the resource in messages ("the Pact Broker's
 * index", "the pact at …").
 */
export async function brokerRequest(method: 'GET' | 'POST', url: string, auth: BrokerAuth, what: string, body?: unknown): Promise<BrokerResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { accept: 'application/hal+json, application/json', ...authHeader(auth), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new BrokerError(
      `${what} at ${new URL(url).origin} does not answer (${cause}); check --broker-url (PACT_BROKER_BASE_URL) or the URL, and that the broker is up and reachable from here`,
      BROKER_EXIT.unreachable,
    );
  }
  const text = await res.text();
  if (res.status === 401 || res.status === 403) {
    throw new BrokerError(`${what} refused the credentials: ${method} ${url} answered ${res.status} ${firstLine(text)}; ${given(auth)}: check them and their permissions`, BROKER_EXIT.refused);
  }
  if (res.status < 200 || res.status > 299) {
    throw new BrokerError(`${what}: ${method} ${url} answered ${res.status} ${firstLine(text)}; check the URL (is it the broker's base URL?)`, BROKER_EXIT.unreachable);
  }
  try {
    return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new BrokerError(`${what}: ${method} ${url} answered ${res.status} with something that is not JSON (${firstLine(text)}); is this a Pact Broker?`, BROKER_EXIT.unreachable);
  }
}

type Link = { href?: string; templated?: boolean };

/** A HAL link's href, with `{name}` placeholders filled in. */
export function link(resource: Record<string, unknown>, rel: string, values: Record<string, string> = {}): string | undefined {
  const found = (resource._links as Record<string, Link | Link[]> | undefined)?.[rel];
  const href = (Array.isArray(found) ? found[0] : found)?.href;
  return href?.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));
}
