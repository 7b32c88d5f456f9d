// Which base step "breaking" compares with when nobody says (src/check/base.ts), on tiny git repositories made for
// each case: the default branch itself, a feature branch, a pull request (GITHUB_BASE_REF, with and without a
// remote-tracking ref), origin's HEAD naming the default branch, the overrides, and history that has no merge base.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseBase } from '../../src/check/base.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** A repository on `main` with two commits; returns it and a git runner. */
async function repo(defaultBranch = 'main') {
  const dir = await mkdtemp(join(tmpdir(), 'check-base-'));
  dirs.push(dir);
  const git = async (...args: string[]) =>
    (await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir })).stdout.trim();
  await git('init', '-q', '-b', defaultBranch);
  const commit = async (message: string) => {
    await writeFile(join(dir, 'file.txt'), message);
    await git('add', '-A');
    await git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  await commit('one');
  const tip = await commit('two');
  return { dir, git, commit, tip };
}

const NO_ENV = {};

describe('chooseBase', () => {
  it('on the default branch: HEAD (only uncommitted changes count)', async () => {
    const { dir } = await repo();
    expect(await chooseBase(dir, undefined, NO_ENV)).toMatchObject({ ref: 'HEAD', how: expect.stringMatching(/where it meets main \(the default branch\)/) });
  });

  it('on a feature branch: its merge base with the default branch, not the branch tip and not main’s tip', async () => {
    const { dir, git, commit, tip } = await repo();
    await git('checkout', '-q', '-b', 'feature');
    await commit('feature work');
    await git('checkout', '-q', 'main');
    await commit('main moved on');
    await git('checkout', '-q', 'feature');
    expect(await chooseBase(dir, undefined, NO_ENV)).toEqual({ ref: tip, how: `${tip.slice(0, 12)}, the merge base of HEAD and main (the default branch)` });
  });

  it("finds the default branch by origin's HEAD, whatever it is called", async () => {
    const { dir, git, commit, tip } = await repo('trunk');
    await git('update-ref', 'refs/remotes/origin/trunk', tip);
    await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    await git('checkout', '-q', '-b', 'feature');
    await commit('feature work');
    expect(await chooseBase(dir, undefined, NO_ENV)).toMatchObject({ ref: tip, how: expect.stringMatching(/merge base of HEAD and origin\/trunk/) });
  });

  it('in a pull request: the merge base with origin/<GITHUB_BASE_REF>, else with the local branch of that name', async () => {
    const { dir, git, commit, tip } = await repo();
    await git('checkout', '-q', '-b', 'release');
    const release = await commit('release branch');
    await git('checkout', '-q', '-b', 'feature');
    await commit('feature work');
    expect(await chooseBase(dir, undefined, { GITHUB_BASE_REF: 'release' })).toMatchObject({
      ref: release,
      how: expect.stringMatching(/merge base of HEAD and release \(the pull request's target, GITHUB_BASE_REF\)/),
    });
    await git('update-ref', 'refs/remotes/origin/release', tip);
    expect(await chooseBase(dir, undefined, { GITHUB_BASE_REF: 'release' })).toMatchObject({ ref: tip, how: expect.stringMatching(/HEAD and origin\/release/) });
  });

  it('--base and CONTRACT_BASE_REF win, as given', async () => {
    const { dir } = await repo();
    expect(await chooseBase(dir, 'v1.0.0', { CONTRACT_BASE_REF: 'x', GITHUB_BASE_REF: 'main' })).toEqual({ ref: 'v1.0.0', how: 'v1.0.0 (--base)' });
    expect(await chooseBase(dir, undefined, { CONTRACT_BASE_REF: 'origin/main', GITHUB_BASE_REF: 'main' })).toEqual({ ref: 'origin/main', how: 'origin/main (CONTRACT_BASE_REF)' });
  });

  it('says how to fix history without a merge base (a shallow clone) and a folder without git', async () => {
    const { dir, git, commit } = await repo();
    await git('checkout', '-q', '--orphan', 'unrelated');
    await commit('no common history');
    await expect(chooseBase(dir, undefined, { GITHUB_BASE_REF: 'main' })).rejects.toMatchObject({ fix: expect.stringMatching(/fetch-depth: 0/) });
    const plain = await mkdtemp(join(tmpdir(), 'check-base-nogit-'));
    dirs.push(plain);
    await expect(chooseBase(plain, undefined, NO_ENV)).rejects.toMatchObject({ fix: expect.stringMatching(/--skip breaking/) });
  });
});
