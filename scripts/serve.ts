/**
 * Serves a built site on localhost (`npm run serve`; `npm start` builds first, scripts/start.ts): a tiny
 * static server (sirv: correct MIME types, no directory traversal, index.html for folders, 404.html for
 * unknown paths). Port from PORT (default 8080); `--dir` to serve another build, `--host` to listen elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(opts: { dir: string; port?: number; host?: string }): Promise<RunningServer> {
  const dir = resolve(opts.dir);
  const host = opts.host ?? '127.0.0.1';
  const notFoundPage = join(dir, '404.html');
  const files = sirv(dir, { dev: true, etag: true, extensions: ['html'] });
  const server = createServer((req, res) => {
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(existsSync(notFoundPage) ? readFileSync(notFoundPage) : 'Not found');
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    server,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections(); // a browser's keep-alive connection must not hold the port
    }),
  };
}

/** Stops serving on SIGINT or SIGTERM (Ctrl+C, a service manager, or npm passing the signal on) and frees the port. */
export function closeOnSignal(s: RunningServer): void {
  const stop = () => {
    void s.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A new parent means whoever started us is gone (npm or its shell killed outright): stop with it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 250).unref();
}

/** The port from PORT, or null (with the message printed) when it is not a port. */
export function portFromEnv(): number | null {
  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  console.error(`PORT tidak valid: ${process.env.PORT}. Contoh: PORT=8081 npm start`);
  return null;
}

/** Serves `dir` until a signal; exit code 1 when the port cannot be had. */
export async function serveUntilSignal(dir: string, port: number, host: string): Promise<number> {
  try {
    const s = await startServer({ dir, port, host });
    closeOnSignal(s);
    console.log(`Situs arsip Ronda: ${s.url}  (Ctrl+C untuk berhenti)`);
    return 0;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} sudah dipakai; coba PORT=8081 npm start.` : `Server gagal: ${err.message}`);
    return 1;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: '_site' }, host: { type: 'string', default: '127.0.0.1' } } });
  const dir = resolve(values.dir);
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`Situs belum dibangun di ${dir}. Jalankan npm run build dulu.`);
    process.exit(1);
  }
  const port = portFromEnv();
  if (port === null) process.exit(2);
  const code = await serveUntilSignal(dir, port, values.host);
  if (code !== 0) process.exit(code);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
