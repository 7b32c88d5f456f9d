// `npm run verify -- --provider-url URL [--header "Name: value"]… [--notifications-port N] [--pact-dir DIR] [--report-dir DIR]`:
// the command-line face of verify(). Exit codes: 0 everything passed, 1 a check failed, 2 usage (bad flags,
// no pacts, port in use), 3 the provider did not answer.
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { BrokerError } from '../broker/client.ts';
import { verify, UsageError } from './index.ts';
import { parseHeaders } from './headers.ts';
import { formatText } from './report.ts';

export { verify } from './index.ts';

export const USAGE = `usage: npm run verify -- --provider-url URL [options]

Verifies a running Profile Service build from outside: replays every pact (provider states through the
public API), checks every response against openapi/profile-service.yaml, runs the sequence rules and,
with --notifications-port, checks the real Profile Notification webhook deliveries.

options:
  --provider-url URL        the provider's base URL (required), e.g. http://127.0.0.1:4010
  --notifications-port N    listen on 127.0.0.1:N for webhook deliveries; start the provider with
                            NOTIFY_WEBHOOK_URL=http://127.0.0.1:N/ (without it, message checks are skipped)
  --header 'Name: value'    send this header on every request (repeatable), e.g. a gateway's
                            'Ocp-Apim-Subscription-Key: <key>'; values never appear in output
  --pact-dir DIR            a folder of pact files to verify, any consumer's (repeatable; default: pacts/)
  --pact-url URL            one pact: an http(s) URL (e.g. from a broker webhook), a file:// URL or a
                            path (repeatable; without --pact-dir, only these are verified)
  --report-dir DIR          where verify.junit.xml and verify.md go (default: reports/)
  --message-timeout-ms MS   how long to wait for one webhook delivery (default: 5000)
  --verbose                 show the Pact Verifier's own output in full (default: one summary line)
  -h, --help                this text

Colour is used only when stdout is a terminal (NO_COLOR turns it off).

exit codes: 0 passed, 1 a check failed, 2 usage error, 3 provider unreachable
`;

function usageError(message: string): number {
  process.stderr.write(`verify: ${message}\n\n${USAGE}`);
  return 2;
}

function integer(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'provider-url': { type: 'string' },
        'notifications-port': { type: 'string' },
        header: { type: 'string', multiple: true },
        'pact-dir': { type: 'string', multiple: true },
        'pact-url': { type: 'string', multiple: true },
        'report-dir': { type: 'string' },
        'message-timeout-ms': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const colour = process.stdout.isTTY === true && process.stdout.hasColors();
  const providerUrl = values['provider-url'];
  if (typeof providerUrl !== 'string' || !providerUrl) return usageError('--provider-url is required');
  try {
    const timeout = values['message-timeout-ms'];
    const result = await verify({
      providerUrl,
      headers: parseHeaders((values.header as string[] | undefined) ?? []),
      notificationsPort: integer(values['notifications-port'] as string | undefined, '--notifications-port', 65535),
      ...(values['pact-dir'] ? { pactDir: values['pact-dir'] as string[] } : {}),
      ...(values['pact-url'] ? { pactUrls: values['pact-url'] as string[] } : {}),
      ...(typeof values['report-dir'] === 'string' ? { reportDir: values['report-dir'] } : {}),
      ...(typeof timeout === 'string' ? { messageTimeoutMs: integer(timeout, '--message-timeout-ms', 600_000) } : {}),
      log: (line) => process.stdout.write(`${line}\n`),
      ...(values.verbose ? { verifierOutput: (text: string) => process.stdout.write(colour ? text : stripVTControlCharacters(text)) } : {}),
    });
    process.stdout.write(formatText(result, colour));
    return result.exitCode;
  } catch (err) {
    if (err instanceof UsageError) return usageError(err.message);
    if (err instanceof BrokerError) {
      process.stderr.write(`verify: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
