// `profile-contracts check` in repositories that are not this one, as their teams would run it, from temporary
// folders outside this clone (no node_modules there; the kit's CLI is run by path):
// - a consumer team with only its pact files checks them against the kit's published spec: step "allowed"
//   (multipart parts and messages included); the steps that need a spec of its own are skipped, and say why;
// - a provider team with its own copy of the spec passes --spec, --pacts and --base.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { CheckReport } from '../../src/check/index.ts';
import { SPEC_PATH } from '../../src/spec/paths.ts';
import { writeFixturePacts, type FixtureOptions } from './support/fixture-pacts.ts';
import { at, type Doc } from './support/spec-edit.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/bin.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `check-${name}-`));
  dirs.push(dir);
  return dir;
}

/** `profile-contracts check <args>` with `cwd` as the working directory; the exit code and the JSON report. */
async function check(cwd: string, args: string[]): Promise<{ code: number; report: CheckReport; out: string }> {
  const reportPath = join(cwd, 'reports/check.json');
  let code = 0;
  let out = '';
  try {
    out = (await exec(process.execPath, ['--import', TSX, CLI, 'check', ...args], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' }, timeout: 300_000 })).stdout;
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    code = e.code;
    out = e.stdout + e.stderr;
  }
  return { code, report: JSON.parse(await readFile(reportPath, 'utf8')) as CheckReport, out };
}

const consumerRepo = async (pacts: FixtureOptions) => {
  const dir = await folder('consumer');
  await writeFile(join(dir, 'package.json'), '{ "name": "some-consumer-app", "private": true }\n');
  await writeFixturePacts({ dir }, pacts);
  return dir;
};

describe("a consumer team's repository: its pacts against the kit's published spec", { timeout: 300_000 }, () => {
  it('passes pacts the spec allows; the steps without a spec of their own are skipped and say why', async () => {
    const dir = await consumerRepo({});
    const { code, report, out } = await check(dir, []);
    expect(code, out).toBe(0);
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['lint:skipped', 'types:skipped', 'pacts:skipped', 'allowed:pass', 'breaking:skipped']);
    expect(report.steps[0]!.notes.join()).toMatch(/profile-contracts\/openapi\/profile-service\.yaml\) is not part of this repository/);
    expect(out).toMatch(/✔ allowed: ok/);
  });

  it('fails an unknown multipart part and message metadata the spec does not allow, naming the pact file', async () => {
    const dir = await consumerRepo({ parts: ['file', 'avatar'], metadata: { eventTrigger: 'Updated' } });
    const { code, report, out } = await check(dir, ['--pacts', 'pacts']);
    expect(code, out).toBe(1);
    const problems = report.steps.flatMap((s) => s.findings.map((f) => `${f.artefact} :: ${f.rule} :: ${f.problem}`));
    expect(problems).toContainEqual(expect.stringMatching(/^pacts\/FixtureClient-ProfileService\.json .* :: multipart part names exist in the spec :: .*"avatar"/));
    expect(problems).toContainEqual(expect.stringMatching(/^pacts\/FixtureSubscriber-ProfileServiceNotifications\.json .* :: message metadata match .*eventTrigger/));
  });
});

describe("a provider team's repository: --spec, --pacts and --base", { timeout: 300_000 }, () => {
  it('catches a breaking change against the base it names, with the spec and pacts where that team keeps them', async () => {
    const dir = await folder('provider');
    const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir });
    await mkdir(join(dir, 'api'), { recursive: true });
    await mkdir(join(dir, 'contracts'), { recursive: true });
    await writeFile(join(dir, 'api/profile.yaml'), await readFile(SPEC_PATH, 'utf8'));
    await writeFixturePacts({ dir }, {}, 'contracts');
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'the contract');
    await git('tag', 'v1');
    const doc = parse(await readFile(join(dir, 'api/profile.yaml'), 'utf8')) as Doc;
    delete at(doc, 'paths', '/media', 'post', 'responses', '201', 'headers').Location;
    await writeFile(join(dir, 'api/profile.yaml'), stringify(doc, { aliasDuplicateObjects: false }));

    const { code, report, out } = await check(dir, ['--spec', 'api/profile.yaml', '--pacts', 'contracts', '--base', 'v1', '--skip', 'lint']);
    expect(code, out).toBe(2);
    expect(report.compared).toBe('api/profile.yaml in the working tree against v1 (--base)');
    const breaking = report.steps.find((s) => s.step === 'breaking')!;
    expect(breaking.findings).toContainEqual(
      expect.objectContaining({ rule: 'response-header-removed', artefact: 'api/profile.yaml POST /media response 201 header Location' }),
    );
    expect(breaking.findings.map((f) => f.fix).join()).toMatch(/api\/accepted-breaking-changes\.yaml/);
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['types:skipped', 'pacts:skipped', 'allowed:pass', 'breaking:fail']);
  });
});
