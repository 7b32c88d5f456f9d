// Reading the multipart body of POST /media from a Fetch API Request, for the MSW handlers, with the same
// limits and the same problems as the sandbox's busboy reader (src/sandbox/multipart.ts).
//
// Why a streaming parser and not `request.formData()`: formData() reads the whole body and decodes every part
// before it returns, so an oversized upload would be copied whole (a 2 GiB Blob: 2 GiB more) before the 413.
// @remix-run/multipart-parser reads the body stream chunk by chunk in any JavaScript environment (browser,
// service worker, Node) and throws as soon as a part passes its size limit, so the 413 comes after at most
// the limit plus one chunk was held, and the rest of the body is never read. It also sees what formData()
// hides: two `file` parts, a `file` part without a filename, a truncated body.
//
// The body is framed as RFC 2046 says before the parser sees it (`framed`: preamble and epilogue dropped, the
// boundary from a Content-Type in any case), and each part's Content-Disposition is read by the kit's own
// `readFormDisposition` (src/sandbox/names.ts), not by the parser's: that one undoes backslash escapes
// (`C:\Users\me` → `C:Usersme`), which browsers and curl do not send, and matches parameter names
// case-sensitively. So a part is what busboy in the sandbox makes of it (docs/contract.md R49): a form field
// only when its type is `form-data`, a file when it has a filename or is application/octet-stream.
import {
  getMultipartBoundary,
  MaxFileSizeExceededError,
  MaxPartsExceededError,
  MultipartParseError,
  parseMultipartStream,
} from '@remix-run/multipart-parser';
import { details, ProblemError } from '../sandbox/errors.ts';
import { busboyLimits } from '../sandbox/multipart.ts';
import { readFormDisposition } from '../sandbox/names.ts';
import { settleUploadForm, type FormFacts, type UploadForm } from '../sandbox/service.ts';

const utf8 = new TextDecoder();

/** `a` then `b`, as one array. */
function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
}

/** The first index from `from` where `marker` starts in `bytes` (and `accept` agrees), or -1. */
function find(bytes: Uint8Array, marker: Uint8Array, from: number, accept: (i: number) => boolean = () => true): number {
  for (let i = bytes.indexOf(marker[0]!, from); i !== -1 && i + marker.length <= bytes.length; i = bytes.indexOf(marker[0]!, i + 1)) {
    if (marker.every((b, j) => bytes[i + j] === b) && accept(i)) return i;
  }
  return -1;
}

/**
 * The body from its first boundary to its closing one, as RFC 2046 frames it: a preamble before the first
 * boundary and an epilogue after the last are ignored (busboy does so). remix's parser refuses a preamble, and
 * an epilogue, even the final CRLF, that arrives in a later chunk than the closing boundary. While looking it
 * holds back no more than a boundary's length; a body without the boundary goes to the parser whole, to refuse.
 */
function framed(body: ReadableStream<Uint8Array>, boundary: string): ReadableStream<Uint8Array> {
  const opening = new TextEncoder().encode(`--${boundary}`);
  const closing = new TextEncoder().encode(`\r\n--${boundary}--`);
  let held: Uint8Array = new Uint8Array(0);
  /** Looking for the opening boundary: `held` begins the body, and its first index not yet tried. */
  let opened = false;
  let atStart = true;
  let next = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        let bytes: Uint8Array = joined(held, chunk);
        if (!opened) {
          // A boundary starts the body or a line.
          const at = find(bytes, opening, next, (i) => (i === 0 ? atStart : bytes[i - 1] === 0x0a));
          if (at === -1) {
            const keep = Math.max(0, bytes.length - opening.length);
            next = Math.max(next, bytes.length - opening.length + 1) - keep;
            atStart &&= keep === 0;
            held = bytes.subarray(keep);
            return;
          }
          opened = true;
          bytes = bytes.subarray(at);
        }
        const end = find(bytes, closing, 0);
        if (end !== -1) {
          controller.enqueue(bytes.subarray(0, end + closing.length));
          controller.terminate();
          return;
        }
        // The tail could begin the closing boundary: hold it back for the next chunk.
        const keep = Math.max(0, bytes.length - closing.length + 1);
        controller.enqueue(bytes.subarray(0, keep));
        held = bytes.subarray(keep);
      },
      flush(controller) {
        if (held.length > 0) controller.enqueue(held);
      },
    }),
  );
}

