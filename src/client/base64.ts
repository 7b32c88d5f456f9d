// Strict Base64 decoding for the `text/plain` answers of GET /me/profileimage and GET /media/{id}/base64.
// Node's Buffer.from(s, 'base64') silently skips invalid characters and accepts base64url, which would hide
// exactly the provider bugs the contract pins (RFC 4648 section 4, padded, no line breaks), so check first.

/** The spec's `Base64` pattern (components.schemas.Base64). */
export const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isStrictBase64(text: string): boolean {
  return BASE64_PATTERN.test(text);
}

/** Decode standard, padded Base64; returns undefined when `text` is not exactly that. */
export function decodeStrictBase64(text: string): Uint8Array | undefined {
  if (!isStrictBase64(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'base64'));
}
