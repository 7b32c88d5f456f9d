// The edges of content sniffing (src/sandbox/sniff.ts, docs/contract.md R18 and R24: the magic bytes decide):
// every signature the contract names is recognised from exactly its own bytes and no fewer, any single byte
// of it changed makes the file unknown, and WebP needs both its `RIFF` header and `WEBP` at offset 8.
// Found by the sandbox's mutation run (npm run mutation:sandbox, docs/mutation-testing.md).
import { describe, expect, it } from 'vitest';
import { IMAGE_FORMATS, isImageFormat, sniffFormat } from '../../src/sandbox/sniff.ts';

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const UNKNOWN = 'application/octet-stream';

/** The shortest byte string of each format: its signature (for WebP, RIFF, a 4-byte size, WEBP). */
const SIGNATURES: [string, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/gif', ascii('GIF87a')],
  ['image/gif', ascii('GIF89a')],
  ['image/webp', [...ascii('RIFF'), 0x24, 0x00, 0x00, 0x00, ...ascii('WEBP')]],
  ['application/pdf', ascii('%PDF-')],
];
/** Bytes 4–7 of a WebP are the RIFF size, which the sniffer does not judge. */
const judged = (format: string, i: number): boolean => !(format === 'image/webp' && i >= 4 && i < 8);

describe.each(SIGNATURES)('%s from %j', (format, signature) => {
  it('is recognised from exactly its signature, and with any bytes after it', () => {
    expect(sniffFormat(new Uint8Array(signature))).toBe(format);
    expect(sniffFormat(new Uint8Array([...signature, 0x00, 0x41, 0xff]))).toBe(format);
  });

  it('is unknown one byte short', () => {
    expect(sniffFormat(new Uint8Array(signature.slice(0, -1)))).toBe(UNKNOWN);
  });

  it('is unknown with any one judged byte changed', () => {
    for (let i = 0; i < signature.length; i++) {
      if (!judged(format, i)) continue;
      const bytes = new Uint8Array([...signature, 0x00]);
      bytes[i] = bytes[i]! ^ 0x20;
      expect(sniffFormat(bytes), `byte ${i} changed`).toBe(UNKNOWN);
    }
  });

  it('is unknown when the signature does not start at byte 0', () => {
    expect(sniffFormat(new Uint8Array([0x00, ...signature]))).toBe(UNKNOWN);
  });
});

describe('WebP', () => {
  const size = [0x24, 0x00, 0x00, 0x00];

  it('needs RIFF: the same bytes under another RIFF-like header (RIFX, four spaces) are unknown', () => {
    for (const header of ['RIFX', 'riff', '    ']) {
      expect(sniffFormat(new Uint8Array([...ascii(header), ...size, ...ascii('WEBPVP8 ')])), header).toBe(UNKNOWN);
    }
  });

  it('needs WEBP at offset 8 exactly: RIFF with WEBP one byte early or late, or another form type, is unknown', () => {
    expect(sniffFormat(new Uint8Array([...ascii('RIFF'), 0x24, 0x00, 0x00, ...ascii('WEBPVP8 ')]))).toBe(UNKNOWN);
    expect(sniffFormat(new Uint8Array([...ascii('RIFF'), ...size, 0x00, ...ascii('WEBPVP8 ')]))).toBe(UNKNOWN);
    expect(sniffFormat(new Uint8Array([...ascii('RIFF'), ...size, ...ascii('AVI LIST')]))).toBe(UNKNOWN);
  });

  it('is unknown when RIFF is there but the file ends before WEBP does', () => {
    expect(sniffFormat(new Uint8Array([...ascii('RIFF'), ...size, ...ascii('WEB')]))).toBe(UNKNOWN);
    expect(sniffFormat(new Uint8Array(ascii('RIFF')))).toBe(UNKNOWN);
  });
});

describe('nothing is a format by default', () => {
  it.each([
    ['no bytes', []],
    ['one zero byte', [0x00]],
    ['a JPEG marker without its third byte', [0xff, 0xd8]],
    ['GIF88a', ascii('GIF88a')],
    ['%PDF without its dash', ascii('%PDF1.4')],
  ])('%s', (_name, bytes) => {
    expect(sniffFormat(new Uint8Array(bytes))).toBe(UNKNOWN);
  });
});

describe('isImageFormat', () => {
  it('holds for exactly the four image formats of R18', () => {
    expect([...IMAGE_FORMATS]).toEqual(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
    for (const format of IMAGE_FORMATS) expect(isImageFormat(format), format).toBe(true);
  });

  it.each(['application/pdf', UNKNOWN, 'image/svg+xml', 'image/PNG', 'image/png ', ''])('is false for %j', (format) => {
    expect(isImageFormat(format)).toBe(false);
  });
});