/** Read the upload form of `request`; throws a ProblemError naming what is wrong with it. */
export async function readUploadForm(request: Request, maxUploadBytes: number): Promise<UploadForm> {
  const limits = busboyLimits(maxUploadBytes);
  const facts: FormFacts = { fileParts: 0, tooLarge: false, textFile: false, otherFiles: [], fields: {} };
  let files = 0;
  let fields = 0;
  const tooManyParts = () => new ProblemError('malformed-multipart', details.malformedMultipart(`more than ${limits.parts} parts`));
  try {
    // The parser's one size limit applies to every part; text fields have their own, smaller one below, so
    // the parser's is whichever is larger and the file's own limit is checked here.
    // Not parseMultipartRequest: it takes `Multipart/Form-Data` for no multipart at all, where media types
    // are case-insensitive (RFC 9110 §8.3.1) and busboy reads the body.
    const boundary = getMultipartBoundary(request.headers.get('content-type') ?? '');
    if (!boundary || !request.body) throw new MultipartParseError(boundary ? 'the body is empty' : 'the Content-Type has no boundary');
    const parts = parseMultipartStream(framed(request.body, boundary), {
      boundary,
      maxFileSize: Math.max(maxUploadBytes, limits.fieldSize + 1),
      maxParts: limits.parts,
      maxTotalSize: Number.MAX_SAFE_INTEGER,
    });
    for await (const part of parts) {
      const disposition = readFormDisposition(part.headers['content-disposition']);
      if (!disposition.formData) continue;
      const fieldName = disposition.name ?? '';
      if (fieldName in Object.prototype) {
        throw new ProblemError('invalid-field', details.invalidField('__proto__', 'is not allowed as a field name; remove it'));
      }
      if (disposition.filename !== undefined || part.mediaType?.toLowerCase() === 'application/octet-stream') {
        if (++files > limits.files) throw new ProblemError('multiple-files', details.multipleFiles(facts.fileParts + 1));
        if (fieldName !== 'file') {
          facts.otherFiles.push(fieldName);
          continue;
        }
        facts.fileParts++;
        if (facts.fileParts > 1 || facts.tooLarge) continue;
        if (part.size > maxUploadBytes) {
          facts.tooLarge = true;
          continue;
        }
        facts.file = part.bytes;
        facts.filename = disposition.filename;
        continue;
      }
      if (++fields > limits.fields) throw tooManyParts();
      if (fieldName === 'file') {
        facts.textFile = true;
        continue;
      }
      if (fieldName !== 'name' && fieldName !== 'additionalType') continue;
      if (part.size > limits.fieldSize) {
        facts.fieldProblem ??= new ProblemError(
          'invalid-field',
          details.invalidField(fieldName, `is longer than ${limits.fieldSize} bytes; send a shorter value`),
        );
        continue;
      }
      if (fieldName in facts.fields) {
        facts.fieldProblem ??= new ProblemError('invalid-field', details.invalidField(fieldName, 'is given more than once; send it once'));
        continue;
      }
      // Bytes that are not UTF-8 become U+FFFD, as busboy reads them (part.text would throw).
      facts.fields[fieldName] = utf8.decode(part.bytes);
    }
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    if (err instanceof MaxFileSizeExceededError) facts.tooLarge = true;
    else if (err instanceof MaxPartsExceededError) throw tooManyParts();
    else if (err instanceof MultipartParseError) throw new ProblemError('malformed-multipart', details.malformedMultipart(err.message));
    else throw new ProblemError('malformed-multipart', details.malformedMultipart((err as Error).message || 'unreadable body'));
  }
  return settleUploadForm(facts, maxUploadBytes);
}
