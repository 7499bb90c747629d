/**
 * A real archive in a real temporary git repository for the site tests: the repo's config, checklists
 * and room, 30 days of demo rounds, and a history the way the SOP works — admin commits on a branch,
 * the kasi merges with --no-ff (approval) — plus an amended round, a round with a hostile note, and
 * rounds pushed straight to main (not approved).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateDemoArchive, renderRound } from '../../lib/demo/generate-rounds.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../../lib/types.generated.ts';
import { signerLine, sshKey, sshSigning } from '../helpers/signing.ts';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const ROOM = 'ruang-server-utama';
export const END = '2026-11-23';
export const DAYS = 30;
export const HOSTILE_NOTE = 'Catatan uji: <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))';

export interface Fixture {
  root: string;
  config: ConfigRecord;
  room: RoomRecord;
  rounds: { path: string; record: RoundRecord }[];
  /** Rounds approved by the kasi merge (and not amended afterwards). */
  approvedPath: string;
  approvalMerge: { hash: string; committerDate: string };
  amendedPath: string;
  hostilePath: string;
  unapprovedPath: string;
  kasi: ConfigRecord['staff'][number];
  admin: ConfigRecord['staff'][number];
}

function git(cwd: string, args: string[], who: { name: string; email: string }, date: string): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
    encoding: 'utf8',
  }).trim();
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

