// Where the black-box behaviour tests get their instance, and a user's whole observable state read through
// the public API (for "a rejected request changes nothing" comparisons). A black-box test needs only a base
// URL and an `Api` over fetch: `startTarget` gets both from any adapter of targets.ts (the behaviour suite
// runs `describe.each(TARGETS)`), `startSandbox` from the shipped factory on 127.0.0.1, port 0, for the tests
// that need what only the sandbox has (extra fastify plugins, the webhook, raw sockets).
import { createSandbox, type SandboxOptions as FactoryOptions } from '../../../src/sandbox/index.ts';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { Api, type Guest, type MediaObject, type Notification, type Person } from './http.ts';
import type { Target, TargetOptions } from './targets.ts';

/** What a behaviour test may ask of its target: configuration, and replaced rules or extra plugins. */
export type SandboxOptions = Pick<FactoryOptions, 'maxUploadBytes' | 'notifyWebhookUrl' | 'rules' | 'plugins' | 'cors' | 'limits' | 'seed' | 'webhookRetry'>;

export interface RunningSandbox {
  /** The base URL of the public API (and of /_sandbox/…). */
  url: string;
  api: Api;
  close: () => Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await createSandbox(options);
  const url = await sandbox.listen(0, '127.0.0.1');
  return { url, api: new Api(url), close: () => sandbox.close() };
}

/** For tests that start their own sandboxes or receivers: `keep(x)` returns `x` and closes it after the test. */
export function closeAfterEach(): <T extends { close(): unknown }>(resource: T) => T {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}

/** One fresh instance of `target`, with an Api that reaches it and its test support. */
export async function startTarget(target: Target, options: TargetOptions = {}): Promise<RunningSandbox> {
  const running = await target.start(options);
  return { url: running.baseUrl, api: new Api(running.baseUrl, running), close: () => running.close() };
}

/** One instance of `target` for a describe block, with one guest (read `ctx.sandbox` and `ctx.user` in tests). */
export function targetPerBlock(target: Target, options: TargetOptions = {}): { readonly sandbox: RunningSandbox; readonly user: Guest } {
  const ctx = {} as { sandbox: RunningSandbox; user: Guest };
  beforeAll(async () => {
    ctx.sandbox = await startTarget(target, options);
  });
  afterAll(() => ctx.sandbox?.close());
  beforeFirst(async () => {
    ctx.user = await ctx.sandbox.api.guest();
  });
  return ctx;
}

/** One sandbox for a test file, reset and given a fresh guest before each test (read `sandbox` and `user` in tests). */
export function sandboxPerFile(options: SandboxOptions = {}): { readonly sandbox: RunningSandbox; readonly user: Guest } {
  const ctx = {} as { sandbox: RunningSandbox; user: Guest };
  beforeAll(async () => {
    ctx.sandbox = await startSandbox(options);
  });
  afterAll(() => ctx.sandbox?.close());
  beforeEach(async () => {
    await ctx.sandbox.api.reset();
    ctx.user = await ctx.sandbox.api.guest();
  });
  return ctx;
}

/**
 * Run `setUp` once, before the first test of the enclosing describe block, for data many of its tests read
 * (users, uploads). Not in beforeAll: Stryker's per-test coverage (npm run mutation:sandbox) counts code that
 * runs in beforeAll as run by no test, and then runs each of its mutants against every test of the sandbox,
 * which makes a full run several times longer (docs/mutation-testing.md, "Static mutants").
 */
export function beforeFirst(setUp: () => Promise<void>): void {
  let done = false;
  beforeEach(async () => {
    if (done) return;
    done = true;
    await setUp();
  });
}

export interface UserState {
  me: Person;
  media: MediaObject[];
  notifications: Notification[];
}

/** Everything a user can observe about themselves, plus their notifications. */
export async function userState(api: Api, user: Guest): Promise<UserState> {
  const [me, media, notifications] = await Promise.all([
    api.me(user.token),
    api.media(user.token),
    api.notifications(user.profileId),
  ]);
  return { me, media, notifications };
}
