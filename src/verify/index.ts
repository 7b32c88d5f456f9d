// `verify(options)`: prove from outside that a running provider keeps the contract. It replays every pact
// (provider states through the public API), checks every response against the spec on the way, runs the
// sequence rules, and, given a notifications port, checks the real webhook deliveries against the message
// pacts and the message rules. The result is structured; main.ts prints it and sets the exit code.
import http from 'node:http';
import https from 'node:https';
import { resolve } from 'node:path';
import { Api } from './api.ts';
import { startGate, type Gate } from './gate.ts';
import { Inbox, PortInUseError } from './inbox.ts';
import { MESSAGE_RULES, NOTIFICATIONS_HINT, finishMessageRules, messageProviders, runMessageRules, skippedMessageRules } from './messages.ts';
import { UsageError, loadPacts, pactResults, runPactVerifier, writeSelection, type PactRun } from './pacts.ts';
import { writeReports } from './report.ts';
import { RuleSet } from './rules.ts';
import { runSequences } from './sequences.ts';
import { SpecChecker } from './spec.ts';
import { StateSession } from './states.ts';
import type { CheckResult, CheckStatus, Failure, VerifyOptions, VerifyResult } from './types.ts';

export type { CheckResult, Failure, VerifyOptions, VerifyResult } from './types.ts';
export { UsageError } from './pacts.ts';

// Relative on purpose: resolve() below takes them against the caller's working directory, never the kit's folder.
export const DEFAULT_PACT_DIR = 'pacts';
export const DEFAULT_REPORT_DIR = 'reports';

/**
 * Probe with the one operation that needs no token. A failed connection means the provider is not there
 * (exit 3); a 404 or 405 means something else answers at that URL, usually a missing path prefix.
 */
async function probe(providerUrl: string): Promise<{ down?: string; wrongBase?: CheckResult }> {
  try {
    // node:http rather than fetch: fetch refuses some ports outright (6000, 6665-6669, …) that a provider may use.
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${providerUrl}/token?grant_type=guest`);
      const req = (url.protocol === 'https:' ? https : http).request(url, { method: 'POST', timeout: 5000 }, (r) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text }));
        r.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 5 s'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
    if (res.status !== 404 && res.status !== 405) return {};
    const failure = {
      message: `POST ${providerUrl}/token?grant_type=guest answered ${res.status}: the Profile Service API does not seem to be at this URL`,
      expected: '200 with a guest token',
      actual: `${res.status} ${res.text.slice(0, 200)}`,
    };
    const hint = 'give --provider-url the API base URL, including any path prefix (e.g. https://host/test/profile)';
    return { wrongBase: { suite: 'pact', name: 'the public API answers at --provider-url', status: 'failed', failures: [failure], hint, durationMs: 0 } };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { down: `the provider at ${providerUrl} does not answer (${e.code ?? e.message}); start it, or fix --provider-url` };
  }
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
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const providerUrl = options.providerUrl.replace(/\/+$/, '');
  try {
    new URL(providerUrl);
  } catch {
    throw new UsageError(`--provider-url "${options.providerUrl}" is not a URL; give e.g. http://127.0.0.1:4010`);
  }
  const checker = new SpecChecker(options.specPath);
  const pacts = loadPacts(resolve(options.pactDir ?? DEFAULT_PACT_DIR));
  const timing = { timeoutMs: options.messageTimeoutMs ?? 5000, quietMs: options.quietMs ?? 400 };

  const finish = (checks: CheckResult[], unreachable?: string): VerifyResult => {
    const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, skipped: 0 };
    for (const c of checks) counts[c.status]++;
    const ok = !unreachable && counts.failed === 0;
    const result: VerifyResult = {
      ok,
      exitCode: unreachable ? 3 : ok ? 0 : 1,
      providerUrl,
      checks,
      counts,
      durationMs: Date.now() - started,
      reportFiles: [],
      ...(unreachable ? { unreachable } : {}),
    };
    if (options.reportDir !== false) result.reportFiles = writeReports(result, resolve(options.reportDir ?? DEFAULT_REPORT_DIR));
    return result;
  };

  // The inbox listens before the first request, so that even the reachability probe's guest is delivered.
  let inbox: Inbox | undefined;
  if (options.notificationsPort !== undefined) {
    try {
      inbox = await Inbox.listen(options.notificationsPort, checker);
    } catch (err) {
      if (err instanceof PortInUseError) throw new UsageError(err.message);
      throw err;
    }
  }
  const { down, wrongBase } = await probe(providerUrl);
  if (down || wrongBase) {
    await inbox?.close();
    return finish(wrongBase ? [wrongBase] : [], down);
  }
  const gate = await startGate(providerUrl, checker);
  const api = new Api(gate.url, 'verify');
  const selection = writeSelection(pacts.files, inbox ? ['http', 'message'] : ['http']);
  try {
    const session = new StateSession(api.as('provider state set-up'));
    const messageErrors = new Map<string, Failure>();
    const messageInteractions = pacts.interactions.filter((i) => i.kind === 'message');
    const messageRules = new RuleSet('messages');
    for (const name of Object.values(MESSAGE_RULES)) messageRules.rule(name);

    const pactRun: Promise<PactRun | undefined> = selection.paths.length
      ? runPactVerifier({
          providerBaseUrl: gate.url,
          pactUrls: selection.paths,
          stateHandlers: session.handlers() as never,
          requestFilter: session.requestFilter() as never,
          ...(inbox ? { messageProviders: messageProviders(messageInteractions, api.as('message pact set-up'), inbox, timing, messageErrors) } : {}),
        })
      : Promise.resolve(undefined);
    log(`verifying ${pacts.interactions.length} interactions from ${pacts.files.length} pact file(s), the spec and the sequence rules against ${providerUrl}`);
    const [run, sequences] = await Promise.all([
      pactRun,
      runSequences(api),
      inbox ? runMessageRules(api.as('message rules'), inbox, timing, messageRules) : Promise.resolve(),
    ]);

    // The story behind each interaction's failure: state set-up and message production, by description.
    // A message that could not be produced replaces Pact's mismatches, which then only compare an error.
    const extra = new Map<string, { failures: Failure[]; supersedes: boolean }>();
    for (const i of pacts.interactions) {
      const stories: Failure[] = i.states.flatMap((s) => session.setupFailures.get(s) ?? []);
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

    return finish([...pact, ...specResults(gate), ...sequences, ...messages]);
  } finally {
    selection.dispose();
    await gate.close();
    await inbox?.close();
  }
}
