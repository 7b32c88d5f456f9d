// Content sniffing: a media item's encodingFormat comes from its first bytes, never from the MIME type the
// client declared for the part (docs/contract.md §4: "judged by the file's magic bytes"). Only the formats the
// contract names are recognised; anything else is application/octet-stream.

export const IMAGE_FORMATS = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export type EncodingFormat = (typeof IMAGE_FORMATS)[number] | 'application/pdf' | 'application/octet-stream';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');

export function sniffFormat(bytes: Uint8Array): EncodingFormat {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return 'application/octet-stream';
}

export function isImageFormat(format: string): boolean {
  return (IMAGE_FORMATS as readonly string[]).includes(format);
}
