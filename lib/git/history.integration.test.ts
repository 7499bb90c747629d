import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signerLine, sshKey, sshSigning, type SshKey } from '../../tests/helpers/signing.ts';
import { gitBlobId } from './blob-id.ts';
import { Change, LogReader, logArgs, readHistory, type StaffIdentity } from './history.ts';

const budi: StaffIdentity = { id: 'budi', name: 'Budi Santoso', email: 'budi@diskominfo.go.id', role: 'admin' };
const andi: StaffIdentity = { id: 'andi', name: 'Andi Pratama', email: 'andi@diskominfo.go.id', role: 'admin' };
const sari: StaffIdentity = { id: 'sari', name: 'Sari Wulandari', email: 'Sari.W@Diskominfo.go.id', role: 'kasi', nip: '198001012005012001' };
const staff = [budi, andi, sari];
const github = { name: 'GitHub', email: 'noreply@github.com' };

// Hermetic git for building fixtures: no user/system config, fixed branch name.
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'ronda-history-'));
  dirs.push(d);
  return d;
}
function git(cwd: string, args: string[], extra: Record<string, string> = {}, input?: string): string {
  return execFileSync('git', args, { cwd, env: { ...env, ...extra }, input, encoding: 'utf8' }).trim();
}
const as = (p: { name: string; email: string }) => ['-c', `user.name=${p.name}`, '-c', `user.email=${p.email}`];

function newRepo(): string {
  const d = tmp();
  git(d, ['init', '-q', '-b', 'main']);
  return d;
}
function write(repo: string, path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}
function commit(repo: string, who: { name: string; email: string }, msg: string, files: Record<string, string | null>): string {
  for (const [p, t] of Object.entries(files)) {
    if (t === null) git(repo, ['rm', '-q', p]);
    else { write(repo, p, t); git(repo, ['add', p]); }
  }
  git(repo, [...as(who), 'commit', '-q', '-m', msg]);
  return git(repo, ['rev-parse', 'HEAD']);
}
let sariKey: SshKey;
beforeAll(() => { sariKey = sshKey(tmp(), 'sari'); });
/** The kasi signs merges with her SSH key (approval is by signature: lib/git/approval.integration.test.ts). */
const signs = (p: { email: string }) => (p.email === sari.email ? [...sshSigning(sariKey), '-c', 'commit.gpgSign=true'] : []);
/** The first commit: staff list and keys, signed by the kasi (the trust anchor). */
function anchor(repo: string, extra: Record<string, string> = {}): string {
  const config = `staff:\n${staff.map((s) => `  - { id: ${s.id}, name: ${s.name}, email: ${s.email}, role: ${s.role} }\n`).join('')}`;
  for (const [p, t] of Object.entries({ 'records/config.yaml': config, 'records/allowed_signers': signerLine(sari.email, sariKey), ...extra })) { write(repo, p, t); git(repo, ['add', p]); }
  git(repo, [...as(sari), ...signs(sari), 'commit', '-q', '-m', 'Konfigurasi awal']);
  return git(repo, ['rev-parse', 'HEAD']);
}
/** Admin submits on a branch; `merger` merges it with --no-ff (extra message paragraphs allowed). */
function submitAndMerge(repo: string, branch: string, files: Record<string, string | null>, merger: { name: string; email: string }, ...extraMsg: string[]): string {
  git(repo, ['checkout', '-q', '-b', branch]);
  commit(repo, budi, `Ronde ${branch}`, files);
  git(repo, ['checkout', '-q', 'main']);
  git(repo, [...as(merger), ...signs(merger), 'merge', '-q', '--no-ff', branch, '-m', `Merge ${branch}`, ...extraMsg.flatMap((m) => ['-m', m])]);
  return git(repo, ['rev-parse', 'HEAD']);
}
const blobAt = (repo: string, rev: string, path: string) => git(repo, ['rev-parse', `${rev}:${path}`]);

const R1 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml';
const R2 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-siang.yaml';

