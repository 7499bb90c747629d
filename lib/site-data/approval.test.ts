import { describe, expect, it } from 'vitest';
import type { ArchiveHistory, FileChange, FileHistory } from '../git/history.ts';
import { recordHistory } from './approval.ts';
import { testConfig } from './test-archive.ts';

const config = testConfig();
const admin = config.staff.find((s) => s.role === 'admin')!;
const kasi = config.staff.find((s) => s.role === 'kasi')!;
const PATH = 'records/rounds/2026/11/2026-11-01-ruang-server-utama-pagi.yaml';

function change(hash: string, who: { name: string; email: string }, date: string, extra: Partial<FileChange>): FileChange {
  return {
    hash, authorName: who.name, authorEmail: who.email, authorDate: date, committerName: who.name, committerEmail: who.email, committerDate: date,
    subject: `commit ${hash}`, trailers: {}, parents: ['p'], status: 'A', blob: 'blob1', onMainline: false, ...extra,
  };
}

function history(file: Partial<FileHistory>, shallow = false): ArchiveHistory {
  const submit = change('a1', admin, '2026-11-01T09:30:00+07:00', {});
  const merge = change('m1', kasi, '2026-11-01T10:00:00+07:00', { parents: ['p', 'a1'], onMainline: true });
  const approval = { state: 'approved' as const, by: { id: kasi.id, name: kasi.name, email: kasi.email, role: 'kasi' as const }, commit: 'm1', date: merge.committerDate, via: 'ssh' as const, signature: 'ssh' as const };
  const f: FileHistory = {
    path: PATH, created: submit, changes: [submit, merge], landed: merge, approval,
    approvedVersions: [{ blob: 'blob1', approval }], blob: 'blob1', deleted: false, truncated: false, ...file,
  };
  return { ref: 'HEAD', head: 'm1', shallow, commitsRead: 2, files: new Map([[PATH, f]]), mainline: ['m1'], anchor: null, ignoredChanges: [], criteria: [], attestations: [], keysInForce: '', swapped: new Map(), roomVersions: new Map(), verdicts: new Map() };
}

describe('recordHistory', () => {
  it('gives the kasi, NIP and merge date of an approved version, and the history events', () => {
    const h = recordHistory(history({}), PATH, 'blob1', config);
    expect(h.approval).toMatchObject({ state: 'approved', date: '2026-11-01T10:00:00+07:00', commit: 'm1' });
    expect(h.approval.by).toMatchObject({ name: kasi.name, nip: kasi.nip });
    expect(h.events.map((e) => [e.kind, e.who])).toEqual([['submitted', admin.name], ['approved', kasi.name]]);
  });

  it('is unapproved when the working copy differs from the committed version', () => {
    expect(recordHistory(history({}), PATH, 'other', config).approval).toMatchObject({ state: 'unapproved', reason: 'modified' });
  });

  it('is unapproved when the file was never committed', () => {
    expect(recordHistory(history({}), 'records/rounds/x.yaml', 'b', config).approval).toMatchObject({ state: 'unapproved', reason: 'not-committed' });
  });

  it('is unknown without git history or when a shallow clone cut it', () => {
    expect(recordHistory(null, PATH, 'blob1', config).approval).toMatchObject({ state: 'unknown', reason: 'no-history' });
    expect(recordHistory(history({}, true), 'records/rounds/x.yaml', 'b', config).approval).toMatchObject({ state: 'unknown', reason: 'shallow-history' });
    const cut = history({ approval: { state: 'unapproved', reason: 'shallow-history', commit: 'm1' }, approvedVersions: [], truncated: true });
    expect(recordHistory(cut, PATH, 'blob1', config)).toMatchObject({ approval: { state: 'unknown', reason: 'shallow-history' }, truncated: true });
  });

  it('keeps the reason of a version that reached main without a kasi merge', () => {
    const pushed = history({ approval: { state: 'unapproved', reason: 'direct-push', commit: 'a1', date: '2026-11-01T09:30:00+07:00' }, approvedVersions: [] });
    expect(recordHistory(pushed, PATH, 'blob1', config).approval).toMatchObject({ state: 'unapproved', reason: 'direct-push', by: null });
  });

  it('says an approved record was changed after approval, whatever way the change arrived', () => {
    const approved = history({}).files.get(PATH)!.approvedVersions;
    const edited = history({ blob: 'blob2', approval: { state: 'unapproved', reason: 'direct-push', commit: 'e1' }, approvedVersions: approved });
    expect(recordHistory(edited, PATH, 'blob2', config).approval).toMatchObject({ state: 'unapproved', reason: 'changed-after-approval' });
  });
});
