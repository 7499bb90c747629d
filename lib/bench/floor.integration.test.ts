import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandFloorData, floorProject, runFloor } from './floor.ts';

const dir = mkdtempSync(join(tmpdir(), 'ronda-floor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expandFloorData', () => {
  it('repeats the rounds in order until the array holds as many entries as the build wrote pages', () => {
    const from = join(dir, 'rounds.json');
    const file = join(dir, 'pages.json');
    writeFileSync(from, JSON.stringify([{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(expandFloorData(from, file, 7)).toBe(7);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([1, 2, 3, 1, 2, 3, 1].map((n) => ({ n })));
    expect(expandFloorData(from, file, 2)).toBe(2);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('writes an empty array when there are no rounds', () => {
    const from = join(dir, 'empty.json');
    const file = join(dir, 'empty-pages.json');
    writeFileSync(from, '[]');
    expect(expandFloorData(from, file, 5)).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
  });
});

describe('runFloor', () => {
  it('renders one page per array entry, repeated rounds included', async () => {
    const project = join(dir, 'project');
    const { roundsFile, dataFile } = floorProject(project);
    const round = { room: 'r1', date: '2025-01-01', shift: 'pagi', officer: 'a', started_at: '08:00', finished_at: '08:30', checks_count: 3, readings: [] };
    writeFileSync(roundsFile, JSON.stringify([round, { ...round, shift: 'siang' }]));
    expandFloorData(roundsFile, dataFile, 5);
    const run = await runFloor(project);
    expect(run.code).toBe(0);
    for (let k = 0; k < 5; k++) expect(readFileSync(join(project, '_site', 'ronde', String(k), 'index.html'), 'utf8')).toContain('r1');
  });
});
