// Which commit step "breaking" compares the working tree's spec with, without configuration:
//   --base REF or CONTRACT_BASE_REF   that ref, as given;
//   a pull request (GITHUB_BASE_REF)  where the branch left its target: merge-base(HEAD, origin/<target>);
//   anywhere else                     where HEAD left the default branch: merge-base(HEAD, <default>), which is
//                                     HEAD itself on the default branch (then only uncommitted changes count).
// The merge base, not the target's tip: what the target gained since the branch left it is not this change's doing
// (comparing with the tip would report those additions as removals). The choice and its reason go into the report.
import { exec, tail } from './exec.ts';
import { CouldNotRun } from './model.ts';

export interface BaseChoice {
  /** The ref compared with (as given, or the merge-base commit). */
  ref: string;
  /** Why this one, for the summary: e.g. `merge base of HEAD and origin/main (the pull request's target)`. */
  how: string;
}

const FETCH_FIX =
  'Fetch the history (in GitHub Actions: actions/checkout with `fetch-depth: 0`), or name the base with --base REF / CONTRACT_BASE_REF.';

async function git(root: string, args: string[]): Promise<string | undefined> {
  const r = await exec('git', args, { cwd: root, timeoutMs: 30_000 });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** The default branch: origin's HEAD when the clone knows it, else the first of the usual names that exists. */
export async function defaultBranch(root: string): Promise<string | undefined> {
  const originHead = await git(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (originHead) return originHead;
  for (const name of ['origin/main', 'origin/master', 'main', 'master']) {
    if (await git(root, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`])) return name;
  }
  return undefined;
}

async function mergeBase(root: string, target: string, why: string): Promise<BaseChoice> {
  const r = await exec('git', ['merge-base', 'HEAD', target], { cwd: root, timeoutMs: 30_000 });
  if (r.code !== 0) {
    throw new CouldNotRun(`HEAD and ${target} have no merge base in this clone (${why}); is the history shallow?${r.stderr ? `\n${tail(r.stderr)}` : ''}`, FETCH_FIX);
  }
  const commit = r.stdout.trim();
  const head = await git(root, ['rev-parse', 'HEAD']);
  if (commit === head) return { ref: 'HEAD', how: `HEAD, which is where it meets ${target} (${why}): only uncommitted changes count` };
  return { ref: commit, how: `${commit.slice(0, 12)}, the merge base of HEAD and ${target} (${why})` };
}

export async function chooseBase(root: string, explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<BaseChoice> {
  if (explicit) return { ref: explicit, how: `${explicit} (--base)` };
  if (env.CONTRACT_BASE_REF) return { ref: env.CONTRACT_BASE_REF, how: `${env.CONTRACT_BASE_REF} (CONTRACT_BASE_REF)` };
  if (!(await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))) {
    throw new CouldNotRun('this folder is not a git repository with a commit, so there is no base to compare the spec with.', 'Run the check in a git clone, or skip the step with --skip breaking.');
  }
  if (env.GITHUB_BASE_REF) {
    const remote = `origin/${env.GITHUB_BASE_REF}`;
    const target = (await git(root, ['rev-parse', '--verify', '--quiet', `${remote}^{commit}`])) ? remote : env.GITHUB_BASE_REF;
    return mergeBase(root, target, "the pull request's target, GITHUB_BASE_REF");
  }
  const main = await defaultBranch(root);
  if (!main) return { ref: 'HEAD', how: 'HEAD (no default branch found: only uncommitted changes count)' };
  return mergeBase(root, main, 'the default branch');
}
