/**
 * `npm start` serves the built site (_site/) on localhost: a tiny static server (sirv: correct MIME
 * types, no directory traversal, index.html for folders, 404.html for unknown paths).
 * Port from PORT (default 8080); `--dir` to serve another build, `--host` to listen elsewhere.
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
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: '_site' }, host: { type: 'string', default: '127.0.0.1' } } });
  const dir = resolve(values.dir);
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`Situs belum dibangun di ${dir}. Jalankan npm run build dulu.`);
    process.exit(1);
  }
  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT tidak valid: ${process.env.PORT}`);
    process.exit(2);
  }
  try {
    const s = await startServer({ dir, port, host: values.host });
    console.log(`Situs arsip Ronda: ${s.url}  (Ctrl+C untuk berhenti)`);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    console.error(err.code === 'EADDRINUSE' ? `Port ${port} sudah dipakai; coba PORT=8081 npm start.` : `Server gagal: ${err.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
