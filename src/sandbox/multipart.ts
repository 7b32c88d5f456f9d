// Reading the multipart body of POST /media with @fastify/multipart (busboy underneath), streaming.
// Each chunk of the file is copied once, as it arrives, into one buffer sized from Content-Length (see
// FileCollector), and released at once. The upload limit is enforced while streaming: once the file passes
// it, busboy discards the rest of that part and we drop what we held, so an oversized body is never held
// whole; we still read the request to its end (discarding), so that the client has finished sending when
// it reads the 413 (a server that closes while the client is still writing makes most clients report a
// reset instead of the answer).
//
// Names are read as docs/contract.md R49 says (src/sandbox/names.ts): a backslash in a quoted value is an
// ordinary character. busboy instead reads `\"` as an escaped quote (and `\\` as one backslash), and gives us no
// raw header; what it returns is corrected in `asSent` below. busboy keeps the whole path (`preservePath`):
// fileBaseName drops it the same way in both adapters.
import type { FastifyRequest } from 'fastify';
import { details, ProblemError } from './errors.ts';
import { settleUploadForm, type UploadForm } from './service.ts';


/** Limits handed to busboy; `fileSize` is the upload limit. */
export function busboyLimits(maxUploadBytes: number) {
  return {
    fileSize: maxUploadBytes,
    files: 16,
    fields: 16,
    parts: 32,
    fieldSize: 64 * 1024,
    headerPairs: 16,
  };
}

interface MultipartError extends Error {
  code?: string;
}

/** Read the form; throws a ProblemError naming what is wrong with it. */
export async function readUploadForm(request: FastifyRequest, maxUploadBytes: number): Promise<UploadForm> {
  let file: Buffer | undefined;
  let filename: string | undefined;
  let fileParts = 0;
  let tooLarge = false;
  let textFile = false;
  const otherFiles: string[] = [];
  const fields: Record<string, string> = {};
  let fieldProblem: ProblemError | undefined;

  try {
    for await (const part of request.parts({ limits: busboyLimits(maxUploadBytes), preservePath: true })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          otherFiles.push(asSent(part.fieldname));
          await drain(part.file);
          continue;
        }
        fileParts++;
        if (fileParts > 1 || tooLarge) {
          await drain(part.file);
          continue;
        }
        const collector = new FileCollector(Math.min(Number(request.headers['content-length']) || 0, maxUploadBytes));
        part.file.once('limit', () => {
          tooLarge = true;
        });
        for await (const chunk of part.file as AsyncIterable<Buffer>) {
          if (!tooLarge) collector.add(chunk);
        }
        if (tooLarge || part.file.truncated) {
          tooLarge = true;
          continue;
        }
        file = collector.result();
        filename = part.filename === undefined ? undefined : asSent(part.filename);
      } else {
        if (part.fieldname === 'file') {
          textFile = true;
          continue;
        }
        if (part.fieldname !== 'name' && part.fieldname !== 'additionalType') continue;
        if (part.valueTruncated) {
          fieldProblem ??= new ProblemError(
            'invalid-field',
            details.invalidField(part.fieldname, `is longer than ${busboyLimits(maxUploadBytes).fieldSize} bytes; send a shorter value`),
          );
          continue;
        }
        if (part.fieldname in fields) {
          fieldProblem ??= new ProblemError('invalid-field', details.invalidField(part.fieldname, 'is given more than once; send it once'));
          continue;
        }
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    const e = err as MultipartError;
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
    else if (e.code === 'FST_FILES_LIMIT') throw new ProblemError('multiple-files', details.multipleFiles(fileParts + 1));
    else if (e.code === 'FST_FIELDS_LIMIT') {
      throw new ProblemError('malformed-multipart', details.malformedMultipart(`more than ${busboyLimits(maxUploadBytes).fields} text fields`));
    } else if (e.code === 'FST_PARTS_LIMIT') {
      throw new ProblemError('malformed-multipart', details.malformedMultipart(`more than ${busboyLimits(maxUploadBytes).parts} parts`));
    } else if (e.code === 'FST_PROTO_VIOLATION') {
      throw new ProblemError('invalid-field', details.invalidField('__proto__', 'is not allowed as a field name; remove it'));
    } else if (e.code === 'FST_INVALID_JSON_FIELD_ERROR') {
      throw new ProblemError('invalid-field', details.invalidField('(json)', 'is declared application/json but is not valid JSON; send it as plain text'));
    } else {
      throw new ProblemError('malformed-multipart', details.malformedMultipart(e.message || 'unreadable body'));
    }
  }

  return settleUploadForm({ file, filename, fileParts, tooLarge, textFile, otherFiles, fields, fieldProblem }, maxUploadBytes);
}

/**
 * A quoted name as the HTML form-data rules read it, from busboy's reading. busboy only keeps a `"` that was
 * escaped as `\"`; read as sent, that backslash is the last character and the quote ends the value. (Where
 * busboy turned `\\` into `\`, the difference vanishes once fileBaseName drops the path at the backslash.)
 */
export function asSent(value: string | undefined): string {
  if (value === undefined) return '';
  const quote = value.indexOf('"');
  return quote === -1 ? value : `${value.slice(0, quote)}\\`;
}

/**
 * Collects a file's chunks. The request body (Content-Length, capped at the upload limit) is at least as large
 * as the file, so one buffer of that size takes every chunk with a single copy, while the chunk is still hot,
 * and no list of chunks or final concatenation is needed. Without a usable length (a chunked request) the
 * chunks are kept and joined once at the end. When framing and other fields made the buffer more than twice
 * the file, the file is copied out so the stored item does not pin the slack.
 */
export class FileCollector {
  private buffer: Buffer | undefined;
  private readonly chunks: Buffer[] = [];
  size = 0;

  constructor(capacity: number) {
    if (capacity > 0) this.buffer = Buffer.allocUnsafe(capacity);
  }

  add(chunk: Buffer): void {
    if (this.buffer && this.size + chunk.length <= this.buffer.length) {
      chunk.copy(this.buffer, this.size);
    } else {
      if (this.buffer) {
        this.chunks.push(this.buffer.subarray(0, this.size));
        this.buffer = undefined;
      }
      this.chunks.push(chunk);
    }
    this.size += chunk.length;
  }

  result(): Buffer {
    if (this.buffer) {
      const bytes = this.buffer.subarray(0, this.size);
      return this.size * 2 < this.buffer.length ? Buffer.from(bytes) : bytes;
    }
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.size);
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}
