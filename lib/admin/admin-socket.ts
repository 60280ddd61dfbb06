// The running server's admin socket: a Unix socket in the data directory (mode 0600, so only the
// owner of the data can use it), one JSON request per line, one JSON answer per line. It lets the
// CLI work while the server owns the embedded database, and makes revocations take effect at once.
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runAdminCommand, type AdminContext, type AdminRequest, type AdminResult } from './admin-commands';

export function adminSocketPath(dir: string): string {
  return path.join(dir, 'admin.sock');
}

export function startAdminSocket(dir: string, context: AdminContext): Promise<net.Server> {
  const socketPath = adminSocketPath(dir);
  rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', async (data: string) => {
      buffer += data;
      if (buffer.length > 64 * 1024) return socket.destroy();
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      let result: AdminResult;
      try {
        result = await runAdminCommand(JSON.parse(buffer.slice(0, newline)) as AdminRequest, context);
      } catch (error) {
        result = { ok: false, error: `Server error: ${(error as Error).message}` };
      }
      socket.end(JSON.stringify(result) + '\n');
    });
    socket.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      chmodSync(socketPath, 0o600);
      resolve(server);
    });
  });
}

/** Sends one command to a running server; resolves undefined when no server listens there. */
export function sendAdminCommand(dir: string, request: AdminRequest, timeoutMs = 30_000): Promise<AdminResult | undefined> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(adminSocketPath(dir));
    let answer = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('The server did not answer on its admin socket in time.')));
    socket.on('connect', () => {
      connected = true;
      socket.write(JSON.stringify(request) + '\n');
    });
    socket.on('data', (data: string) => (answer += data));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(answer) as AdminResult);
      } catch {
        reject(new Error('The server sent an unreadable answer on its admin socket.'));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(undefined);
      else reject(error);
    });
  });
}
