// The environment of a consumer's shell, for commands run in the temporary consumer project: what this test
// run got from npm (npm_* settings, INIT_CWD, the kit's node_modules/.bin on PATH) is removed, so the kit's
// own folder cannot leak into what the consumer project resolves or how its npm behaves.
import { delimiter } from 'node:path';

export function consumerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !dir.includes('node_modules'))
    .join(delimiter);
  return { ...env, PACT_DO_NOT_TRACK: 'true', ...extra };
}
