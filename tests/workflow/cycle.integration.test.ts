// The daily path as real processes in real git repositories: new → fill → submit → approve.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../lib/git/history.ts';
import { sshKey } from '../helpers/signing.ts';
import { ADMIN_BUDI, ADMIN_SARI, cleanup, fillRound, git, KASI, read, run, workspace, write, yesterdayWib } from './helpers.ts';

afterAll(cleanup);

const refsOf = (dir: string, home: string) => git(dir, ['for-each-ref', '--format=%(refname) %(objectname)'], home);

describe('new → fill → submit → approve', () => {
  it('ends with the round on main, approved by the kasi according to readHistory', async () => {
    const ws = workspace();
    const admin = ws.clone('admin', ADMIN_BUDI);
    const date = yesterdayWib();

    // new: officer from git config user.email, the only room, the shift given.
    const created = await run('new', ['--date', date, '--shift', 'pagi', '--start', '08:05', '--json'], admin, ws.home);
    expect(created.code, created.stderr).toBe(0);
    const { path } = JSON.parse(created.stdout) as { path: string };
    expect(path).toBe(`records/rounds/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-ruang-server-utama-pagi.yaml`);
    const form = read(admin, path);
    expect(form.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../../schemas/round.schema.json');
    expect(form).toMatch(/officer: budi/);
    expect(form).toMatch(/temperature_c: null/);

    // An unfilled form cannot pass the check.
    const unfilled = await run('check', [path], admin, ws.home);
    expect(unfilled.code).toBe(1);
    expect(unfilled.stdout).toMatch(/belum diisi/);

    write(admin, path, fillRound(form, { finishedAt: '09:10', temperature: 22.4, humidity: 51 }));
    const checked = await run('check', [path], admin, ws.home);
    expect(checked.code, checked.stdout).toBe(0);

    const head = git(admin, ['rev-parse', 'HEAD'], ws.home);
    const submitted = await run('submit', ['--json'], admin, ws.home);
    expect(submitted.code, submitted.stderr + submitted.stdout).toBe(0);
    const s = JSON.parse(submitted.stdout) as { branch: string; pushed: boolean; files: string[]; subject: string };
    const branch = `ronde/ruang-server-utama-${date}-pagi`;
    expect(s).toMatchObject({ branch, pushed: true, files: [path] });
    expect(s.subject).toBe(`Ronde ruang-server-utama ${date} pagi: semua normal`);
    // The admin's working tree is untouched: still on main at the same commit, the round still untracked.
    expect(git(admin, ['rev-parse', 'HEAD'], ws.home)).toBe(head);
    expect(git(admin, ['symbolic-ref', '--short', 'HEAD'], ws.home)).toBe('main');
    expect(git(admin, ['status', '--porcelain', '--', path], ws.home)).toMatch(/^\?\?/);
    const message = git(ws.origin, ['log', '-1', '--format=%B', branch], ws.home);
    expect(message).toContain(`Ronda-Round: ${path}`);
    expect(message).toContain('Ronda-Officer: budi');
    expect(git(ws.origin, ['log', '-1', '--format=%ae', branch], ws.home)).toBe(ADMIN_BUDI.email);

    // An admin cannot approve.
    const refused = await run('approve', [branch], admin, ws.home);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Kepala Seksi/);
    expect(git(ws.origin, ['rev-parse', 'main'], ws.home)).toBe(head);

    // The admin with the kasi's e-mail and his own key: the signature would not count, so nothing moves.
    const forger = ws.clone('forger', KASI, { signingKey: sshKey(ws.base, 'budi') });
    const forged = await run('approve', [branch], forger, ws.home);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/tidak akan diakui sebagai persetujuan: tanda tangan merge tidak sah atau kuncinya tidak terdaftar saat itu/);
    expect(git(ws.origin, ['rev-parse', 'main'], ws.home)).toBe(head);
    // A kasi without a signing key is told how to make and register one.
    const unsigned = await run('approve', [branch], ws.clone('kasi-no-key', KASI, { signingKey: null }), ws.home);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toMatch(/ssh-keygen -t ed25519/);
    expect(unsigned.stderr).toMatch(/allowed_signers/);

    // The kasi approves from a clone of their own, signing the merge with their key.
    const kasi = ws.clone('kasi', KASI);
    const approved = await run('approve', [branch], kasi, ws.home);
    expect(approved.code, approved.stderr + approved.stdout).toBe(0);
    expect(approved.stdout).toMatch(/disetujui Hendra/);
    expect(existsSync(join(kasi, path))).toBe(true);
    expect(git(kasi, ['worktree', 'list', '--porcelain'], ws.home).match(/^worktree /gm)).toHaveLength(1);

    const history = await readHistory(ws.origin, { ref: 'main' });
    const file = history.files.get(path)!;
    expect(file.approval.state).toBe('approved');
    expect(file.approval.by?.id).toBe('hendra');
    expect(file.approval).toMatchObject({ via: 'ssh', signature: 'ssh' });

    // The auditor's trail of the round, as JSON and as Indonesian text.
    git(kasi, ['pull', '-q', '--ff-only'], ws.home);
    const audit = await run('audit', [path, '--json'], kasi, ws.home);
    expect(audit.code, audit.stderr).toBe(0);
    const trail = JSON.parse(audit.stdout) as { path: string; approval: string; approved_by: string; signature: string; versions: { approval: string; signature: string }[]; recorded_by: { staff: string }; on_behalf_of: string | null };
    expect(trail).toMatchObject({ path, approval: 'approved', approved_by: 'hendra', signature: 'ssh', recorded_by: { staff: 'budi' }, on_behalf_of: null });
    expect(trail.versions).toEqual([expect.objectContaining({ approval: 'approved', signature: 'ssh' })]);
    const text = await run('audit', [path], kasi, ws.home);
    expect(text.stdout).toMatch(/Disetujui oleh hendra \(tanda tangan kunci SSH SHA256:/);
    expect(text.stdout).toMatch(/Dicatat oleh Budi Santoso/);
    const missing = await run('audit', ['records/rounds/2020/01/tidak-ada.yaml'], kasi, ws.home);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/tidak ada dalam riwayat git/);
    expect(file.created.authorEmail).toBe(ADMIN_BUDI.email);
    const merge = git(ws.origin, ['log', '-1', '--format=%B', 'main'], ws.home);
    expect(merge).toContain(`Approved-by: Hendra Kurniawan, S.T., M.T. <${KASI.email}>`);
    expect(git(ws.origin, ['rev-list', '--parents', '-n', '1', 'main'], ws.home).split(' ')).toHaveLength(3); // --no-ff

    // Approving again is refused: already merged.
    const again = await run('approve', [branch], kasi, ws.home);
    expect(again.code).toBe(1);

    // The admin's next `new` brings main up to date: the submitted (untracked) copy is exactly the
    // approved version, so it gives way to it and the fast-forward goes through.
    const next = await run('new', ['--date', date, '--shift', 'sore', '--start', '13:05'], admin, ws.home);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/main diperbarui dari origin/);
    expect(git(admin, ['rev-parse', 'HEAD'], ws.home)).toBe(git(ws.origin, ['rev-parse', 'main'], ws.home));
    expect(git(admin, ['status', '--porcelain', '--untracked-files=all'], ws.home)).toBe(`?? ${path.replace('-pagi.yaml', '-sore.yaml')}`);
  });

  it('commits nothing for an invalid round and never overwrites a round', async () => {
    const ws = workspace();
    const admin = ws.clone('admin', ADMIN_BUDI);
    const date = yesterdayWib();
    const created = await run('new', ['--date', date, '--shift', 'sore', '--start', '13:10', '--json'], admin, ws.home);
    expect(created.code, created.stderr).toBe(0);
    const { path } = JSON.parse(created.stdout) as { path: string };

    // new never overwrites: the admin's half-filled file stays as it is.
    write(admin, path, read(admin, path).replace('finished_at: null', 'finished_at: "14:00"'));
    const before = read(admin, path);
    const twice = await run('new', ['--date', date, '--shift', 'sore'], admin, ws.home);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/sudah ada/);
    expect(read(admin, path)).toBe(before);

    const refs = refsOf(admin, ws.home);
    const remoteRefs = refsOf(ws.origin, ws.home);
    const submit = await run('submit', [path], admin, ws.home);
    expect(submit.code).toBe(1);
    expect(submit.stderr).toMatch(/tidak ada yang dikirim/);
    expect(submit.stderr).toMatch(new RegExp(`${path.replace(/[.]/g, '\\.')}:\\d+:\\d+  galat: belum diisi`));
    expect(refsOf(admin, ws.home)).toBe(refs);
    expect(refsOf(ws.origin, ws.home)).toBe(remoteRefs);
    expect(git(admin, ['status', '--porcelain'], ws.home)).toMatch(/^\?\? records\/rounds\/$/m);

    // Other staged changes: refused, nothing changes.
    write(admin, path, fillRound(read(admin, path), { finishedAt: '14:00' }));
    write(admin, 'catatan.txt', 'bukan ronde\n');
    git(admin, ['add', 'catatan.txt'], ws.home);
    const staged = await run('submit', [path, '--no-push'], admin, ws.home);
    expect(staged.code).toBe(1);
    expect(staged.stderr).toMatch(/catatan\.txt/);
    expect(refsOf(admin, ws.home)).toBe(refs);
  });

  it('two admins submitting different shifts at the same time lose nothing', async () => {
    const ws = workspace();
    const budi = ws.clone('budi', ADMIN_BUDI);
    const sari = ws.clone('sari', ADMIN_SARI);
    const date = yesterdayWib();
    const [a, b] = await Promise.all([
      run('new', ['--date', date, '--shift', 'pagi', '--start', '08:00', '--json'], budi, ws.home),
      run('new', ['--date', date, '--shift', 'sore', '--start', '13:00', '--json'], sari, ws.home),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const pa = (JSON.parse(a.stdout) as { path: string }).path;
    const pb = (JSON.parse(b.stdout) as { path: string }).path;
    write(budi, pa, fillRound(read(budi, pa), { finishedAt: '09:00' }));
    write(sari, pb, fillRound(read(sari, pb), { finishedAt: '14:00' }));

    const [sa, sb] = await Promise.all([run('submit', ['--json'], budi, ws.home), run('submit', ['--json'], sari, ws.home)]);
    expect(sa.code, sa.stderr).toBe(0);
    expect(sb.code, sb.stderr).toBe(0);

    const heads = git(ws.origin, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'], ws.home).split('\n');
    expect(heads).toEqual(expect.arrayContaining([`ronde/ruang-server-utama-${date}-pagi`, `ronde/ruang-server-utama-${date}-sore`, 'main']));
    expect(git(ws.origin, ['ls-tree', '-r', '--name-only', `ronde/ruang-server-utama-${date}-pagi`, '--', 'records/rounds'], ws.home)).toBe(pa);
    expect(git(ws.origin, ['ls-tree', '-r', '--name-only', `ronde/ruang-server-utama-${date}-sore`, '--', 'records/rounds'], ws.home)).toBe(pb);
    expect(git(ws.origin, ['show', `ronde/ruang-server-utama-${date}-sore:${pb}`], ws.home)).toBe(read(sari, pb).trimEnd());
    expect(git(ws.origin, ['log', '-1', '--format=%ae', `ronde/ruang-server-utama-${date}-sore`], ws.home)).toBe(ADMIN_SARI.email);
  });
});
