/**
 * The demo history `npm start` builds from: made from a few demo records, then read back by the same
 * history reader and signature checks the site uses.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory, type ArchiveHistory } from '../git/history.ts';
import { ensureDemoHistory } from './demo-history.ts';

const REPO = join(import.meta.dirname, '../..');
const base = mkdtempSync(join(tmpdir(), 'ronda-demo-history-'));
const project = join(base, 'project');
const demo = join(base, 'demo');
const ROUNDS = 'records/rounds/2026/11';
let history: ArchiveHistory;
let rounds: string[];

beforeAll(async () => {
  for (const f of ['config.yaml', 'checklists.yaml', 'allowed_signers', 'rooms']) cpSync(join(REPO, 'records', f), join(project, 'records', f), { recursive: true });
  mkdirSync(join(project, ROUNDS), { recursive: true });
  rounds = readdirSync(join(REPO, ROUNDS)).sort().slice(0, 9);
  for (const r of rounds) cpSync(join(REPO, ROUNDS, r), join(project, ROUNDS, r));
  ensureDemoHistory(project, demo);
  history = await readHistory(demo);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const git = (...args: string[]) => execFileSync('git', args, { cwd: demo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } }).trim();
const approvalOf = (name: string) => history.files.get(`${ROUNDS}/${name}`)!.approval;

describe('demo history', () => {
  it('is a sound git repository with main checked out and nothing left to commit', () => {
    expect(git('fsck', '--no-dangling')).toBe('');
    expect(git('status', '--porcelain')).toBe('');
    expect(readdirSync(join(demo, ROUNDS)).sort()).toEqual(rounds);
  });

  it('starts from the kasi\'s signed first commit, the trust anchor', () => {
    expect(history.anchor?.commit).toBe(git('rev-list', '--max-parents=0', 'main'));
    expect(history.anchor?.signer).toBe('hendra.kurniawan@lumajangkab.go.id');
  });

  it('shows approvals by the DEMO key and one forged merge refused', () => {
    const verdicts = rounds.map((r) => approvalOf(r));
    const refused = verdicts.filter((v) => v.state !== 'approved');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: 'unsigned', signature: 'none' });
    expect(git('show', '-s', '--format=%an%n%B', refused[0]!.commit!)).toMatch(/Hendra Kurniawan[^\n]*\n[\s\S]*Approved-by: Hendra/);
    for (const v of verdicts.filter((x) => x.state === 'approved')) expect(v).toMatchObject({ via: 'ssh', signature: 'ssh', by: { id: 'hendra' } });
  });

  it('has one round typed in by a colleague on the officer\'s behalf', () => {
    const typed = rounds.filter((r) => {
      const f = history.files.get(`${ROUNDS}/${r}`)!;
      const officer = /^officer: (\S+)/m.exec(git('show', `main:${ROUNDS}/${r}`))![1];
      return !f.created.authorEmail.startsWith(officer!);
    });
    expect(typed).toHaveLength(1);
  });

  it('is made again only when the records change', () => {
    const head = git('rev-parse', 'main');
    ensureDemoHistory(project, demo);
    expect(git('rev-parse', 'main')).toBe(head);
    writeFileSync(join(project, ROUNDS, rounds[0]!), `${git('show', `main:${ROUNDS}/${rounds[0]}`)}\n# diubah\n`);
    ensureDemoHistory(project, demo);
    expect(git('rev-parse', 'main')).not.toBe(head);
  });
});
