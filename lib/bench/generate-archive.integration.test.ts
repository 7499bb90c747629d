import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../check.ts';
import { readHistory } from '../git/history.ts';
import { benchGitEnv, generateBenchArchive, roundsPerRoom, type BenchArchive } from './generate-archive.ts';
import { syntheticRoom } from './synthetic-records.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'ronda-bench-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: benchGitEnv(), encoding: 'utf8' }).trim();
const gen = (name: string, seed: number) =>
  generateBenchArchive({ dir: join(base, name), sourceRoot: REPO, rounds: 200, rooms: 3, seed, floorDataFile: join(base, `${name}.json`) });

let a: BenchArchive;
beforeAll(async () => {
  a = await gen('a', 7);
});

describe('generateBenchArchive', () => {
  it('writes the asked number of rounds over the rooms, every file valid: checkArchive finds no errors', async () => {
    expect(a.rounds).toBe(200);
    expect(a.rooms).toEqual(['ruang-server-01', 'ruang-server-02', 'ruang-server-03']);
    const { archive, problems } = await checkArchive(a.dir, { cache: false });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(archive.rounds).toHaveLength(200);
    expect(archive.rooms.size).toBe(3);
    expect(archive.maintenance).toHaveLength(a.maintenance);
    const perRoom = roundsPerRoom(200, 3);
    for (const [i, room] of a.rooms.entries()) expect(archive.rounds.filter((r) => r.data.room === room)).toHaveLength(perRoom[i]!);
    // Three shifts a day: the night shift is in the config and in the rounds.
    expect(archive.config?.data.shifts.map((s) => s.id)).toEqual(['pagi', 'sore', 'malam']);
    expect(archive.rounds.some((r) => r.data.shift === 'malam')).toBe(true);
  });

  it('holds back one valid next round for the first room, not committed', async () => {
    expect(a.nextRound.path).toMatch(/^records\/rounds\/\d{4}\/\d{2}\/\d{4}-\d{2}-\d{2}-ruang-server-01-[a-z]+\.yaml$/);
    expect(git(a.dir, 'ls-files', a.nextRound.path)).toBe('');
    const abs = join(a.dir, a.nextRound.path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, a.nextRound.text);
    try {
      const { problems } = await checkArchive(a.dir, { files: [a.nextRound.path], cache: false });
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    } finally {
      rmSync(abs);
    }
  });

  it('is deterministic for a seed: same blob ids and commit ids; another seed differs', async () => {
    const again = await gen('again', 7);
    expect(git(again.dir, 'ls-tree', '-r', 'HEAD')).toBe(git(a.dir, 'ls-tree', '-r', 'HEAD'));
    expect(git(again.dir, 'rev-parse', 'HEAD')).toBe(git(a.dir, 'rev-parse', 'HEAD'));
    const other = await gen('other', 8);
    expect(git(other.dir, 'rev-parse', 'HEAD:records/rooms/ruang-server-02.yaml')).not.toBe(git(a.dir, 'rev-parse', 'HEAD:records/rooms/ruang-server-02.yaml'));
    expect(git(other.dir, 'ls-tree', '-r', 'HEAD')).not.toBe(git(a.dir, 'ls-tree', '-r', 'HEAD'));
  });

  it('builds the history with fast-import: one root commit, then a branch commit and a --no-ff merge per record', () => {
    const records = a.rounds + a.maintenance;
    expect(a.commits).toBe(1 + 2 * records);
    expect(Number(git(a.dir, 'rev-list', '--count', 'HEAD'))).toBe(a.commits);
    expect(Number(git(a.dir, 'rev-list', '--merges', '--count', 'HEAD'))).toBe(records);
    expect(Number(git(a.dir, 'rev-list', '--first-parent', '--count', 'HEAD'))).toBe(1 + records);
    expect(a.merges.kasi + a.merges.trailer + a.merges.byAdmin).toBe(records);
    expect(git(a.dir, 'status', '--porcelain')).toBe(''); // the working tree is the checked-out main
  });

  it('readHistory reads every merge the generator made (unsigned fast-import merges: none is an approval)', async () => {
    const h = await readHistory(a.dir);
    expect(h.commitsRead).toBe(a.commits);
    const recordFiles = [...h.files.values()].filter((f) => /^records\/(rounds|maintenance)\//.test(f.path));
    expect(recordFiles).toHaveLength(a.rounds + a.maintenance);
    const count = (pred: (f: (typeof recordFiles)[number]) => boolean) => recordFiles.filter(pred).length;
    // The generated archive has no allowed_signers: signatures are measured on their own (bench `verify_s`).
    expect(count((f) => f.approval.state === 'unapproved' && f.approval.reason === 'no-trust-anchor')).toBe(a.merges.kasi + a.merges.trailer + a.merges.byAdmin);
    expect(a.merges.kasi).toBeGreaterThan(0);
    expect(a.merges.trailer).toBeGreaterThan(0);
    // Each record was created by its officer (an admin) on the branch.
    const admins = new Set(a.staff.filter((s) => s.role === 'admin').map((s) => s.email));
    expect(recordFiles.every((f) => admins.has(f.created.authorEmail))).toBe(true);
  });

  it("writes the floor's data: one JSON array with every committed round, checks counted not listed", () => {
    const rows = JSON.parse(readFileSync(join(base, 'a.json'), 'utf8')) as { room: string; checks_count: number; checks?: unknown }[];
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.checks_count > 0 && r.checks === undefined)).toBe(true);
  });
});

describe('syntheticRoom', () => {
  it('is deterministic, with unique ids, and varies between rooms', () => {
    expect(syntheticRoom(4, 1)).toEqual(syntheticRoom(4, 1));
    for (let i = 0; i < 20; i++) {
      const room = syntheticRoom(i, 1);
      const ids = room.equipment.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(room.sensor_points.map((p) => p.id)).size).toBe(room.sensor_points.length);
    }
    const sizes = new Set(Array.from({ length: 20 }, (_, i) => syntheticRoom(i, 1).equipment.length));
    expect(sizes.size).toBeGreaterThan(3);
  });

  it('roundsPerRoom spreads N over R rooms', () => {
    expect(roundsPerRoom(11, 3)).toEqual([4, 4, 3]);
    expect(roundsPerRoom(200_000, 50).reduce((x, y) => x + y, 0)).toBe(200_000);
  });
});
