// Names of uploaded media (docs/contract.md §9, R49), as plain functions shared by the sandbox and the MSW handlers.
// Browsers and curl (since 7.81) encode a multipart part's name and filename per the HTML standard's form-data
// rules: `"` as %22, CR as %0D and LF as %0A, and nothing else; in particular a backslash is sent as it is and
// escapes nothing. `decodeFormFilename` undoes exactly that, so `my "best".png` is stored as sent, and
// `readFormDisposition` reads a part's Content-Disposition the same way (a quoted value runs to the next `"`),
// so `C:\Users\me\cat.png` keeps its backslashes until its path is dropped. Only the file part's filename is a
// path on the sender's machine, so only it loses its directories (`C:\Users\me\cat.png` → `cat.png`); the
// free-text `name` part is kept exactly as given.

const FORM_ESCAPES: Record<string, string> = { '%22': '"', '%0D': '\r', '%0A': '\n' };

/** Undo the HTML form-data encoding of a Content-Disposition filename (only %22, %0D and %0A). */
export function decodeFormFilename(raw: string): string {
  return raw.replace(/%22|%0D|%0A/g, (escape) => FORM_ESCAPES[escape]!);
}

/**
 * The file part's filename as stored: decoded, without directories (after `/` or `\`), without control
 * characters, trimmed; `.` and `..` name no file and give "".
 */
export function fileBaseName(raw: string): string {
  const base = decodeFormFilename(raw).split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '.' || clean === '..' ? '' : clean;
}

/** True when the filename, once its directories are dropped, is empty, `.` or `..`: it names no file. */
export function namesNoFile(raw: string): boolean {
  const base = decodeFormFilename(raw).split(/[/\\]/).pop() ?? '';
  return base === '' || base === '.' || base === '..';
}

/** Length as people count it: Unicode code points, so an emoji is one character, not two. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** What a part's Content-Disposition says, as docs/contract.md R49 reads it. */
export interface FormDisposition {
  /** The disposition type is `form-data` (in any case); a part of another type is no form field. */
  formData: boolean;
  /** The `name` parameter, as sent. */
  name?: string;
  /** The `filename` (or `filename*`) parameter as sent (see `fileBaseName` for the stored name). */
  filename?: string;
}

/**
 * The form browsers write (and the Fetch standard's parser requires): `form-data; name="…"` and, for a file,
 * `; filename="…"`, each value up to the next `"`. What follows it is ignored.
 */
const BROWSER_FORM = /^form-data; name="([^"]*)"[^;]*(?:$|;[ \t]*filename="([^"]*)")/;

/**
 * Split any other Content-Disposition value into its type and parameters. A quoted run (of a value, or even
 * of a name) is taken literally up to the next `"` (a backslash is an ordinary character); whatever follows
 * the closing quote up to the next `;` is ignored, as are blanks outside quotes. Parameter names are case-insensitive (RFC 7578 via RFC 6266)
 * and the last of each name counts; `filename*` (RFC 8187) is one more way of writing `filename`.
 */
function dispositionParameters(header: string): { type: string; params: Map<string, string> } {
  // No parameters: the whole value is the type, as it stands.
  if (!header.includes(';')) return { type: header.toLowerCase(), params: new Map() };
  const segments: [string, string | undefined][] = [];
  let key = '';
  let value: string | undefined;
  let quoted = false;
  let closed = false;
  for (const char of header) {
    if (quoted && char === '"') [quoted, closed] = [false, true];
    else if (quoted && value === undefined) key += char;
    else if (quoted) value += char;
    else if (char === ';') {
      segments.push([key, value]);
      [key, value, closed] = ['', undefined, false];
    } else if (closed || char === ' ' || char === '\t') continue;
    else if (char === '"') quoted = true;
    else if (value !== undefined) value += char;
    // The first segment is the type, where `=` is just a character.
    else if (char === '=' && segments.length > 0) value = '';
    else key += char;
  }
  segments.push([key, value]);
  const params = new Map<string, string>();
  for (const [name, given] of segments.slice(1)) {
    if (given === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'filename*') params.set('filename', decodeExtValue(given) ?? given);
    else params.set(lower, given);
  }
  return { type: segments[0]![0].toLowerCase(), params };
}

/** An RFC 8187 ext-value (`UTF-8'en'%C3%A9.png`) decoded; undefined when it is not one. */
function decodeExtValue(value: string): string | undefined {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!match) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < match[2]!.length; i++) {
    const hex = match[2]!.slice(i + 1, i + 3);
    if (match[2]![i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(match[2]!.charCodeAt(i) & 0xff);
    }
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(match[1] || 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(new Uint8Array(bytes));
}

/**
 * Read a multipart part's Content-Disposition header: in the browsers' form as they write it, else parameter
 * by parameter (the readings busboy gives the sandbox, apart from its backslash escapes).
 */
export function readFormDisposition(header: string | undefined): FormDisposition {
  if (header === undefined) return { formData: false };
  const browser = BROWSER_FORM.exec(header);
  if (browser) return { formData: true, name: browser[1]!, ...(browser[2] !== undefined ? { filename: browser[2] } : {}) };
  const { type, params } = dispositionParameters(header);
  const name = params.get('name');
  const filename = params.get('filename');
  return {
    formData: type === 'form-data',
    ...(name !== undefined ? { name } : {}),
    ...(filename !== undefined ? { filename } : {}),
  };
}
