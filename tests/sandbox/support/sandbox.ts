// Start the shipped sandbox factory on 127.0.0.1 port 0 for a test file, and read a user's whole
// observable state through the public API (for "a rejected request changes nothing" comparisons).
import { createSandbox } from '../../../src/sandbox/index.ts';
import type { FaultName } from '../../../src/sandbox/faults.ts';
import { Api, type Guest, type MediaObject, type Notification, type Person } from './http.ts';

export interface SandboxOptions {
  maxUploadBytes?: number;
  notifyWebhookUrl?: string;
  unsafeFaults?: FaultName[];
}

export interface RunningSandbox {
  url: string;
  api: Api;
  close: () => Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await createSandbox(options);
  const url = await sandbox.listen(0, '127.0.0.1');
  return { url, api: new Api(url), close: () => sandbox.close() };
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
