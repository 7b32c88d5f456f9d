// The shared image fixtures by kind, with the file name and MIME type a test sends and expects back.
// Also two files whose bytes are all below 0x80: Prism 5 reads bodies as UTF-8 text when proxying, which
// rewrites every byte that is not valid UTF-8, so only such files keep their exact bytes through `prism proxy`.
import { GIF_1X1, JPEG_MINIMAL, PDF_MINIMAL, PNG_1X1, WEBP_MINIMAL } from '../../../src/fixtures/images.ts';

export type Kind = 'png' | 'gif' | 'jpeg' | 'webp' | 'pdf';
export const IMAGE_KINDS = ['png', 'gif', 'jpeg', 'webp'] as const satisfies readonly Kind[];
export const ALL_KINDS = [...IMAGE_KINDS, 'pdf'] as const satisfies readonly Kind[];

export interface FileFixture {
  bytes: Uint8Array;
  filename: string;
  format: string;
}

export const FILES: Record<Kind, FileFixture> = {
  png: { bytes: PNG_1X1, filename: 'avatar.png', format: 'image/png' },
  gif: { bytes: GIF_1X1, filename: 'avatar.gif', format: 'image/gif' },
  jpeg: { bytes: JPEG_MINIMAL, filename: 'avatar.jpg', format: 'image/jpeg' },
  webp: { bytes: WEBP_MINIMAL, filename: 'avatar.webp', format: 'image/webp' },
  pdf: { bytes: PDF_MINIMAL, filename: 'notes.pdf', format: 'application/pdf' },
};

/**
 * A valid 1x1 GIF89a without a colour table, so every byte is ASCII: header, logical screen (no global
 * colour table), image descriptor, LZW minimum code size 2, one 2-byte data block, block terminator, trailer.
 */
export const GIF_ASCII = new Uint8Array([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
]);

/** True when every byte survives a UTF-8 decode and re-encode unchanged. */
export const isAscii = (bytes: Uint8Array): boolean => bytes.every((b) => b < 0x80);
