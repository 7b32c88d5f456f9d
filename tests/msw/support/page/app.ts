// The page of the browser test: a small consumer app, bundled at test time, that mocks the Profile Service
// with the kit's MSW handlers in a service worker (setupWorker) and talks to it through the kit's typed client.
// The user picks an image and presses "Set profile image"; the page then lists the user's media and marks
// the active one, as an app showing a profile picture and its history would. A test may start the page from a
// known state (`window.startFrom`, set before the page's scripts run): the handlers are created with that
// seed or snapshot, and the page signs in with the given token instead of creating a guest.
import { setupWorker } from 'msw/browser';
import { createProfileClient, type ProfileClient } from '../../../../src/client/index.ts';
import { createProfileServiceHandlers, type ProfileNotification, type SandboxState, type SeedInput } from '../../../../src/msw/index.ts';

declare global {
  interface Window {
    /** Resolves once the worker is active and a guest is signed in (or rejects with why not). */
    ready: Promise<void>;
    notifications: ProfileNotification[];
    /** The signed-in user's download of one media item, as bytes. */
    download(identifier: string): Promise<number[]>;
    /** Set by a test before the page loads: the state to start from and the token to sign in with. */
    startFrom?: { seed: SeedInput | SandboxState; token: string };
    /** The mock's whole state, as the sandbox's GET /_sandbox/state writes it. */
    snapshot(): Promise<SandboxState>;
  }
}

// The mock takes the path, as an app's development configuration would give it; the client needs the URL.
const baseUrl = `${location.origin}/profile`;
window.notifications = [];
const start = window.startFrom;
const mock = createProfileServiceHandlers({
  baseUrl: '/profile',
  onNotification: (m) => window.notifications.push(m),
  ...(start ? { seed: start.seed } : {}),
});
window.snapshot = () => mock.snapshot();

const status = document.querySelector<HTMLOutputElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#media')!;
let client: ProfileClient;

async function render(): Promise<void> {
  const [media, active] = await Promise.all([client.listMedia(), client.getActiveProfileImageId()]);
  list.replaceChildren(
    ...media.map((m) => {
      const li = document.createElement('li');
      li.dataset.id = m.identifier;
      li.dataset.active = String(m.identifier === active);
      li.textContent = `${m.name} (${m.encodingFormat})${m.identifier === active ? ' — active' : ''}`;
      return li;
    }),
  );
}

document.querySelector<HTMLFormElement>('#upload')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const file = document.querySelector<HTMLInputElement>('#file')!.files?.[0];
  if (!file) return;
  status.value = 'uploading';
  client
    .setProfileImage(file, file.name)
    .then(render)
    .then(() => (status.value = `uploaded ${file.name}`))
    .catch((err: Error) => (status.value = `failed: ${err.message}`));
});

window.download = async (identifier) => [...(await client.downloadMedia(identifier)).bytes];

window.ready = (async () => {
  const worker = setupWorker(...mock.handlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
  const token = start?.token ?? (await createProfileClient({ baseUrl }).createGuestToken()).token;
  client = createProfileClient({ baseUrl, token });
  await render();
})();
