// The baseline of `npm run bench`: a bare node:http server that does the least a server can do for each
// benchmarked request (one header check, one prepared body). Plain JavaScript on purpose: it runs under plain
// `node` with no loader, so its start-up is Node's own and the sandbox's start-up ratio against it is fair.
//   POST /token?grant_type=guest  200 with a fixed token (the start-up probe)
//   GET /me, GET /me/profileimage 200 with PERSON_JSON / IMAGE_BASE64, so it can send the sandbox's own bytes
//   POST /media…                  counts the body and drops it: 413 past MAX_UPLOAD_BYTES, else 201; what Node
//                                 itself needs to stream an upload through
// Env: PORT, PERSON_JSON, IMAGE_BASE64, MAX_UPLOAD_BYTES.
import { createServer } from 'node:http';

const person = Buffer.from(process.env.PERSON_JSON ?? '{"profileId":"bare"}');
const image = Buffer.from(process.env.IMAGE_BASE64 ?? '');
const token = Buffer.from('{"token":"bare-token","tokenType":"Bearer"}');
const limit = Number(process.env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024);

const send = (res, status, type, body) => {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
};

const server = createServer((req, res) => {
  const authorized = req.headers.authorization?.startsWith('Bearer ');
  if (req.method === 'POST' && req.url === '/token?grant_type=guest') send(res, 200, 'application/json', token);
  else if (req.method === 'GET' && req.url === '/me' && authorized) send(res, 200, 'application/json; charset=utf-8', person);
  else if (req.method === 'GET' && req.url === '/me/profileimage' && authorized) send(res, 200, 'text/plain; charset=utf-8', image);
  else if (req.method === 'POST' && req.url?.startsWith('/media')) {
    let size = 0;
    req.on('data', (chunk) => (size += chunk.length));
    req.on('end', () => send(res, size > limit ? 413 : 201, 'text/plain', Buffer.from(String(size))));
  } else send(res, 404, 'text/plain', Buffer.from('not found'));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
