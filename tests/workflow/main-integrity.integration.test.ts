/**
 * Nothing on main changes unseen, attacked as an admin with push access would: an approved round edited by
 * a commit on main or through an unsigned merge in the kasi's name, an approved round or maintenance record
 * deleted or edited, and main rewritten and force-pushed after a publication. `npm run check` on main reports
 * each; the build names them and its next run, given the published integrity file, sees the rewrite.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script.ts';
import { ADMIN_BUDI, approvedRound, cleanup, env, git, KASI, read, run, workspace, write, type Workspace } from './helpers.ts';

afterAll(cleanup);

let ws: Workspace;
let roundPath: string;
const MAINTENANCE = 'records/maintenance/2026/2026-10-07-penggantian-kompresor-ac-02.md';

/** origin/main holds a round and a maintenance record, submitted by budi and merged signed by the kasi. */
beforeAll(async () => {
  ws = workspace();
  roundPath = await approvedRound(ws, (admin) => {
    mkdirSync(join(admin, 'records/maintenance/2026'), { recursive: true });
    write(admin, MAINTENANCE, readFileSync(join(import.meta.dirname, '../..', MAINTENANCE), 'utf8').replace(/^findings:\n  - T-2026-042\n/m, ''));
  });
});

/** A fresh clone of main as the admin, to attack from. */
const attacker = (name: string) => ws.clone(name, ADMIN_BUDI);
const check = (dir: string) => run('check', [], dir, ws.home);

describe('integrity of main', () => {
  it('an untouched main passes check', async () => {
    const r = await check(attacker('clean'));
    expect(r.stdout).toContain('tidak ada masalah');
    expect(r.code).toBe(0);
  });

  it('an approved round edited by a commit on main → check on main errors, naming the approval and the commit', async () => {
    const dir = attacker('edit');
    write(dir, roundPath, read(dir, roundPath).replace(/humidity_pct: 50/, 'humidity_pct: 44'));
    git(dir, ['commit', '-q', '-am', 'Perbaiki'], ws.home);
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${roundPath}:1:1  galat: berkas ini sudah disetujui Hendra Kurniawan[^(]* \\(\\d{4}-\\d\\d-\\d\\d\\), lalu diubah di main tanpa persetujuan \\(commit [0-9a-f]{12}\\)`, 'm'));
  });

  it('an approved round edited through an unsigned merge carrying the kasi\'s e-mail → the same', async () => {
    const dir = attacker('kasi-email');
    git(dir, ['checkout', '-q', '-b', 'ubah'], ws.home);
    write(dir, roundPath, read(dir, roundPath).replace(/humidity_pct: 50/, 'humidity_pct: 45'));
    git(dir, ['commit', '-q', '-am', 'Ubah'], ws.home);
    git(dir, ['checkout', '-q', 'main'], ws.home);
    git(dir, ['-c', `user.name=${KASI.name}`, '-c', `user.email=${KASI.email}`, 'merge', '-q', '--no-ff', '-m', 'Persetujuan\n\nApproved-by: Hendra', 'ubah'], ws.home);
    expect((await check(dir)).stdout).toContain(`${roundPath}:1:1  galat: berkas ini sudah disetujui`);
  });

  it('an approved round and an approved maintenance record deleted or edited on main → errors for both', async () => {
    const dir = attacker('delete');
    git(dir, ['rm', '-q', roundPath], ws.home);
    write(dir, MAINTENANCE, read(dir, MAINTENANCE).replace('Penggantian kompresor', 'Pembersihan'));
    git(dir, ['commit', '-q', '-am', 'Rapikan'], ws.home);
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${roundPath}:1:1  galat: berkas yang sudah disetujui Hendra Kurniawan.* dihapus dari main`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^${MAINTENANCE}:1:1  galat: berkas ini sudah disetujui`, 'm'));
  });

  it('a committed .ronda-cache/ (force-added past .gitignore) → an error naming the fix', async () => {
    const dir = attacker('cache');
    git(dir, ['checkout', '-q', '-b', 'dokumen'], ws.home);
    mkdirSync(join(dir, '.ronda-cache/records-v2'), { recursive: true });
    write(dir, '.ronda-cache/records-v2/index.json', '{"key":"x","entries":{}}');
    git(dir, ['add', '-f', '.ronda-cache'], ws.home);
    git(dir, ['commit', '-q', '-m', 'Dokumentasi'], ws.home);
    const r = await check(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\.ronda-cache\/records-v2\/index\.json:1:1  galat: folder \.ronda-cache\/ ikut di-commit \(1 berkas\).*git rm -r --cached \.ronda-cache/m);
  });

  it('main rewritten and force-pushed after a publication → the next build names the rewrite and the lost version', async () => {
    const site = join(ws.base, 'terbit');
    const kasi = ws.clone('kasi-build', KASI);
    const first = runScript('build', ['--out', site, '--no-search', '--lang', 'id'], kasi, { env: env(ws.home) as Record<string, string> });
    expect(first.code, first.err).toBe(0);
    const published = JSON.parse(readFileSync(join(site, 'integritas.json'), 'utf8')) as { head: string; approved: Record<string, string> };
    expect(Object.keys(published.approved)).toContain(roundPath);

    // The attacker resets main to the anchor, re-adds the round with other values and force-pushes.
    const dir = attacker('rewrite');
    const anchor = git(dir, ['rev-list', '--max-parents=0', 'HEAD'], ws.home);
    const forged = read(dir, roundPath).replace(/humidity_pct: 50/, 'humidity_pct: 41');
    git(dir, ['reset', '-q', '--hard', anchor], ws.home);
    mkdirSync(join(dir, roundPath, '..'), { recursive: true });
    write(dir, roundPath, forged);
    git(dir, ['add', '-A'], ws.home);
    git(dir, ['commit', '-q', '-m', 'Ronde'], ws.home);
    git(dir, ['push', '-q', '--force', 'origin', 'main'], ws.home);

    git(kasi, ['fetch', '-q', 'origin'], ws.home);
    git(kasi, ['reset', '-q', '--hard', 'origin/main'], ws.home);
    const next = runScript('build', ['--out', join(ws.base, 'terbit-2'), '--no-search', '--lang', 'id', '--previous', join(site, 'integritas.json')], kasi, { env: env(ws.home) as Record<string, string> });
    expect(next.code, next.err).toBe(0);
    expect(next.out + next.err).toContain(`riwayat main tidak lagi memuat commit ${published.head.slice(0, 12)}`);
    expect(next.out + next.err).toMatch(new RegExp(`versi berkas ini yang diterbitkan sebagai disetujui tidak ada lagi.*: ${roundPath}`));
    const audit = readFileSync(join(ws.base, 'terbit-2', 'jejak', 'index.html'), 'utf8');
    expect(audit).toContain('Riwayat yang pernah diterbitkan ditulis ulang');
    expect(readFileSync(join(ws.base, 'terbit-2', 'index.html'), 'utf8')).toContain('masalah keutuhan arsip');
  });
});
