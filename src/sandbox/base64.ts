// Standard Base64 (RFC 4648 §4, padded, no line breaks), the encoding of GET /me/profileimage, …/base64 and the
// media bytes in snapshots and seeds. Runs in Node and in browsers (the MSW handlers): Node's Buffer where there
// is one (fast), else atob/btoa. Decoding is strict: Buffer and atob both accept text that is not exactly this
// encoding (Buffer skips invalid characters and takes base64url), and a seed or snapshot with such bytes must be
// refused, not silently read as other bytes.

/** The spec's `Base64` pattern (components.schemas.Base64). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Chunk for String.fromCharCode(...), kept well under the engines' argument limits. */
const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  if (typeof Buffer === 'function') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The bytes of standard, padded Base64; undefined when `text` is anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  if (typeof Buffer === 'function') {
    const buffer = Buffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
