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
// Each part's Content-Disposition is read by the kit's own `readFormDisposition` (src/sandbox/names.ts), not by
// the parser's: that one undoes backslash escapes (`C:\Users\me` → `C:Usersme`), which browsers and curl do
// not send, and matches parameter names case-sensitively. So a part is what busboy in the sandbox makes of it:
// a form field only when its type is `form-data`, a file when it has a filename or is application/octet-stream.
import {
  MaxFileSizeExceededError,
  MaxPartsExceededError,
  MultipartParseError,
  parseMultipartRequest,
} from '@remix-run/multipart-parser';
import { details, ProblemError } from '../sandbox/errors.ts';
import { busboyLimits } from '../sandbox/multipart.ts';
import { readFormDisposition } from '../sandbox/names.ts';
import { settleUploadForm, type FormFacts, type UploadForm } from '../sandbox/service.ts';

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
    const parts = parseMultipartRequest(request, {
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
      facts.fields[fieldName] = part.text;
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
