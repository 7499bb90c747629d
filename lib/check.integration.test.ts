import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchArchive } from './bench/generate-archive.ts';
import { applyRules, checkArchive } from './check.ts';
import { loadArchive } from './load/archive.ts';
import { sortProblems } from './problems.ts';
import { checkRules } from './validate/rules.ts';
import { CACHE_DIR } from './load/record-cache.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(REPO, 'tests/fixtures');
const ROUND = 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml';
const TODAY = '2026-11-24';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fixtureArchive(round: string): string {
  const d = mkdtempSync(join(tmpdir(), 'ronda-check-test-'));
  dirs.push(d);
  cpSync(join(FIXTURES, 'archive'), d, { recursive: true });
  cpSync(join(FIXTURES, `rounds/${round}.yaml`), join(d, ROUND), { recursive: true });
  return d;
}
const RESULT = (root: string) => join(root, CACHE_DIR, 'check-result.json');

describe('checkArchive result cache', () => {
  it('answers an unchanged archive from the last result, evaluations still available on demand', async () => {
    const root = fixtureArchive('humidity-150');
    const first = await checkArchive(root, { today: TODAY });
    expect(first.problems.length).toBeGreaterThan(0);
    expect(existsSync(RESULT(root))).toBe(true);

    const second = await checkArchive(root, { today: TODAY });
    expect(second.problems).toEqual(first.problems);
    expect(second.archive.stats.parsed).toBe(0);
    expect([...second.evaluations.keys()]).toEqual([...first.evaluations.keys()]);
    expect(second.evaluations.get(ROUND)?.verdict).toBe(first.evaluations.get(ROUND)?.verdict);
  });

  it('recomputes when a record, the day or the file selection changes', async () => {
    const root = fixtureArchive('humidity-150');
    const bad = await checkArchive(root, { today: TODAY });
    cpSync(join(FIXTURES, 'rounds/valid.yaml'), join(root, ROUND));
    const fixed = await checkArchive(root, { today: TODAY });
    expect(fixed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(bad.problems.some((p) => p.severity === 'error')).toBe(true);

    // The round is dated 2026-11-20: a day before it, it is in the future.
    const earlier = await checkArchive(root, { today: '2026-11-19' });
    expect(earlier.problems.map((p) => p.code)).toContain('future-date');

    // A check of named files never reads or writes the whole-archive result.
    const saved = readFileSync(RESULT(root), 'utf8');
    await checkArchive(root, { today: TODAY, files: [ROUND] });
    expect(readFileSync(RESULT(root), 'utf8')).toBe(saved);
  });

  it('with cache: false neither reads nor writes it', async () => {
    const root = fixtureArchive('valid');
    await checkArchive(root, { today: TODAY, cache: false });
    expect(existsSync(RESULT(root))).toBe(false);
  });
});

describe('applyRules room by room (large archives)', () => {
  it('finds exactly the problems of one whole-archive pass, and the evaluations on demand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ronda-check-rooms-'));
    dirs.push(dir);
    const a = await generateBenchArchive({ dir, sourceRoot: REPO, rounds: 120, rooms: 3, seed: 5 });
    // Problems in several rooms and on shared files: a round naming another room, a dropped device,
    // a duplicated staff id in the config.
    const archive0 = await loadArchive(dir, { cache: false });
    const r1 = archive0.rounds.find((r) => r.data.room === a.rooms[0])!;
    const r2 = archive0.rounds.findLast((r) => r.data.room === a.rooms[1])!;
    writeFileSync(join(dir, r1.path), readFileSync(join(dir, r1.path), 'utf8').replace(/^room: .*$/m, `room: ${a.rooms[2]}`));
    writeFileSync(join(dir, r2.path), readFileSync(join(dir, r2.path), 'utf8').replace(/^ {2}- equipment: panel-01\n(?: {4}.*\n)+/m, ''));
    const config = join(dir, 'records/config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^ {2}- id: sari$/m, '  - id: budi'));

    const archive = await loadArchive(dir, { cache: false });
    const whole = checkRules(archive, { today: TODAY });
    const parts = applyRules(archive, TODAY, 0);
    expect(sortProblems([...parts.problems])).toEqual(sortProblems([...whole.problems]));
    const codes = new Set(parts.problems.map((p) => p.code));
    for (const code of ['path-mismatch', 'device-not-checked', 'duplicate-id']) expect(codes).toContain(code);
    expect(parts.evaluations.size).toBe(whole.evaluations.size);
    expect(parts.evaluations.get(archive.rounds[0]!.path)).toEqual(whole.evaluations.get(archive.rounds[0]!.path));
  });
});
