// Small pact files in the format Pact JS 16 writes (Pact specification 4.0), for tests that need pacts with a
// known content regardless of what the consumer tests currently generate: one HTTP interaction uploading a
// multipart body, and one Profile Notification message.
import type { Copy } from './repo-copy.ts';

export interface FixtureOptions {
  /** Part names of the upload, in order (`file` carries a filename and PNG bytes). */
  parts?: string[];
  /** Extra properties in the 201 response body the consumer reads. */
  extraResponse?: Record<string, unknown>;
  /** Message contents and metadata overrides. */
  contents?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Which files to write. */
  http?: boolean;
  message?: boolean;
}

const BOUNDARY = 'fixtureBoundary42';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function multipart(parts: string[]): Buffer {
  const chunks: Buffer[] = [];
  for (const name of parts) {
    const file = name === 'file';
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${file ? '; filename="a.png"' : ''}\r\n` +
          `${file ? 'Content-Type: image/png\r\n' : ''}\r\n`,
      ),
      file ? PNG : Buffer.from('my picture'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export function httpPact(o: FixtureOptions = {}) {
  return {
    consumer: { name: 'FixtureClient' },
    provider: { name: 'ProfileService' },
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'an upload of a named profile image',
        pending: false,
        providerStates: [{ name: 'the user has no profile image' }],
        request: {
          method: 'POST',
          path: '/media',
          query: { AdditionalType: ['ProfileImage'] },
          headers: { Authorization: ['Bearer fixture-token'], 'Content-Type': [`multipart/form-data; boundary=${BOUNDARY}`] },
          body: { content: multipart(o.parts ?? ['file', 'name']).toString('base64'), contentType: 'multipart/form-data', encoded: 'base64' },
        },
        response: {
          status: 201,
          headers: { 'Content-Type': ['application/json'], Location: ['/media/abc'] },
          body: {
            content: { identifier: 'abc', name: 'my picture', encodingFormat: 'image/png', contentSize: 16, dateCreated: '2026-11-28T13:05:00Z', ...o.extraResponse },
            contentType: 'application/json',
            encoded: false,
          },
        },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

export function messagePact(o: FixtureOptions = {}) {
  return {
    consumer: { name: 'FixtureSubscriber' },
    provider: { name: 'ProfileServiceNotifications' },
    interactions: [
      {
        type: 'Asynchronous/Messages',
        description: 'a Person update naming the profile image',
        pending: false,
        providerStates: [{ name: 'the profile image was set' }],
        contents: {
          content: { profileId: 'p1', identificationLevel: 'Guest', createdDateTime: '2026-11-28T13:00:00Z', lastModified: '2026-11-28T13:05:00Z', profileImage: 'img1', ...o.contents },
          contentType: 'application/json',
          encoded: false,
        },
        metadata: { contentType: 'application/json', messageId: 'm1', entityName: 'Person', eventTrigger: 'Update', profileId: 'p1', identifier: 'p1', ...o.metadata },
      },
    ],
    metadata: { pactSpecification: { version: '4.0' } },
  };
}

/** The fixture pact files, by file name, as `writeFixturePacts` writes them. */
function fixturePactFiles(o: FixtureOptions = {}): [string, string][] {
  const files: [string, string][] = [];
  if (o.http ?? true) files.push(['FixtureClient-ProfileService.json', JSON.stringify(httpPact(o), null, 2)]);
  if (o.message ?? true) files.push(['FixtureSubscriber-ProfileServiceNotifications.json', JSON.stringify(messagePact(o), null, 2)]);
  return files;
}

/** Replace the pacts/ folder of a copy (or of any folder) with the fixtures. */
export async function writeFixturePacts(copy: Pick<Copy, 'dir'>, o: FixtureOptions = {}, folder = 'pacts'): Promise<void> {
  const { mkdir, rm, writeFile } = await import('node:fs/promises');
  const dir = `${copy.dir}/${folder}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, text] of fixturePactFiles(o)) await writeFile(`${dir}/${name}`, text);
}
