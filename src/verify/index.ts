// `verify(options)`: prove from outside that a running provider keeps the contract. It replays every pact
// (provider states through the public API), checks every response against the spec on the way, runs the
// sequence rules, and, given a notifications port, checks the real webhook deliveries against the message
// pacts and the message rules. The result is structured; main.ts prints it and sets the exit code.
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { BROKER_EXIT, BrokerError, firstLine } from './broker-client.ts';
import { DEFAULT_SELECTORS, pactsForVerification } from './broker-pacts.ts';
import { Api } from './api.ts';
import { CONTEXT_HEADER, startGate, type Gate } from './gate.ts';
import { redactResult, redactor } from './headers.ts';
import { Inbox, PortInUseError } from './inbox.ts';
import { MESSAGE_RULES, NOTIFICATIONS_HINT, finishMessageRules, messageProviders, runMessageRules, skippedMessageRules } from './messages.ts';
import { UsageError, VerifierProcess, loadPacts, pactResults, writeSelection, type PactRun } from './pacts.ts';
import { writeReports } from './report.ts';
import { RuleSet } from './rules.ts';
import { runSequences } from './sequences.ts';
import { SpecChecker } from './spec.ts';
import { PactCache, gatherPacts } from './sources.ts';
import { StateSession, stateProblems } from './states.ts';
import type { CheckResult, CheckStatus, Failure, VerifyOptions, VerifyResult } from './types.ts';

export type { CheckResult, Failure, VerifyOptions, VerifyResult } from './types.ts';
export { UsageError } from './pacts.ts';
// The names of verify's own checks, as results and reports show them (CheckResult.name of suites sequence and messages).
export { SEQUENCE_RULES } from './sequences.ts';
export { MESSAGE_RULES } from './messages.ts';

// Relative on purpose: resolve() takes them against the caller's working directory, never the kit's folder.
export const DEFAULT_PACT_DIR = 'pacts';
export const DEFAULT_REPORT_DIR = 'reports';
/** The contract's default upload limit (10 MiB); the rejection rule sends one byte more. */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The provider names of the kit's own pacts: the HTTP API and its Profile Notifications. */
export const PROVIDERS = { http: 'ProfileService', notifications: 'ProfileServiceNotifications' } as const;

const TOKEN_PATH = '/token?grant_type=guest';

/** What verify stops with when the provider gives no guest: why, in plain words, and how to fix it. */
function noGuest(providerUrl: string, status: number, headers: http.IncomingHttpHeaders, body: string, sent: string[]): CheckResult {
  const server = [headers.server, headers.via].filter(Boolean).join(', ');
  const answered = `POST ${providerUrl}${TOKEN_PATH} answered ${status}${server ? ` (from ${server})` : ''}`;
  const line = firstLine(body);
  const actual = `${status}${headers['content-type'] ? ` (${headers['content-type']})` : ''}${line ? ` ${line}` : ''}`;
  const given = sent.length ? `the header(s) given with --header (${sent.join(', ')}) were sent` : 'no --header was given';
  let message: string;
  let hint: string;
  if (status === 401 || status === 403) {
    message = `${answered}: something in front of the API (usually a gateway) refused the request before any state could be set up`;
    hint = sent.length
      ? `${given}: check their values, and whether the gateway needs another header`
      : "pass what the gateway needs with --header 'Name: value', e.g. --header 'Ocp-Apim-Subscription-Key: <key>' (repeatable)";
  } else if (status === 404 || status === 405) {
    message = `${answered}: the Profile Service API does not seem to be at this URL`;
    hint = 'give --provider-url the API base URL, including any path prefix (e.g. https://host/test/profile)';
  } else if (status === 200) {
    message = `${answered} without a token in its body: this does not look like the Profile Service API`;
    hint = 'give --provider-url the API base URL, including any path prefix (e.g. https://host/test/profile)';
  } else {
    message = `${answered}: the provider could not create a guest`;
    hint = `check the provider's logs; ${given}`;
  }
  return {
    suite: 'pact',
    name: `verify gets a guest from POST ${TOKEN_PATH} (needed by every provider state)`,
    status: 'failed',
    failures: [{ message: `${message}; verify stopped here`, expected: '200 with {"token": "..."}', actual }],
    hint,
    durationMs: 0,
  };
}

/**
 * Probe with the one operation that needs no token. A failed connection means the provider is not there
 * (exit 3); any answer but a guest token stops verify early with one plain failure (exit 1), instead of a
 * failure per interaction that all say the same.
 */
