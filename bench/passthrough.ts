// A1: the Node floor. A bare node:http server that forwards every request to the upstream with
// an undici Pool (keep-alive) and streams the answer back: no auth, no parsing, no logging.
//   node --import tsx bench/passthrough.ts --port 0 --upstream http://127.0.0.1:N → {"port":M}
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, upstream: { type: 'string' } } });
const pool = new Pool(values.upstream!, { connections: 512, keepAliveTimeout: 30_000 });

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    pool.request({ path: req.url!, method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) }).then(
      (up) => {
        res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
        up.body.on('data', (c: Buffer) => res.write(c));
        up.body.on('end', () => res.end());
        up.body.on('error', () => res.destroy());
      },
      () => res.writeHead(502).end(),
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`));
