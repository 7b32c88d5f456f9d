// Byte-level multipart/form-data builder for the sandbox tests.
// Written by hand (not FormData) so that tests can also send what no well-behaved client would: two `file`
// parts, a part without a filename, a missing closing boundary, a boundary that the header does not declare.
// The bytes it produces are exactly what goes on the wire, which also lets the same body pass through Prism.

export interface Part {
  name: string;
  /** Present for file parts; `undefined` makes an ordinary text field. */
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
  /** The whole Content-Disposition value as sent, instead of one built from `name` and `filename`. */
  disposition?: string;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
  boundary: string;
}

export interface BuildOptions {
  boundary?: string;
  /** Leave out the closing `--boundary--` line (a truncated body). */
  omitClosing?: boolean;
}

let counter = 0;

export function newBoundary(): string {
  counter += 1;
  return `----profile-contracts-${process.pid}-${counter}-${Math.random().toString(16).slice(2)}`;
}

export function buildMultipart(parts: Part[], options: BuildOptions = {}): MultipartBody {
  const boundary = options.boundary ?? newBoundary();
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let disposition = `form-data; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    let head = `--${boundary}\r\nContent-Disposition: ${part.disposition ?? disposition}\r\n`;
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    head += '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  if (!options.omitClosing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

/** A single well-formed `file` part, optionally with the `additionalType` form field and a `name` field. */
export function filePart(bytes: Uint8Array, filename: string, contentType = 'application/octet-stream'): Part {
  return { name: 'file', filename, contentType, data: bytes };
}
