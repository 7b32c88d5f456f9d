// `npm run verify -- --provider-url URL [--header "Name: value"]… [--notifications-port N] [--pact-dir DIR] [--report-dir DIR]`:
// the command-line face of verify(). Exit codes: 0 everything passed, 1 a check failed, 2 usage (bad flags,
// no pacts, port in use), 3 the provider did not answer.
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { BrokerError, brokerAuth } from './broker-client.ts';
import { gitBranch, gitVersion } from './git.ts';
import { UsageError, verify } from './index.ts';
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
  --max-upload-bytes N      the provider's upload limit (default: 10485760); one byte more must get 413

Pact Broker (flags, or the environment variables the Pact tools read):
  --broker-url URL          take the pacts from this broker [PACT_BROKER_BASE_URL]: the HTTP provider's,
                            and with --notifications-port the notifications provider's
  --broker-token TOKEN      bearer token [PACT_BROKER_TOKEN]
  --broker-username NAME    basic auth [PACT_BROKER_USERNAME], with --broker-password [PACT_BROKER_PASSWORD]
  --provider-version V      the provider version results are published for (default: the git commit)
  --provider-branch B       the provider branch (default: the git branch)
  --consumer-version-selectors JSON
                            default [{"mainBranch":true},{"deployedOrReleased":true},{"matchingBranch":true}]
  --enable-pending          failures of pacts the broker marks pending do not fail the run
  --include-wip-pacts-since DATE
                            also verify work-in-progress pacts published since DATE (e.g. 2026-01-01)
  --publish                 publish the verification results to the broker (needs a provider version)
  --provider-name NAME      the HTTP provider's name at the broker (default: ProfileService)
  --notifications-provider-name NAME
                            the notifications provider's name (default: ProfileServiceNotifications)

  --verbose                 show the Pact Verifier's own output in full (default: one summary line)
  -h, --help                this text

Colour is used only when stdout is a terminal (NO_COLOR turns it off).

exit codes: 0 passed, 1 a check failed, 2 usage error, 3 provider unreachable, 4 broker (or a --pact-url)
unreachable or not a broker, 5 the broker refused the credentials, 6 the broker has no pacts for the provider
`;

function usageError(message: string): number {
  process.stderr.write(`verify: ${message}\n\n${USAGE}`);
  return 2;
}

/** `--consumer-version-selectors '[{"mainBranch":true}]'`: a JSON array of objects. */
function parseSelectors(text: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    throw new UsageError(`--consumer-version-selectors must be a JSON array of selector objects, e.g. '[{"mainBranch":true},{"deployedOrReleased":true}]'; got ${text}`);
  }
  return value as Record<string, unknown>[];
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
        'max-upload-bytes': { type: 'string' },
        'broker-url': { type: 'string' },
        'broker-token': { type: 'string' },
        'broker-username': { type: 'string' },
        'broker-password': { type: 'string' },
        'provider-version': { type: 'string' },
        'provider-branch': { type: 'string' },
        'consumer-version-selectors': { type: 'string' },
        'enable-pending': { type: 'boolean' },
        'include-wip-pacts-since': { type: 'string' },
        publish: { type: 'boolean' },
        'provider-name': { type: 'string' },
        'notifications-provider-name': { type: 'string' },
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
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  try {
    const timeout = values['message-timeout-ms'];
    const env = process.env;
    const auth = brokerAuth({ token: str('broker-token'), username: str('broker-username'), password: str('broker-password') });
    const brokerUrl = str('broker-url') ?? (env.PACT_BROKER_BASE_URL || undefined);
    const wip = str('include-wip-pacts-since');
    if (wip !== undefined && Number.isNaN(Date.parse(wip))) throw new UsageError(`--include-wip-pacts-since must be a date such as 2026-01-01, got "${wip}"`);
    const providerVersion = str('provider-version') ?? (values.publish ? gitVersion() : undefined);
    const providerBranch = str('provider-branch') ?? (brokerUrl ? gitBranch() : undefined);
    const result = await verify({
      providerUrl,
      headers: parseHeaders((values.header as string[] | undefined) ?? []),
      broker: {
        ...auth,
        ...(brokerUrl ? { url: brokerUrl } : {}),
        ...(str('consumer-version-selectors') !== undefined ? { selectors: parseSelectors(str('consumer-version-selectors')!) } : {}),
        ...(values['enable-pending'] ? { enablePending: true } : {}),
        ...(wip ? { includeWipPactsSince: wip } : {}),
      },
      providerNames: { http: str('provider-name'), notifications: str('notifications-provider-name') },
      ...(providerVersion ? { providerVersion } : {}),
      ...(providerBranch ? { providerBranch } : {}),
      ...(values.publish ? { publish: true } : {}),
      notificationsPort: integer(values['notifications-port'] as string | undefined, '--notifications-port', 65535),
      ...(values['pact-dir'] ? { pactDir: values['pact-dir'] as string[] } : {}),
      ...(values['pact-url'] ? { pactUrls: values['pact-url'] as string[] } : {}),
      ...(typeof values['report-dir'] === 'string' ? { reportDir: values['report-dir'] } : {}),
      ...(str('max-upload-bytes') !== undefined ? { maxUploadBytes: integer(str('max-upload-bytes'), '--max-upload-bytes', 1024 ** 3) } : {}),
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
