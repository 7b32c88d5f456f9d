// Version and branch from git, the defaults the Pact docs recommend: the commit SHA as the version, the
// branch as the branch. On CI a pull request's checkout is a detached HEAD, so the CI's own variables come
// first (GitHub Actions: GITHUB_HEAD_REF for pull requests, GITHUB_REF_NAME otherwise).
import { execFileSync } from 'node:child_process';

function git(args: string[], cwd: string): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

export function gitVersion(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_SHA || git(['rev-parse', 'HEAD'], cwd);
}

export function gitBranch(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const ci = env.GITHUB_HEAD_REF || (env.GITHUB_REF_TYPE === 'tag' ? undefined : env.GITHUB_REF_NAME);
  if (ci) return ci;
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  return branch === 'HEAD' ? undefined : branch;
}
