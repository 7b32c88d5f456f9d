// The Pact Verifier in a process of its own. Its native core prints straight to file descriptor 1, which a
// Node process cannot redirect, so verify runs it here with stdout piped: the parent decides what of that
// output anyone sees (a summary by default, all of it with --verbose, nothing when the caller passes no log).
// Everything with state stays in the parent: provider-state set-up, the replay's token swap and message
// production are asked for over a loopback callback URL; the Verifier's JSON result goes back over IPC.
import { Verifier } from '@pact-foundation/pact';
import type { ChildConfig, ChildResult } from './pacts.ts';

type Reply = { values?: Record<string, string>; context?: string; authorization?: string; result?: unknown; error?: string };

async function main(config: ChildConfig): Promise<ChildResult> {
  const call = async (path: string, body: unknown): Promise<Reply> => {
    const res = await fetch(`${config.callbackUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as Reply;
  };
  const stateHandlers = Object.fromEntries(
    config.states.map((name) => [
      name,
      {
        setup: async (params?: Record<string, unknown>) => (await call('/state', { name, params, action: 'setup' })).values,
        teardown: async () => {
          await call('/state', { name, action: 'teardown' });
          return undefined;
        },
      },
    ]),
  );
  const messageProviders = Object.fromEntries(
    config.messages.map((description) => [
      description,
      async () => {
        const reply = await call('/message', { description });
        if (reply.error !== undefined) throw new Error(reply.error);
        return reply.result;
      },
    ]),
  );
  type Req = { url?: string; headers: Record<string, string | string[] | undefined> };
  const requestFilter = (req: Req, _res: unknown, next: (err?: unknown) => void) => {
    if (req.url?.startsWith('/_pactSetup') || req.url?.startsWith('/_messages')) return next();
    call('/filter', { hasAuthorization: req.headers.authorization !== undefined }).then((r) => {
      req.headers[config.contextHeader] = r.context;
      if (r.authorization) req.headers.authorization = r.authorization;
      next();
    }, next);
  };
  let raw: string;
  try {
    raw = String(
      await new Verifier({
        ...config.options,
        stateHandlers,
        requestFilter: requestFilter as never,
        ...(config.messages.length ? { messageProviders } : {}),
      } as unknown as ConstructorParameters<typeof Verifier>[0]).verifyProvider(),
    );
  } catch (err) {
    raw = err instanceof Error ? err.message : String(err);
  }
  return { raw };
}

process.once('message', (config: ChildConfig) => {
  main(config).then(
    (result) => process.send!(result, () => process.exit(0)),
    (err: unknown) => process.send!({ raw: `the Pact Verifier process failed: ${(err as Error)?.message ?? String(err)}` }, () => process.exit(0)),
  );
});