describe('readHistory approvals', () => {
  it('kasi signed --no-ff merge of an admin branch → approved via ssh, created by the admin', async () => {
    const repo = newRepo();
    anchor(repo, { 'README.md': 'x\n' });
    const merge = submitAndMerge(repo, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, sari);

    const h = await readHistory(repo);
    expect(h.head).toBe(merge);
    expect(h.shallow).toBe(false);
    expect(h.commitsRead).toBe(3);
    expect([...h.files.keys()].sort()).toEqual(['records/allowed_signers', 'records/config.yaml', R1]); // README.md is outside the prefix

    const f = h.files.get(R1)!;
    expect(f.created.authorEmail).toBe(budi.email);
    expect(f.created.status).toBe('A');
    expect(f.created.onMainline).toBe(false);
    expect(f.changes.map((c) => c.onMainline)).toEqual([false, true]);
    expect(f.landed?.hash).toBe(merge);
    expect(f.approval).toMatchObject({ state: 'approved', via: 'ssh', commit: merge });
    expect(f.approval.by?.id).toBe('sari');
    expect(f.blob).toBe(blobAt(repo, 'HEAD', R1));
    expect(f.deleted).toBe(false);
    expect(f.truncated).toBe(false);
    expect(f.approvedVersions).toEqual([{ blob: f.blob, approval: f.approval }]);

    // The initial config went straight to main.
    expect(h.files.get('records/config.yaml')!.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
  });

  it('merge by a non-kasi with an Approved-by trailer naming a kasi: unsigned, so not approved; the trailer is kept as information', async () => {
    const repo = newRepo();
    anchor(repo);
    submitAndMerge(repo, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, andi, 'Approved-by: Sari W <sari.w@diskominfo.go.id>');
    submitAndMerge(repo, 'ronde/siang', { [R2]: 'shift: siang\n' }, andi, 'Reviewed-by: Sari W <sari.w@diskominfo.go.id>');

    const h = await readHistory(repo);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
    expect(h.files.get(R1)!.landed?.trailers['Approved-by']).toEqual(['Sari W <sari.w@diskominfo.go.id>']);
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });

  it('squash merge and direct push to main → unapproved with a reason', async () => {
    const repo = newRepo();
    anchor(repo);
    // GitHub-style squash: authored by the admin, committed by GitHub.
    write(repo, R1, 'shift: pagi\n');
    git(repo, ['add', R1]);
    git(repo, [...as(github), 'commit', '-q', '--author', `${budi.name} <${budi.email}>`, '-m', 'Ronde pagi (#12)']);
    commit(repo, budi, 'Ronde siang', { [R2]: 'shift: siang\n' });

    const h = await readHistory(repo);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'squash-or-rebase' });
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
    expect(h.files.get(R2)!.approvedVersions).toEqual([]);
  });

  it('approved then amended by a direct commit → current unapproved, old blob still listed as approved', async () => {
    const repo = newRepo();
    anchor(repo);
    const merge = submitAndMerge(repo, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, sari);
    const oldBlob = blobAt(repo, 'HEAD', R1);
    const fix = commit(repo, budi, 'Ralat suhu', { [R1]: 'shift: pagi\nnote: ralat\n' });

    const f = (await readHistory(repo)).files.get(R1)!;
    expect(f.blob).toBe(blobAt(repo, 'HEAD', R1));
    expect(f.blob).not.toBe(oldBlob);
    expect(f.landed?.hash).toBe(fix);
    expect(f.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push', commit: fix });
    expect(f.approvedVersions).toHaveLength(1);
    expect(f.approvedVersions[0]).toMatchObject({ blob: oldBlob, approval: { state: 'approved', commit: merge } });
    expect(f.changes.map((c) => c.status)).toEqual(['A', 'A', 'M']); // branch add, merge add, direct edit
  });

  it('deleted file → deleted: true, blob null; deletion approval follows the same rule', async () => {
    const repo = newRepo();
    anchor(repo);
    submitAndMerge(repo, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, sari);
    submitAndMerge(repo, 'ronde/siang', { [R2]: 'shift: siang\n' }, sari);
    commit(repo, budi, 'hapus pagi', { [R1]: null });
    submitAndMerge(repo, 'hapus/siang', { [R2]: null }, sari);

    const h = await readHistory(repo);
    const f1 = h.files.get(R1)!;
    expect(f1).toMatchObject({ deleted: true, blob: null });
    expect(f1.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
    expect(f1.approvedVersions).toHaveLength(1);
    const f2 = h.files.get(R2)!;
    expect(f2).toMatchObject({ deleted: true, blob: null });
    expect(f2.approval).toMatchObject({ state: 'approved', via: 'ssh' });
    expect(f2.changes.at(-1)!.status).toBe('D');
  });

  it('approvedVersions: each blob once, at its first approval, oldest first', async () => {
    const repo = newRepo();
    anchor(repo);
    const m1 = submitAndMerge(repo, 'v1', { [R1]: 'v: 1\n' }, sari);
    commit(repo, budi, 'direct v2', { [R1]: 'v: 2\n' }); // v2 unapproved at first…
    const m2 = submitAndMerge(repo, 'v3', { [R1]: 'v: 3\n' }, sari);
    const m3 = submitAndMerge(repo, 'v2', { [R1]: 'v: 2\n' }, sari); // …approved later
    submitAndMerge(repo, 'v1-again', { [R1]: 'v: 1\n' }, sari); // v1 approved a second time: keeps m1

    const f = (await readHistory(repo)).files.get(R1)!;
    expect(f.approvedVersions.map((v) => [v.blob, v.approval.commit])).toEqual([
      [gitBlobId('v: 1\n'), m1],
      [gitBlobId('v: 3\n'), m2],
      [gitBlobId('v: 2\n'), m3],
    ]);
    expect(f.approval).toMatchObject({ state: 'approved', via: 'ssh' });
    expect(f.blob).toBe(gitBlobId('v: 1\n'));
  });

  it('mainline is the first-parent chain: a commit that came in as a second parent is not on it', async () => {
    const repo = newRepo();
    anchor(repo);
    git(repo, ['checkout', '-q', '-b', 'side']);
    const b = commit(repo, budi, 'side', { [R1]: 'shift: pagi\n' });
    git(repo, ['checkout', '-q', 'main']);
    const c = commit(repo, budi, 'main', { [R2]: 'shift: siang\n' });
    git(repo, ['checkout', '-q', 'side']);
    git(repo, [...as(sari), ...signs(sari), 'merge', '-q', '--no-ff', 'main', '-m', 'main into side']);
    git(repo, ['checkout', '-q', 'main']);
    git(repo, ['merge', '-q', '--ff-only', 'side']); // main's first-parent chain now runs through `side`

    const h = await readHistory(repo);
    const f1 = h.files.get(R1)!;
    expect(f1.changes.map((ch) => [ch.hash, ch.onMainline])).toEqual([[b, true]]);
    expect(f1.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push', commit: b });
    const f2 = h.files.get(R2)!; // c is the merge's second parent; the merge's first-parent diff brought R2
    expect(f2.changes.map((ch) => [ch.hash, ch.onMainline])).toEqual([[c, false], [h.head, true]]);
    expect(f2.approval).toMatchObject({ state: 'approved', via: 'ssh', commit: h.head });
  });
});

describe('readHistory edge cases', () => {
  it('shallow clone → shallow: true, files at the boundary marked truncated', async () => {
    const origin = newRepo();
    commit(origin, budi, 'init', { 'records/config.yaml': 'a: 1\n' });
    submitAndMerge(origin, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, sari);
    commit(origin, budi, 'siang', { [R2]: 'shift: siang\n' });
    const clone = join(tmp(), 'clone');
    git(tmpdir(), ['clone', '-q', '--depth', '2', `file://${origin}`, clone]);

    const h = await readHistory(clone);
    expect(h.shallow).toBe(true);
    expect(h.commitsRead).toBe(2);
    const f1 = h.files.get(R1)!; // existed at the boundary (the merge, cut from its parents)
    expect(f1.truncated).toBe(true);
    expect(f1.created.shallowBoundary).toBe(true);
    expect(f1.approval).toMatchObject({ state: 'unapproved', reason: 'shallow-history' });
    const f2 = h.files.get(R2)!; // created after the boundary: real history
    expect(f2.truncated).toBe(false);
    expect(f2.created.authorEmail).toBe(budi.email);
    expect(f2.approval.reason).toBe('direct-push');

    const d1 = join(tmp(), 'clone1');
    git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${origin}`, d1]);
    const h1 = await readHistory(d1);
    expect(h1.shallow).toBe(true);
    expect([...h1.files.values()].every((f) => f.truncated)).toBe(true);
  });

  it('empty repository → empty map; non-repo, missing dir, bad ref, missing git → clear errors', async () => {
    const empty = newRepo();
    const h = await readHistory(empty);
    expect(h).toMatchObject({ head: null, commitsRead: 0 });
    expect(h.files.size).toBe(0);

    await expect(readHistory(tmp())).rejects.toThrow(/not a git repository/);
    await expect(readHistory(join(tmp(), 'nope'))).rejects.toThrow(/not a directory/);
    await expect(readHistory(empty, { ref: 'main' })).rejects.toMatchObject({ code: 'BAD_REF' });

    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(readHistory(empty)).rejects.toMatchObject({ code: 'GIT_NOT_FOUND' });
    } finally {
      process.env.PATH = path;
    }
  });

  it('odd subjects and paths cannot break the stream; ref and pathPrefix options', async () => {
    const repo = newRepo();
    const odd = 'records/odd\nname :100644 x.yaml';
    const first = commit(repo, budi, '\x1eRONDA\n\n:100644 100644 not a diff', { [odd]: 'é\n', 'records/é ünï.yaml': 'x\n' });
    commit(repo, budi, 'two', { 'other/x.txt': '1\n' });

    const h = await readHistory(repo);
    expect(h.commitsRead).toBe(2);
    expect(h.files.get(odd)?.blob).toBe(gitBlobId('é\n'));
    expect(h.files.has('records/é ünï.yaml')).toBe(true);
    expect(h.files.get(odd)!.created.subject).toBe('\x1eRONDA');

    const all = await readHistory(repo, { pathPrefix: '' });
    expect(all.files.has('other/x.txt')).toBe(true);
    const old = await readHistory(repo, { ref: first, pathPrefix: '' });
    expect(old.commitsRead).toBe(1);
    expect(old.files.has('other/x.txt')).toBe(false);
    await expect(readHistory(repo, { ref: '--all' })).rejects.toMatchObject({ code: 'BAD_REF' }); // never an option
  });

  it('changes share their commit object (landed is that object); JSON.stringify gives every field', async () => {
    const repo = newRepo();
    const c1 = commit(repo, budi, 'two files', { [R1]: 'a\n', [R2]: 'b\n' });
    const h = await readHistory(repo);
    const a = h.files.get(R1)!.created;
    const b = h.files.get(R2)!.created;
    expect(a).toBeInstanceOf(Change);
    expect((a as Change).commit).toBe((b as Change).commit);
    expect(h.files.get(R1)!.landed).toBe((a as Change).commit);
    expect(a).toMatchObject({ hash: c1, authorName: budi.name, committerEmail: budi.email, subject: 'two files', parents: [], trailers: {}, status: 'A', blob: gitBlobId('a\n'), onMainline: true });
    expect(JSON.parse(JSON.stringify(a))).toEqual({ ...h.files.get(R1)!.landed, status: 'A', blob: gitBlobId('a\n'), onMainline: true });
  });

  it('LogReader reads the same output cut anywhere, even inside a UTF-8 character', () => {
    const repo = newRepo();
    commit(repo, { name: 'Bùdi Şantoso', email: budi.email }, 'é ü\n\nApproved-by: Sari <sari.w@diskominfo.go.id>', { 'records/é ü.yaml': 'x\n', 'README.md': 'r\n' });
    submitAndMerge(repo, 'ronde/pagi', { [R1]: 'shift: pagi\n' }, sari);
    const out = execFileSync('git', logArgs('HEAD'), { cwd: repo, env });
    const read = (size: number) => {
      const r = new LogReader('records/');
      for (let i = 0; i < out.length; i += size) r.push(out.subarray(i, i + size));
      return JSON.stringify([r.head, r.commitsRead, [...r.end()]]);
    };
    const whole = read(out.length);
    expect(whole).toContain('records/é ü.yaml');
    expect(whole).toContain('Bùdi Şantoso');
    for (const size of [1, 2, 3, 7, 64]) expect(read(size)).toBe(whole);
  });

});

describe('gitBlobId', () => {
  it('matches git hash-object', () => {
    const d = tmp();
    const samples: (string | Buffer)[] = ['', 'room: a\n', 'suhu 22,4 °C — é\r\n', Buffer.from([0, 1, 2, 255, 10, 0])];
    for (const s of samples) {
      const f = join(d, 'f');
      writeFileSync(f, s);
      expect(gitBlobId(s)).toBe(git(d, ['hash-object', '--no-filters', f]));
    }
  });
});
