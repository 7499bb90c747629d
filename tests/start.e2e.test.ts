/**
 * `npm start` as a service manager or a terminal stops it: the signal goes to the npm process only,
 * and the server must let go of its port (the demo site is built and served from a copy of the project).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const copy = mkdtempSync(join(tmpdir(), 'ronda-start-'));
for (const d of ['records', 'schemas', 'scripts', 'lib', 'site', 'package.json', 'tsconfig.json']) cpSync(join(REPO, d), join(copy, d), { recursive: true });
// The last two weeks of demo rounds are enough to serve (and hold the demo's forged merge): a smaller build.
const NOVEMBER = join(copy, 'records/rounds/2026/11');
for (const month of ['08', '09', '10']) rmSync(join(copy, 'records/rounds/2026', month), { recursive: true, force: true });
for (const f of readdirSync(NOVEMBER)) if (f < '2026-11-10') rmSync(join(NOVEMBER, f));
symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* already gone */ }
  rmSync(copy, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
const portIsFree = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = createServer().once('error', () => ok(false)).listen(port, '127.0.0.1', () => s.close(() => ok(true)));
  });

/** Runs `npm start` until it says where it serves; resolves with the process and its output so far. */
function start(port: number): Promise<{ npm: ChildProcess; output: () => string }> {
  const npm = spawn('npm', ['start'], { cwd: copy, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(npm);
  let text = '';
  return new Promise((ok, fail) => {
    const seen = (b: Buffer) => {
      text += b.toString();
      if (text.includes(`http://127.0.0.1:${port}/`)) ok({ npm, output: () => text });
    };
    npm.stdout!.on('data', seen);
    npm.stderr!.on('data', seen);
    npm.once('exit', (code) => fail(new Error(`npm start ended (${code}) before serving:\n${text}`)));
  });
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops serving and frees its port when only the npm process gets ${signal}`, async () => {
      const port = await freePort();
      const { npm, output } = await start(port);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status, output()).toBe(200);
      // Built from the demo history: rounds approved by the DEMO key, one forged approval waiting.
      expect(output()).toContain('riwayat demo');
      const page = await home.text();
      expect(page).toMatch(/Disetujui/);
      expect(page).toMatch(/Ronde menunggu persetujuan Kepala Seksi/);
      // Archiving judged on the demo forge's pull-request times, not on commit dates.
      expect(page).toMatch(/Disetujui Kepala Seksi dalam 30 menit setelah dikirim \(langkah 4\)<\/dt><dd>[\d,]+%/);
      const kept = await fetch(`http://127.0.0.1:${port}/ronde/`, { keepalive: true }); // an open connection too
      expect(kept.status).toBe(200);

      const ended = new Promise((ok) => npm.once('exit', () => ok(true)));
      npm.kill(signal); // to npm alone, not its process group
      const gone = await Promise.race([ended, new Promise((ok) => setTimeout(() => ok(false), 60_000))]);
      expect(gone, `npm start still running a minute after ${signal}:\n${output()}`).toBe(true);
      // The server is a grandchild of npm: give it the moment it needs to notice, then the port must be free.
      let free = false;
      for (let i = 0; i < 100 && !free; i++) {
        free = await portIsFree(port);
        if (!free) await new Promise((r) => setTimeout(r, 100));
      }
      expect(free, output()).toBe(true);
    });
  }
});
