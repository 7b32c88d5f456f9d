// The runtime's ceiling for `npm run bench`: a bare node:http server, run as its own child process like the
// sandbox, that answers `GET /me` with a fixed Person and `GET /me/profileimage` with a fixed Base64 text.
// It does the least a server can do (one header check, one prepared body), so the sandbox's throughput as a
// fraction of this one's says how much the sandbox's own work costs on this machine and this Node.
// It also takes `POST /media` the way a streaming server at its leanest would: it counts the body's bytes and
// throws them away, answering 413 at the end when they passed MAX_UPLOAD_BYTES. Its memory while doing so is
// what Node itself needs to stream a body through, the baseline for the sandbox's oversize-upload memory.
// Env: PORT, PERSON_JSON (the body for /me, so it can be byte-identical to the sandbox's), IMAGE_BASE64,
// MAX_UPLOAD_BYTES.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 0);
const person = Buffer.from(process.env.PERSON_JSON ?? '{}');
const image = Buffer.from(process.env.IMAGE_BASE64 ?? '');
const limit = Number(process.env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024);
const problem = Buffer.from(
  JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'the ceiling server knows only GET /me and GET /me/profileimage' }),
);

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/me' && req.headers.authorization?.startsWith('Bearer ')) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': person.length });
    res.end(person);
  } else if (req.method === 'GET' && req.url === '/me/profileimage' && req.headers.authorization?.startsWith('Bearer ')) {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': image.length });
    res.end(image);
  } else if (req.method === 'POST' && req.url?.startsWith('/media')) {
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    req.on('end', () => {
      res.writeHead(size > limit ? 413 : 201, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(size));
    });
  } else {
    res.writeHead(404, { 'content-type': 'application/problem+json', 'content-length': problem.length });
    res.end(problem);
  }
});

server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
