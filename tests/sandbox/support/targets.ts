// The adapters one behaviour suite runs against. A target starts one fresh instance of the Profile Service
// mock and hands back what a black-box test needs: a base URL, the `fetch` that reaches it, and the two
// test-support calls (reset, the notification log) that each adapter offers in its own way (the sandbox
// over /_sandbox/…, the MSW handlers as functions). A test file runs `describe.each(TARGETS)` and speaks
// only through this interface, so every adapter must pass the same tests, and none can drift.
//
// To add an adapter (a PostgreSQL-backed sandbox, say), add one Target to TARGETS; nothing else changes.
import { setupServer } from 'msw/node';
import { createProfileServiceHandlers } from '../../../src/msw/index.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';
import type { Rules } from '../../../src/sandbox/domain.ts';
import type { Notification } from './http.ts';

/** The global fetch at call time: MSW's setupServer replaces it while it listens. */
const currentFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export interface TargetOptions {
  /** The upload limit in bytes (default: the adapter's, 10 MiB). */
  maxUploadBytes?: number;
  /** Domain rules to use instead of some of `defaultRules` (how the model test breaks a target on purpose). */
  rules?: Partial<Rules>;
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
  /** Stop the instance; the target may be started again afterwards. */
  close(): Promise<void>;
}

export interface Target {
  name: string;
  /** True when requests travel over a socket, so raw-HTTP tests (framing, header limits) apply. */
  socket: boolean;
  start(options?: TargetOptions): Promise<RunningTarget>;
}

/** The fastify sandbox as createSandbox ships it, on 127.0.0.1 and a free port. */
export const sandboxTarget: Target = {
  name: 'sandbox (HTTP)',
  socket: true,
  async start(options = {}) {
    const sandbox = await createSandbox(options);
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
      close: () => sandbox.close(),
    };
  },
};

/**
 * The MSW handlers in this process through `setupServer` from msw/node. The host is not resolvable, and any
 * request the handlers leave unanswered fails the test instead of reaching the network.
 */
export const mswTarget: Target = {
  name: 'MSW handlers (msw/node)',
  socket: false,
  async start(options = {}) {
    const baseUrl = 'http://profile-service.msw.invalid/api';
    const mock = createProfileServiceHandlers({ baseUrl, ...options });
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    return {
      baseUrl,
      fetch: currentFetch,
      async reset() {
        mock.reset();
      },
      notifications: async (profileId) => mock.notifications(profileId) as Notification[],
      async close() {
        server.close();
      },
    };
  },
};

export const TARGETS: readonly Target[] = [sandboxTarget, mswTarget];