async function probe(providerUrl: string, extraHeaders: Record<string, string>): Promise<{ down?: string; stop?: CheckResult }> {
  try {
    // node:http rather than fetch: fetch refuses some ports outright (6000, 6665-6669, …) that a provider may use.
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const url = new URL(`${providerUrl}${TOKEN_PATH}`);
      const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', timeout: 5000, headers: extraHeaders }, (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text }));
        r.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 5 s'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
    let token: unknown;
    try {
      token = (JSON.parse(res.text) as { token?: unknown }).token;
    } catch {
      token = undefined;
    }
    if (res.status === 200 && typeof token === 'string' && token) return {};
    return { stop: noGuest(providerUrl, res.status, res.headers, res.text, Object.keys(extraHeaders)) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { down: `the provider at ${providerUrl} does not answer (${e.code ?? e.message}); start it, or fix --provider-url` };
  }
}

/** One line for the Pact Verifier's run, in place of its own output. */
function verifierSummary(run: PactRun): string {
  if (run.crashed) return `Pact Verifier: ${run.crashed.split('\n')[0]}`;
  const failed = run.ran.filter((r) => !r.ok).length;
  return `Pact Verifier: replayed ${run.ran.length} interaction(s), ${run.ran.length - failed} matched, ${failed} did not (its full output: --verbose)`;
}

function specResults(gate: Gate): CheckResult[] {
  return [...gate.observations.values()]
    .sort((a, b) => a.operation.localeCompare(b.operation))
    .map((o) => ({
      suite: 'spec' as const,
      name: o.operation,
      status: o.violations.size ? ('failed' as const) : ('passed' as const),
      failures: [...o.violations].map(([violation, example]) => ({
        message: `the response violates the spec: ${violation} (first seen on ${example})`,
      })),
      durationMs: 0,
    }));
}

export async function verify(options: VerifyOptions): Promise<VerifyResult> {
  const cache = new PactCache();
  try {
    return await verifyWith(options, cache);
  } finally {
    cache.dispose();
  }
}

async function verifyWith(options: VerifyOptions, cache: PactCache): Promise<VerifyResult> {
  const started = Date.now();
  const extraHeaders = options.headers ?? {};
  const redact = redactor(extraHeaders);
  const log = options.log ? (line: string) => options.log!(redact(line)) : () => undefined;
  const providerUrl = options.providerUrl.replace(/\/+$/, '');
  try {
    new URL(providerUrl);
  } catch {
    throw new UsageError(`--provider-url "${options.providerUrl}" is not a URL; give e.g. http://127.0.0.1:4010`);
  }
  const checker = new SpecChecker(options.specPath);
  const urls = options.pactUrls ?? [];
  const broker = options.broker ?? {};
  const auth = { token: broker.token, username: broker.username, password: broker.password };
  const dirs = options.pactDir === undefined ? (urls.length || broker.url ? [] : [DEFAULT_PACT_DIR]) : [options.pactDir].flat();
  if (options.publish && !options.providerVersion) {
    throw new UsageError('--publish needs --provider-version (no git commit to take it from here); e.g. --provider-version "$(git rev-parse HEAD)"');
  }
  const refs = await gatherPacts(dirs, urls, auth, cache);
  const notes: CheckResult[] = [];
  if (broker.url) {
    const names = { http: options.providerNames?.http ?? PROVIDERS.http, notifications: options.providerNames?.notifications ?? PROVIDERS.notifications };
    const query = { brokerUrl: broker.url, auth, selectors: broker.selectors, providerBranch: options.providerBranch, enablePending: broker.enablePending, includeWipPactsSince: broker.includeWipPactsSince };
    const queried = [names.http];
    if (options.notificationsPort !== undefined) queried.push(names.notifications);
    else notes.push({ suite: 'pact', name: `the pacts of ${names.notifications} from the broker`, status: 'skipped', failures: [], hint: NOTIFICATIONS_HINT, durationMs: 0 });
    let found = 0;
    for (const provider of queried) {
      for (const p of await pactsForVerification({ ...query, provider })) {
        found++;
        log(`pact from the broker: ${p.url}${p.pending ? ' (pending)' : ''}${p.wip ? ' (work in progress)' : ''}`);
        refs.push({ path: cache.save(p.json, provider), url: p.url, pending: p.pending, notices: p.notices });
      }
    }
    if (!found) {
      throw new BrokerError(
        `the Pact Broker at ${broker.url} has no pacts for ${queried.join(' or ')} matching the consumer version selectors ${JSON.stringify(query.selectors ?? DEFAULT_SELECTORS)}; check the provider name, the selectors, and that the consumers have published (profile-contracts publish)`,
        BROKER_EXIT.noPacts,
      );
    }
  }
  const pacts = loadPacts(refs);
  const timing = { timeoutMs: options.messageTimeoutMs ?? 5000, quietMs: options.quietMs ?? 400 };

  const finish = (checks: CheckResult[], unreachable?: string): VerifyResult => {
    const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, skipped: 0 };
    for (const c of checks) counts[c.status]++;
    // A failure in a pact the broker marked pending is reported, but does not fail the run.
    const ok = !unreachable && !checks.some((c) => c.status === 'failed' && !c.pending);
    const result: VerifyResult = redactResult({
      ok,
      exitCode: unreachable ? 3 : ok ? 0 : 1,
      providerUrl,
      checks,
      counts,
      durationMs: Date.now() - started,
      reportFiles: [],
      ...(unreachable ? { unreachable } : {}),
    }, redact);
    if (options.reportDir !== false) result.reportFiles = writeReports(result, resolve(options.reportDir ?? DEFAULT_REPORT_DIR));
    return result;
  };

  const verifier = new VerifierProcess();
  // The inbox listens before the first request, so that even the reachability probe's guest is delivered.
  let inbox: Inbox | undefined;
  if (options.notificationsPort !== undefined) {
    try {
      inbox = await Inbox.listen(options.notificationsPort, checker);
    } catch (err) {
      await verifier.stop();
      if (err instanceof PortInUseError) throw new UsageError(err.message);
      throw err;
    }
  }
  const { down, stop } = await probe(providerUrl, extraHeaders);
  if (down || stop) {
    await verifier.stop();
    await inbox?.close();
    return finish(stop ? [stop] : [], down);
  }
  const gate = await startGate(providerUrl, checker, extraHeaders);
  const api = new Api(gate.url, 'verify');
  const selection = writeSelection(pacts.files, inbox ? ['http', 'message'] : ['http']);
  try {
    const session = new StateSession(api.as('provider state set-up'));
    const messageErrors = new Map<string, Failure>();
    const messageInteractions = pacts.interactions.filter((i) => i.kind === 'message');
    const messageRules = new RuleSet('messages');
    for (const name of Object.values(MESSAGE_RULES)) messageRules.rule(name);

    const replayed = pacts.interactions.filter((i) => i.kind === 'http' || (inbox && i.kind === 'message'));
    const pactRun: Promise<PactRun | undefined> = selection.paths.length
      ? verifier.run(
          {
            contextHeader: CONTEXT_HEADER,
            states: [...new Set(replayed.flatMap((i) => i.states))],
            messages: inbox ? [...new Set(messageInteractions.map((i) => i.description))] : [],
            options: {
              providerBaseUrl: gate.url,
              // Publishing goes through each pact's own links, so the Verifier must load those from the broker.
              pactUrls: options.publish ? [...pacts.files.filter((f) => f.url).map((f) => f.url!), ...selection.paths.filter((_p, n) => !selection.files[n]!.url)] : selection.paths,
              ...(options.publish
                ? {
                    publishVerificationResult: true,
                    providerVersion: options.providerVersion,
                    ...(options.providerBranch ? { providerVersionBranch: options.providerBranch } : {}),
                    ...(auth.token ? { pactBrokerToken: auth.token } : {}),
                    ...(auth.username ? { pactBrokerUsername: auth.username, pactBrokerPassword: auth.password ?? '' } : {}),
                  }
                : {}),
            },
          },
          {
            handlers: session.handlers(),
            replayHeaders: (auth) => session.replayHeaders(auth),
            messages: inbox ? messageProviders(messageInteractions, api.as('message pact set-up'), inbox, timing, messageErrors) : {},
          },
        )
      : Promise.resolve(undefined);
    log(`verifying ${pacts.interactions.length} interactions from ${pacts.files.length} pact file(s), the spec and the sequence rules against ${providerUrl}`);
    const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    const [run, sequences] = await Promise.all([
      pactRun,
      runSequences(api, { maxUploadBytes }),
      inbox ? runMessageRules(api.as('message rules'), inbox, timing, messageRules, maxUploadBytes) : Promise.resolve(),
    ]);
    if (run) {
      // The Verifier's own output is long; by default one line stands for it (verify's report follows).
      if (options.verifierOutput) options.verifierOutput(redact(run.output));
      else log(verifierSummary(run));
    }

    // The story behind each interaction's failure: state set-up and message production, by description.
    // A message that could not be produced replaces Pact's mismatches, which then only compare an error.
    const extra = new Map<string, { failures: Failure[]; supersedes: boolean }>();
    for (const i of pacts.interactions) {
      const stories: Failure[] = [
        ...(i.kind === 'unsupported' ? [] : stateProblems(i.states.map((name, n) => ({ name, params: i.stateParams[n] ?? {} })), i.kind)).map((message) => ({ message })),
        ...i.states.flatMap((s) => session.setupFailures.get(s) ?? []),
      ];
      const m = messageErrors.get(i.description);
      if (m) stories.push(m);
      if (stories.length) extra.set(i.description, { failures: stories, supersedes: !!m });
    }
    const skipHint = (i: (typeof pacts.interactions)[number]) =>
      i.kind === 'unsupported'
        ? `verify replays HTTP and asynchronous message interactions; "${i.type}" is not supported`
        : i.kind === 'message' && !inbox
          ? NOTIFICATIONS_HINT
          : undefined;
    // A state set-up failure fails its interaction even when the replay happened to match.
    const pact = pactResults(pacts.interactions, run, extra, skipHint);

    let messages: CheckResult[];
    if (inbox) {
      finishMessageRules(inbox, messageRules);
      messages = messageRules.results();
    } else messages = skippedMessageRules();

    return finish([...pact, ...notes, ...specResults(gate), ...sequences, ...messages]);
  } finally {
    selection.dispose();
    await verifier.stop();
    await gate.close();
    await inbox?.close();
  }
}