export function createFixture(): Fixture {
  const root = mkdtempSync(join(tmpdir(), 'ronda-site-'));
  const config = parse(readFileSync(join(REPO, 'records/config.yaml'), 'utf8')) as ConfigRecord;
  const checklists = parse(readFileSync(join(REPO, 'records/checklists.yaml'), 'utf8')) as ChecklistsRecord;
  const room = parse(readFileSync(join(REPO, `records/rooms/${ROOM}.yaml`), 'utf8')) as RoomRecord;
  const start = new Date(Date.parse(`${END}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  // The schedule starts with the fixture's first day, so "missed" means the story's missed round only.
  config.schedule = [{ ...config.schedule[0]!, since: start }];
  config.demo = true;

  mkdirSync(join(root, 'records/rooms'), { recursive: true });
  write(root, 'records/config.yaml', `# yaml-language-server: $schema=../schemas/config.schema.json\n${stringify(config)}`);
  cpSync(join(REPO, 'records/checklists.yaml'), join(root, 'records/checklists.yaml'));
  cpSync(join(REPO, `records/rooms/${ROOM}.yaml`), join(root, `records/rooms/${ROOM}.yaml`));

  const demo = generateDemoArchive({ config, checklists, room, endDate: END, days: DAYS, seed: 2026 });
  const rounds = demo.rounds.map((r) => ({ path: r.path, record: r.record, text: r.text }));
  const kasi = config.staff.find((s) => s.role === 'kasi')!;
  const admin = config.staff.find((s) => s.role === 'admin')!;

  // A hostile note in one round (recorded and approved like any other).
  const hostile = rounds[6]!;
  hostile.record = { ...hostile.record, notes: HOSTILE_NOTE };
  hostile.text = renderRound(hostile.record);

  // Config, checklists, room and the kasi's key: set up by the kasi directly on main, signed (the trust anchor).
  const keyDir = mkdtempSync(join(tmpdir(), 'ronda-site-keys-'));
  const kasiKey = sshKey(keyDir, 'kasi');
  const sign = [...sshSigning(kasiKey), '-c', 'commit.gpgSign=true'];
  write(root, 'records/allowed_signers', signerLine(kasi.email, kasiKey));
  git(root, ['init', '-q', '-b', 'main'], kasi, '2026-10-20T08:00:00+07:00');
  git(root, ['add', 'records'], kasi, '2026-10-20T08:00:00+07:00');
  git(root, [...sign, 'commit', '-q', '-m', 'Konfigurasi arsip'], kasi, '2026-10-20T08:00:00+07:00');

  // Admin submits all rounds but the last three (and the maintenance records) on a branch; the kasi merges.
  const batch = rounds.slice(0, -3);
  git(root, ['checkout', '-q', '-b', 'ronde/oktober-november'], admin, '2026-11-21T09:00:00+07:00');
  for (const r of batch) write(root, r.path, r.text);
  for (const m of demo.maintenance) write(root, m.path, m.text);
  git(root, ['add', 'records'], admin, '2026-11-21T09:00:00+07:00');
  git(root, ['commit', '-q', '-m', 'Ronde 25 Oktober – 22 November'], admin, '2026-11-21T09:00:00+07:00');
  git(root, ['checkout', '-q', 'main'], kasi, '2026-11-21T15:30:00+07:00');
  git(root, [...sign, 'merge', '-q', '--no-ff', '-m', 'Setujui ronde 25 Oktober – 22 November', 'ronde/oktober-november'], kasi, '2026-11-21T15:30:00+07:00');
  const mergeHash = git(root, ['rev-parse', 'HEAD'], kasi, '2026-11-21T15:30:00+07:00');
  const mergeDate = git(root, ['log', '-1', '--format=%cI', mergeHash], kasi, '2026-11-21T15:30:00+07:00');

  // An approved round amended with a reason, approved again by a kasi merge.
  const amended = batch[10]!;
  amended.record = {
    ...amended.record,
    readings: amended.record.readings.map((x, i) => (i === 0 ? { ...x, humidity_pct: x.humidity_pct + 1 } : x)) as RoundRecord['readings'],
    amendments: [{ by: admin.id, at: '2026-11-22T10:00', reason: 'Salah ketik kelembaban titik pertama' }],
  };
  amended.text = renderRound(amended.record);
  git(root, ['checkout', '-q', '-b', 'ronde/ralat'], admin, '2026-11-22T10:05:00+07:00');
  write(root, amended.path, amended.text);
  git(root, ['commit', '-q', '-am', 'Ralat kelembaban'], admin, '2026-11-22T10:05:00+07:00');
  git(root, ['checkout', '-q', 'main'], kasi, '2026-11-22T11:00:00+07:00');
  git(root, [...sign, 'merge', '-q', '--no-ff', '-m', 'Setujui ralat', 'ronde/ralat'], kasi, '2026-11-22T11:00:00+07:00');

  // The kasi approves a change of thresholds: rounds recorded before it keep the criteria of their time.
  config.thresholds.humidity_pct!.critical!.max = 85;
  git(root, ['checkout', '-q', '-b', 'aturan/ambang'], admin, '2026-11-22T12:00:00+07:00');
  write(root, 'records/config.yaml', `# yaml-language-server: $schema=../schemas/config.schema.json\n${stringify(config)}`);
  git(root, ['commit', '-q', '-am', 'Batas kritis kelembapan 85 %'], admin, '2026-11-22T12:00:00+07:00');
  git(root, ['checkout', '-q', 'main'], kasi, '2026-11-22T13:00:00+07:00');
  git(root, [...sign, 'merge', '-q', '--no-ff', '-m', 'Setujui perubahan ambang', 'aturan/ambang'], kasi, '2026-11-22T13:00:00+07:00');

  // The last three rounds pushed straight to main: on the archive, not approved.
  for (const r of rounds.slice(-3)) write(root, r.path, r.text);
  git(root, ['add', 'records'], admin, '2026-11-23T17:00:00+07:00');
  git(root, ['commit', '-q', '-m', 'Ronde 22–23 November'], admin, '2026-11-23T17:00:00+07:00');

  return {
    root,
    config,
    room,
    rounds: rounds.map((r) => ({ path: r.path, record: r.record })),
    approvedPath: batch[3]!.path,
    approvalMerge: { hash: mergeHash, committerDate: mergeDate },
    amendedPath: amended.path,
    hostilePath: hostile.path,
    unapprovedPath: rounds[rounds.length - 1]!.path,
    kasi,
    admin,
  };
}

/** Runs the real build command (`node --import tsx scripts/build.ts …`) and resolves with its output. */
export function runBuild(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/build.ts'), ...args], { cwd: REPO, env: { ...process.env, RONDA_BASE_PATH: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => ok({ code: code ?? 1, stdout, stderr }));
  });
}

/** Site URL of a round file. */
export function roundUrlOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1, -'.yaml'.length);
  return `/ronde/${name.slice(0, 4)}/${name.slice(5, 7)}/${name}/`;
}
