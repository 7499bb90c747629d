// compareWithBase: an approved round deleted or edited without an amendment on a branch is caught.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../lib/load/archive.ts';
import { compareWithBase } from '../../lib/git/integrity.ts';
import { createRound } from '../../lib/scaffold/create-round.ts';
import { ADMIN_BUDI, approvedRound, cleanup, fillRound, git, KASI, read, run, workspace, write, yesterdayWib, type Workspace } from './helpers.ts';

afterAll(cleanup);

let ws: Workspace;
let approvedPath: string;
const date = yesterdayWib();

/** origin/main holds one round, submitted by budi on a branch and merged --no-ff by the kasi. */
beforeAll(async () => {
  ws = workspace();
  approvedPath = await approvedRound(ws);
});

/** A fresh clone on a new branch, as the admin who edits. */
function editor(name: string): string {
  const dir = ws.clone(name, ADMIN_BUDI);
  git(dir, ['checkout', '-q', '-b', `ubah/${name}`], ws.home);
  return dir;
}

const problemsAgainstMain = async (dir: string) => compareWithBase(dir, 'origin/main', await loadArchive(dir, { cache: false }));

describe('compareWithBase', () => {
  it('finds nothing when nothing changed', async () => {
    expect(await problemsAgainstMain(editor('same'))).toEqual([]);
  });

  it('an approved round deleted → error on line 1', async () => {
    const dir = editor('deleted');
    git(dir, ['rm', '-q', approvedPath], ws.home);
    git(dir, ['commit', '-q', '-m', 'hapus'], ws.home);
    const problems = await problemsAgainstMain(dir);
    expect(problems).toEqual([expect.objectContaining({ file: approvedPath, line: 1, severity: 'error', code: 'approved-round-deleted' })]);
    expect(problems[0]!.params.by).toBe('Hendra Kurniawan, S.T., M.T.');
  });

  it('an approved round edited without a new amendment → error at the changed line; with one → accepted', async () => {
    const dir = editor('edited');
    const original = read(dir, approvedPath);
    const edited = original.replace('temperature_c: 22.5', 'temperature_c: 23.5');
    write(dir, approvedPath, edited);
    const problems = await problemsAgainstMain(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: approvedPath, severity: 'error', code: 'approved-round-changed' });
    expect(problems[0]!.line).toBe(edited.split('\n').findIndex((l) => l.includes('temperature_c: 23.5')) + 1);

    // Through the command too: `npm run check -- --against origin/main` exits 1 with the message.
    const check = await run('check', ['--against', 'origin/main', '--no-cache'], dir, ws.home);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/diubah tanpa entri amendments baru/);

    write(dir, approvedPath, `${edited}amendments:\n  - by: budi\n    at: "${date}"\n    reason: Salah ketik suhu rak A, dibetulkan dari catatan kertas\n`);
    expect(await problemsAgainstMain(dir)).toEqual([]);

    // The amendment history itself cannot be rewritten: dropping the entry later is caught.
    git(dir, ['commit', '-qam', 'amend'], ws.home);
    write(dir, approvedPath, edited.replace('temperature_c: 23.5', 'temperature_c: 24.5'));
    const second = await compareWithBase(dir, 'HEAD', await loadArchive(dir, { cache: false }));
    expect(second.map((p) => p.code)).toEqual(['amendment-removed']);
  });

  it('config thresholds, staff and a room changed → warnings that need the kasi', async () => {
    const dir = editor('config');
    write(dir, 'records/config.yaml', read(dir, 'records/config.yaml').replace('normal: { min: 20, max: 25 }', 'normal: { min: 18, max: 27 }').replace('role: kasi', 'role: admin'));
    write(dir, 'records/rooms/ruang-server-utama.yaml', read(dir, 'records/rooms/ruang-server-utama.yaml').replace('AC Presisi 1', 'AC Presisi Satu'));
    const problems = await problemsAgainstMain(dir);
    expect(problems.map((p) => [p.file, p.code, p.params.what, p.severity])).toEqual([
      ['records/config.yaml', 'governance-mixed', undefined, 'error'],
      ['records/config.yaml', 'needs-kasi-attention', 'thresholds', 'warning'],
      ['records/config.yaml', 'needs-kasi-attention', 'staff', 'warning'],
      ['records/rooms/ruang-server-utama.yaml', 'needs-kasi-attention', 'equipment', 'warning'],
    ]);
    expect(problems[0]!.params).toEqual({ others: 1, example: 'records/rooms/ruang-server-utama.yaml' });
    const config = read(dir, 'records/config.yaml').split('\n');
    expect(problems[1]!.line).toBe(config.findIndex((l) => l.startsWith('thresholds:')) + 1);
  });

  it('a rule change on its own → warnings only; beside a round → an error on each rule file', async () => {
    const dir = editor('rules-alone');
    write(dir, 'records/checklists.yaml', `${read(dir, 'records/checklists.yaml')}\n# catatan\n`);
    write(dir, 'records/allowed_signers', `${read(dir, 'records/allowed_signers')}# kunci cadangan menyusul\n`);
    expect((await problemsAgainstMain(dir)).filter((p) => p.severity === 'error')).toEqual([]);
    write(dir, 'records/ruang-baru.txt', 'catatan\n');
    const errors = (await problemsAgainstMain(dir)).filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.file, p.code])).toEqual([
      ['records/allowed_signers', 'governance-mixed'],
      ['records/checklists.yaml', 'governance-mixed'],
    ]);
  });

  it('submit refuses a correction of an approved round until it carries an amendment', async () => {
    const dir = ws.clone('correct', ADMIN_BUDI);
    const edited = read(dir, approvedPath).replace('humidity_pct: 50', 'humidity_pct: 52');
    write(dir, approvedPath, edited);
    const refused = await run('submit', [approvedPath, '--no-push'], dir, ws.home);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tanpa entri amendments baru/);
    expect(git(dir, ['for-each-ref', '--format=%(refname)', 'refs/heads/'], ws.home)).toBe('refs/heads/main');

    write(dir, approvedPath, `${edited}amendments:\n  - by: budi\n    at: "${date}"\n    reason: Kelembaban salah baca, dibetulkan\n`);
    const ok = await run('submit', [approvedPath, '--no-push', '--json'], dir, ws.home);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ branch: `ronde/ruang-server-utama-${date}-pagi`, committed: true, pushed: false });
  });

  it('an unknown base ref is a problem, not a crash', async () => {
    const dir = editor('badref');
    rmSync(join(dir, '.ronda-cache'), { recursive: true, force: true });
    const problems = await compareWithBase(dir, 'origin/nope', await loadArchive(dir, { cache: false }));
    expect(problems.map((p) => p.code)).toEqual(['integrity-bad-ref']);
  });
});
