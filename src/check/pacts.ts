// Reading pact files (Pact specification v2–v4): which interactions are HTTP and which are messages, their
// bodies decoded, multipart part names, and a normal form for comparing two generations of the same pact.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse as parseDisposition } from 'content-disposition';
import { isObject, type Json, type JsonObject } from '../spec/data.ts';

export interface PactFile {
  /** Path relative to the repository root, for reports, e.g. `pacts/A-B.json`. */
  name: string;
  path: string;
  json: JsonObject;
}

export interface HttpInteraction {
  file: PactFile;
  description: string;
  states: string[];
  request: JsonObject;
  response: JsonObject;
}

export interface MessageInteraction {
  file: PactFile;
  description: string;
  states: string[];
  contents: Json | undefined;
  metadata: JsonObject;
}

export async function loadPacts(dir: string, label: string): Promise<PactFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const out: PactFile[] = [];
  for (const n of names) {
    const path = join(dir, n);
    const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (isObject(json)) out.push({ name: `${label}/${basename(n)}`, path, json });
  }
  return out;
}

function statesOf(i: JsonObject): string[] {
  if (Array.isArray(i.providerStates)) return i.providerStates.map((s) => (isObject(s) ? String(s.name) : String(s)));
  if (typeof i.providerState === 'string') return [i.providerState];
  if (typeof i.provider_state === 'string') return [i.provider_state];
  return [];
}

export function httpInteractions(file: PactFile): HttpInteraction[] {
  const list = Array.isArray(file.json.interactions) ? file.json.interactions : [];
  return list.filter(isObject).flatMap((i) => {
    const isHttp = i.type === undefined ? isObject(i.request) : i.type === 'Synchronous/HTTP';
    if (!isHttp || !isObject(i.request) || !isObject(i.response)) return [];
    return [{ file, description: String(i.description), states: statesOf(i), request: i.request, response: i.response }];
  });
}

export function messageInteractions(file: PactFile): MessageInteraction[] {
  const v4 = (Array.isArray(file.json.interactions) ? file.json.interactions : [])
    .filter(isObject)
    .filter((i) => i.type === 'Asynchronous/Messages')
    .map((i) => {
      const contents = isObject(i.contents) && 'content' in i.contents ? bodyValue(i.contents) : i.contents;
      return { file, description: String(i.description), states: statesOf(i), contents, metadata: isObject(i.metadata) ? i.metadata : {} };
    });
  // Pact v3 keeps messages in their own list, with the contents inline.
  const v3 = (Array.isArray(file.json.messages) ? file.json.messages : []).filter(isObject).map((m) => ({
    file,
    description: String(m.description),
    states: statesOf(m),
    contents: m.contents,
    metadata: isObject(m.metadata) ? m.metadata : {},
  }));
  return [...v4, ...v3];
}

/** A header's value from a pact's headers (v4 stores lists, older versions strings), case-insensitively. */
export function header(part: JsonObject, name: string): string | undefined {
  if (!isObject(part.headers)) return undefined;
  for (const [k, v] of Object.entries(part.headers)) {
    if (k.toLowerCase() === name.toLowerCase()) return Array.isArray(v) ? v.map(String).join(', ') : String(v);
  }
  return undefined;
}

/** The raw bytes of a request/response body (v4 `{content, encoded}` or older inline bodies). */
export function bodyBytes(part: JsonObject): Buffer | undefined {
  const body = part.body;
  if (body === undefined || body === null) return undefined;
  if (isObject(body) && 'content' in body && ('encoded' in body || 'contentType' in body)) {
    const { content, encoded } = body;
    if (encoded === 'base64' && typeof content === 'string') return Buffer.from(content, 'base64');
    return Buffer.from(typeof content === 'string' ? content : JSON.stringify(content), 'utf8');
  }
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

/** The body as a JSON value when it is JSON (v4 `{content}` or inline), else undefined. */
export function bodyValue(holder: JsonObject): Json | undefined {
  const body = 'body' in holder ? holder.body : holder;
  if (isObject(body) && 'content' in body) {
    if (body.encoded === 'base64' || body.encoded === 'json') {
      const text = body.encoded === 'base64' ? Buffer.from(String(body.content), 'base64').toString('utf8') : String(body.content);
      try {
        return JSON.parse(text) as Json;
      } catch {
        return undefined;
      }
    }
    return body.content;
  }
  return body;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : undefined;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
}

/** The parts (names, filenames) of a multipart/form-data body; the bytes of each part are not needed. */
export function multipartParts(body: Buffer, boundary: string): MultipartPart[] {
  // latin1 maps bytes 1:1 to characters, so binary parts cannot break the split.
  const text = body.toString('latin1');
  const parts: MultipartPart[] = [];
  for (const chunk of text.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    const headEnd = chunk.indexOf('\r\n\r\n');
    const head = chunk.slice(0, headEnd < 0 ? undefined : headEnd);
    const headers = new Map<string, string>();
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition');
    if (!disposition) continue;
    const { parameters } = parseDisposition(disposition);
    if (parameters.name === undefined) continue;
    parts.push({ name: parameters.name, filename: parameters.filename, contentType: headers.get('content-type') });
  }
  return parts;
}

/**
 * A normal form of a pact file for "is this the same contract?": interactions sorted, and the random
 * multipart boundary Pact picks on each run replaced by a fixed one (in the header and in the body).
 */
export function normalisePact(json: JsonObject): Json {
  const copy = structuredClone(json);
  const normaliseHttpPart = (part: Json | undefined) => {
    if (!isObject(part)) return;
    const ct = header(part, 'content-type');
    const boundary = boundaryOf(ct);
    if (!boundary) return;
    if (isObject(part.headers)) {
      for (const k of Object.keys(part.headers)) {
        if (k.toLowerCase() !== 'content-type') continue;
        const v = part.headers[k];
        part.headers[k] = Array.isArray(v) ? v.map((s) => String(s).split(boundary).join('BOUNDARY')) : String(v).split(boundary).join('BOUNDARY');
      }
    }
    const bytes = bodyBytes(part);
    if (bytes && isObject(part.body) && 'content' in part.body) {
      part.body.content = bytes.toString('latin1').split(boundary).join('BOUNDARY');
      part.body.encoded = 'normalised';
    } else if (bytes) {
      part.body = bytes.toString('latin1').split(boundary).join('BOUNDARY');
    }
  };
  for (const key of ['interactions', 'messages'] as const) {
    const list = copy[key];
    if (!Array.isArray(list)) continue;
    for (const i of list) {
      if (!isObject(i)) continue;
      normaliseHttpPart(i.request);
      normaliseHttpPart(i.response);
    }
    list.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }
  return copy;
}

function sortKey(i: Json): string {
  return isObject(i) ? `${String(i.description)}\u0000${statesOf(i).join('\u0000')}\u0000${String(i.type ?? '')}` : '';
}

/** The first place two JSON values differ, as a JSON path, with both values (for a readable finding). */
export function firstDifference(a: Json | undefined, b: Json | undefined, path = '$'): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  } else if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: Json | undefined) => (v === undefined ? '(missing)' : JSON.stringify(v).slice(0, 120));
  return `${path}: committed ${show(a)}, generated now ${show(b)}`;
}
