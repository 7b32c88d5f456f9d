// Upload measurements against the sandbox:
// - throughput: 5 MiB ProfileImage uploads one after another over one kept-alive connection, MiB/s per upload;
// - memory: oversize uploads (64 and 256 MiB against the 10 MiB limit) to a freshly started sandbox while
//   its VmRSS is sampled from /proc every 2 ms, beside the bare node:http server draining the same bodies.
//   The body is sent chunked (no Content-Length), so the server cannot refuse from the header alone and
//   has to count while it reads; the declared-length case is measured too.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PNG_1X1, toBase64 } from '../../src/fixtures/images.ts';
import { getText, guestToken, multipartFile, timedPost } from './http.ts';
import { memoryOf } from './procs.ts';
import { summarize, type Summary } from './stats.ts';
import { spawnCeiling, spawnSandbox, type Target } from './targets.ts';

export const MiB = 1024 * 1024;

/** A file of `size` bytes that starts like a PNG (the contract judges images by their magic bytes). */
export function pngOfSize(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from(PNG_1X1).copy(bytes, 0);
  return bytes;
}

export interface UploadSummary {
  sizeBytes: number;
  mibPerS: Summary;
  ms: Summary;
  /** the same uploads to the node:http ceiling, which only counts the bytes: what the loopback allows now */
  ceiling?: { mibPerS: Summary; ms: Summary };
}

/**
 * `count` uploads to the sandbox, each followed by the same upload to the ceiling when one is given, so that
 * a slow moment of the shared machine hits both alike.
 */
export async function measureUploads(sandbox: Target, ceiling: Target | undefined, count: number, sizeBytes: number): Promise<UploadSummary> {
  const token = await guestToken(sandbox.url);
  const file = pngOfSize(sizeBytes);
  const { body, contentType } = multipartFile(file, 'large.png', 'image/png');
  const path = '/media?AdditionalType=ProfileImage';
  const targets = [
    { t: sandbox, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, times: [] as number[] },
    ...(ceiling ? [{ t: ceiling, headers: { authorization: `Bearer ${ceiling.token}`, 'content-type': contentType }, times: [] as number[] }] : []),
  ];
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    for (let i = 0; i < count + 1; i++) {
      for (const [k, x] of targets.entries()) {
        const r = await timedPost(agents[k]!, x.t.port, path, x.headers, body);
        if (r.status !== 201) throw new Error(`${x.t.label}: ${sizeBytes / MiB} MiB upload answered ${r.status} instead of 201: ${r.body.slice(0, 300)}`);
        // The first upload warms the connection and the code path; it is not counted.
        if (i > 0) x.times.push(r.ms);
      }
    }
  } finally {
    for (const a of agents) a.destroy();
  }
  // The last upload must be the active image, byte for byte: a fast upload that stored something else is no upload.
  const active = await getText(sandbox.url, '/me/profileimage', token);
  if (active.status !== 200 || active.text !== toBase64(file)) {
    throw new Error(`after the uploads GET /me/profileimage answered ${active.status} with ${active.text.length} characters, not the Base64 of the uploaded file`);
  }
  const rate = (times: number[]): Summary => summarize(times.map((ms) => sizeBytes / MiB / (ms / 1000)));
  const [s, c] = targets;
  return {
    sizeBytes,
    mibPerS: rate(s!.times),
    ms: summarize(s!.times),
    ...(c ? { ceiling: { mibPerS: rate(c.times), ms: summarize(c.times) } } : {}),
  };
}

export type OversizeServer = 'sandbox' | 'ceiling';
export type OversizeMode = 'chunked' | 'content-length';

export interface OversizeCase {
  server: OversizeServer;
  mode: OversizeMode;
  bodyBytes: number;
}

export interface OversizeResult extends OversizeCase {
  limitBytes: number;
  status: number;
  /** bytes the client had written when the answer arrived */
  sentBytes: Summary;
  answerMs: Summary;
  baselineRss: Summary;
  /** peak sampled VmRSS − VmRSS just before the upload */
  growth: Summary;
  /** VmHWM after − VmHWM before: 0 when the upload set no new high-water mark */
  hwmGrowth: Summary;
}

