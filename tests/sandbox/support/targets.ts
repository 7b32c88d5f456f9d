// The adapters one behaviour suite runs against. A target starts one fresh instance of the Profile Service
// mock (optionally from a seed document) and hands back what a black-box test needs: a base URL, the `fetch`
// that reaches it, and the test-support calls (reset, the notification log, saving and restoring the state)
// that each adapter offers in its own way (the sandbox over /_sandbox/… and SANDBOX_SEED's loader, the MSW
// handlers as functions and options). A test file runs `describe.each(TARGETS)` and speaks
// only through this interface, so every adapter must pass the same tests, and none can drift.
//
// To add an adapter (a PostgreSQL-backed sandbox, say), add one Target to TARGETS; nothing else changes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { createProfileServiceHandlers, type SeedInput } from '../../../src/msw/index.ts';
import { createSandbox, loadSeed } from '../../../src/sandbox/index.ts';
import type { Rules } from '../../../src/sandbox/domain.ts';
import type { Limits } from '../../../src/sandbox/limits.ts';
import { loadSpec } from '../../../src/sandbox/spec.ts';
import type { Notification } from './http.ts';

/** The global fetch at call time: MSW's setupServer replaces it while it listens. */
const currentFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export interface TargetOptions {
  /** The upload limit in bytes (default: the adapter's, 10 MiB). */
  maxUploadBytes?: number;
  /** Domain rules to use instead of some of `defaultRules` (how the model test breaks a target on purpose). */
  rules?: Partial<Rules>;
  /** Name, filename, per-user and store-wide caps. */
  limits?: Partial<Limits>;
  /**
   * A seed document (the SANDBOX_SEED format, bytes inline, or a saved snapshot) to start from. A bad one
   * rejects `start` with the adapter's own message (the sandbox's is its exit-2 message after `SANDBOX_SEED: `).
   */
  seed?: unknown;
}

export interface RunningTarget {
  /** Where the API is served, without a trailing slash; paths such as `/me` are appended. */
  baseUrl: string;
  /** The fetch that reaches `baseUrl` (the global one: MSW intercepts it in-process). */
  fetch: typeof fetch;
  /** Forget every user, token, media item and notification. */
  reset(): Promise<void>;
  /** The notifications emitted so far, oldest first (only `profileId`'s when given). */
  notifications(profileId?: string): Promise<Notification[]>;
  /** Everything stored, as the snapshot document (GET /_sandbox/state's format). */
  snapshot(): Promise<unknown>;
  /** Replace everything stored with a snapshot; a refused one rejects with an Error whose message is the adapter's detail. */
  restore(snapshot: unknown): Promise<void>;
  /** Stop the instance; the target may be started again afterwards. */
  close(): Promise<void>;
}

export interface Target {
  name: string;
  /** True when requests travel over a socket, so raw-HTTP tests (framing, header limits) apply. */
  socket: boolean;
  start(options?: TargetOptions): Promise<RunningTarget>;
}

/** A seed document as `npm start` reads it: written to a file named `seed` (so messages start `seed.`) and loaded. */
async function seedFromFile(document: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'target-seed-'));
  try {
    await writeFile(join(dir, 'seed'), JSON.stringify(document));
    const additionalTypes = ((await loadSpec()).schema('AdditionalType').enum as string[] | undefined) ?? [];
    return await loadSeed(join(dir, 'seed'), { additionalTypes });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The fastify sandbox as createSandbox ships it, on 127.0.0.1 and a free port. */
export const sandboxTarget: Target = {
  name: 'sandbox (HTTP)',
  socket: true,
  async start({ seed, ...options } = {}) {
    const sandbox = await createSandbox({ ...options, ...(seed !== undefined ? { seed: await seedFromFile(seed) } : {}) });
    const baseUrl = await sandbox.listen(0, '127.0.0.1');
    return {
      baseUrl,
      fetch: currentFetch,
      async reset() {
        const res = await fetch(`${baseUrl}/_sandbox/reset`, { method: 'POST' });
        if (res.status !== 204) throw new Error(`POST /_sandbox/reset answered ${res.status}`);
      },
      async notifications(profileId) {
        const query = profileId === undefined ? '' : `?profileId=${encodeURIComponent(profileId)}`;
        const res = await fetch(`${baseUrl}/_sandbox/notifications${query}`);
        if (res.status !== 200) throw new Error(`GET /_sandbox/notifications answered ${res.status}`);
        return (await res.json()) as Notification[];
      },
      async snapshot() {
        const res = await fetch(`${baseUrl}/_sandbox/state`);
        if (res.status !== 200) throw new Error(`GET /_sandbox/state answered ${res.status}`);
        return res.json();
      },
      async restore(snapshot) {
        const res = await fetch(`${baseUrl}/_sandbox/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snapshot) });
        if (res.status !== 204) throw new Error(((await res.json()) as { detail: string }).detail);
      },
      close: () => sandbox.close(),
    };
  },
};

/**
 * The MSW handlers in this process through `setupServer` from msw/node. The host is not resolvable, and any
 * request the handlers leave unanswered fails the test instead of reaching the network, except to 127.0.0.1,
 * where another target (a sandbox the same test started) listens. MSW intercepts `fetch` once per process, so
 * instances running at once (a test moving a snapshot between two) share one server, each with its own host.
 */
const msw = { server: undefined as ReturnType<typeof setupServer> | undefined, running: new Map<number, HttpHandler[]>(), next: 0 };

export const mswTarget: Target = {
  name: 'MSW handlers (msw/node)',
  socket: false,
  async start({ seed, ...options } = {}) {
    const id = msw.next++;
    const baseUrl = `http://profile-service-${id}.msw.invalid/api`;
    const mock = createProfileServiceHandlers({ baseUrl, ...options, ...(seed !== undefined ? { seed: seed as SeedInput } : {}) });
    msw.running.set(id, mock.handlers);
    if (!msw.server) {
      msw.server = setupServer();
      msw.server.listen({
        onUnhandledRequest: (request, print) => {
          if (new URL(request.url).hostname !== '127.0.0.1') print.error();
        },
      });
    }
    msw.server.resetHandlers(...[...msw.running.values()].flat());
    return {
      baseUrl,
      fetch: currentFetch,
      async reset() {
        await mock.reset();
      },
      notifications: async (profileId) => mock.notifications(profileId) as Notification[],
      snapshot: () => mock.snapshot(),
      restore: (snapshot) => mock.restore(snapshot),
      async close() {
        msw.running.delete(id);
        msw.server?.resetHandlers(...[...msw.running.values()].flat());
        if (msw.running.size === 0) {
          msw.server?.close();
          msw.server = undefined;
        }
      },
    };
  },
};

export const TARGETS: readonly Target[] = [sandboxTarget, mswTarget];
