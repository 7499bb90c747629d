import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBlobId } from './blob-id.ts';
import { readHistory, type StaffIdentity } from './history.ts';

// Opt-in (`npm run test:scale`); `npm run bench` reports the same pass as `history_ratio`.
const budi: StaffIdentity = { id: 'budi', name: 'Budi Santoso', email: 'budi@diskominfo.go.id', role: 'admin' };
const staff = [budi];
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function git(cwd: string, args: string[], extra: Record<string, string> = {}, input?: string): string {
  return execFileSync('git', args, { cwd, env: { ...env, ...extra }, input, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}
function newRepo(): string {
  const d = mkdtempSync(join(tmpdir(), 'ronda-history-scale-'));
  dirs.push(d);
  git(d, ['init', '-q', '-b', 'main']);
  return d;
}

describe('readHistory at scale', () => {
  it('reads 11,000 commits (one round each, via git fast-import) in one pass', async () => {
    const repo = newRepo();
    const N = 11_000;
    const parts: string[] = [];
    const t0 = 1_700_000_000;
    // ~100 rounds per month directory, as in a real archive (keeps tree diffs small).
    const pathOf = (i: number) => {
      const year = 2000 + Math.floor(i / 1200);
      const month = String((i % 12) + 1).padStart(2, '0');
      return `records/rounds/${year}/${month}/${year}-${month}-r${i}.yaml`;
    };
    for (let i = 0; i < N; i++) {
      const path = pathOf(i);
      const msg = `Ronde ${i}`;
      const body = `room: ruang-server-utama\nshift: pagi\nindex: ${i}\n`;
      const who = `${budi.name} <${budi.email}> ${t0 + i * 3600} +0700`;
      parts.push(
        `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(msg)}\n${msg}\n` +
          `M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}\n`,
      );
    }
    git(repo, ['fast-import', '--quiet'], {}, parts.join(''));

    const h = await readHistory(repo);
    expect(h.commitsRead).toBe(N);
    expect(h.files.size).toBe(N);
    const last = h.files.get(pathOf(N - 1))!;
    expect(last.blob).toBe(gitBlobId(`room: ruang-server-utama\nshift: pagi\nindex: ${N - 1}\n`));
    expect(last.approval.reason).toBe('direct-push');
  });
});
