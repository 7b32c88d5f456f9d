// The MSW handlers' multipart reader over a body that arrives in chunks of any size, as a service worker or a
// streamed request hands it over: a preamble before the first boundary and an epilogue after the last (RFC
// 2046), even just the final CRLF, may fall into any chunk, and the form read is the same. (remix's parser on
// its own refuses a preamble, and an epilogue in a later chunk than the closing boundary; the sandbox's busboy
// takes both, which tests/sandbox/multipart-framing.test.ts pins for both adapters in one piece.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readUploadForm } from '../../src/msw/multipart.ts';

const encoder = new TextEncoder();
const FILE = encoder.encode('\x89PNG\r\n--\r\n-B');

function chunked(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let pos = 0;
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (pos >= bytes.length) return controller.close();
      const n = sizes[k++ % sizes.length]!;
      controller.enqueue(bytes.slice(pos, pos + n));
      pos += n;
    },
  });
}

describe('readUploadForm over chunks', () => {
  it('reads the same form whatever the chunks, with or without a preamble and an epilogue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', 'A preamble.\r\n', '\r\n', 'x--B\r\n'),
        fc.constantFrom('', '\r\n', '\r\nAn epilogue\r\n--B--\r\n'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
        async (preamble, epilogue, sizes) => {
          const body = new Uint8Array([
            ...encoder.encode(`${preamble}--B\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
            ...FILE,
            ...encoder.encode(`\r\n--B\r\nContent-Disposition: form-data; name="name"\r\n\r\nnm\r\n--B--${epilogue}`),
          ]);
          const request = new Request('http://x.invalid/media', {
            method: 'POST',
            body: chunked(body, sizes),
            headers: { 'content-type': 'multipart/form-data; boundary=B' },
            duplex: 'half',
          } as RequestInit);
          const form = await readUploadForm(request, 1000);
          expect([form.filename, form.name, form.file]).toEqual(['a.png', 'nm', FILE]);
        },
      ),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('still refuses a body whose boundary never comes', async () => {
    const request = new Request('http://x.invalid/media', {
      method: 'POST',
      body: chunked(encoder.encode('no boundary here at all'), [3]),
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      duplex: 'half',
    } as RequestInit);
    await expect(readUploadForm(request, 1000)).rejects.toMatchObject({ status: 400, problem: { type: 'urn:profile-contracts:problem:malformed-multipart' } });
  });
});