function oversizeUpload(port: number, token: string, bodyBytes: number, mode: OversizeMode): Promise<{ status: number; sentBytes: number; ms: number }> {
  const chunk = randomBytes(64 * 1024);
  PNG_1X1.forEach((b, i) => (chunk[i] = b));
  const boundary = 'bench-oversize';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + bodyBytes + tail.length;
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (mode === 'content-length') headers['content-length'] = String(total);
  return new Promise((done, fail) => {
    const t0 = performance.now();
    let sent = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path: '/media?AdditionalType=ProfileImage', method: 'POST', headers, agent: false }, (res) => {
      answered = true;
      const at = sent;
      res.resume();
      res.on('end', () => {
        done({ status: res.statusCode ?? 0, sentBytes: at, ms: performance.now() - t0 });
        req.destroy();
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error('oversize upload: no answer within 60 s')));
    // The server may close the connection after answering while we are still writing; that is the expected end.
    req.on('error', (err) => {
      if (!answered) fail(err);
    });
    const write = (): void => {
      if (sent === 0) req.write(head);
      while (!answered && sent < bodyBytes) {
        const n = Math.min(chunk.length, bodyBytes - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end(tail);
    };
    write();
  });
}

interface OversizeSample {
  status: number;
  sentBytes: number;
  answerMs: number;
  baselineRss: number;
  growth: number;
  hwmGrowth: number;
}

/** One oversize upload to a freshly started server, its VmRSS sampled every 2 ms from /proc. */
async function oversizeOnce(c: OversizeCase, limitBytes: number): Promise<OversizeSample> {
  const env = { MAX_UPLOAD_BYTES: String(limitBytes) };
  const server = c.server === 'sandbox' ? await spawnSandbox(env) : await spawnCeiling(env);
  try {
    const token = c.server === 'sandbox' ? await guestToken(server.url) : 'bench-token';
    // Let start-up garbage settle, so the baseline is the idle server.
    await new Promise((r) => setTimeout(r, 300));
    const before = memoryOf(server.child.pid);
    if (!before) throw new Error('cannot read /proc/<pid>/status of the server: the memory measurement needs Linux');
    let peak = before.rss;
    const sampler = setInterval(() => {
      const m = memoryOf(server.child.pid);
      if (m && m.rss > peak) peak = m.rss;
    }, 2);
    let answer;
    try {
      answer = await oversizeUpload(server.port, token, c.bodyBytes, c.mode);
      // Keep sampling briefly: memory may still rise while the server finishes with what it read.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      clearInterval(sampler);
    }
    const after = memoryOf(server.child.pid) ?? before;
    peak = Math.max(peak, after.rss);
    if (answer.status !== 413) {
      throw new Error(`${c.server}: an upload of ${c.bodyBytes / MiB} MiB against a limit of ${limitBytes / MiB} MiB answered ${answer.status}, not 413`);
    }
    return {
      status: answer.status,
      sentBytes: answer.sentBytes,
      answerMs: answer.ms,
      baselineRss: before.rss,
      growth: peak - before.rss,
      hwmGrowth: Math.max(0, after.hwm - before.hwm),
    };
  } finally {
    await server.child.stop();
  }
}

/**
 * Every case `repeats` times, cases interleaved. Streaming through Node costs memory by itself (read buffers
 * wait for the garbage collector), so the sandbox is compared with the ceiling server draining the same body,
 * and at two body sizes: a server that streams grows about alike for both sizes; one that buffers grows
 * with the body.
 */
export async function measureOversize(cases: OversizeCase[], limitBytes: number, repeats: number, log: (line: string) => void): Promise<OversizeResult[]> {
  const samples = cases.map(() => [] as OversizeSample[]);
  for (let i = 0; i < repeats; i++) {
    for (const [k, c] of cases.entries()) {
      const x = await oversizeOnce(c, limitBytes);
      samples[k]!.push(x);
      log(
        `  ${c.server} ${c.bodyBytes / MiB} MiB ${c.mode}: ${x.status} after ${(x.sentBytes / MiB).toFixed(1)} MiB sent, ${x.answerMs.toFixed(0)} ms; ` +
          `RSS ${(x.baselineRss / MiB).toFixed(1)} MiB +${(x.growth / MiB).toFixed(1)} MiB at peak`,
      );
    }
  }
  return cases.map((c, k) => {
    const xs = samples[k]!;
    return {
      ...c,
      limitBytes,
      status: xs[0]!.status,
      sentBytes: summarize(xs.map((x) => x.sentBytes)),
      answerMs: summarize(xs.map((x) => x.answerMs)),
      baselineRss: summarize(xs.map((x) => x.baselineRss)),
      growth: summarize(xs.map((x) => x.growth)),
      hwmGrowth: summarize(xs.map((x) => x.hwmGrowth)),
    };
  });
}
