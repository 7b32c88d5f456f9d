// Names of uploaded media (docs/contract.md §9), as plain functions shared by the sandbox and the MSW handlers.
// Browsers and curl encode a multipart part's filename per the HTML standard's form-data rules: `"` as %22,
// CR as %0D and LF as %0A, and nothing else; `decodeFormFilename` undoes exactly that, so `my "best".png`
// is stored as sent. Only the file part's filename is a path on the sender's machine, so only it loses
// its directories (`C:\Users\me\cat.png` → `cat.png`); the free-text `name` part is kept exactly as given.

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
