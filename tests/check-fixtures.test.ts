import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../lib/check.ts';
import { problemText } from '../lib/i18n/problem-messages.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const ROUND = 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml';
const TODAY = '2026-11-24';

/** Each bad round in tests/fixtures/rounds/, the problem it must raise and the line it must name. */
const CASES: [fixture: string, code: string, line: number][] = [
  ['broken-yaml', 'yaml-syntax', 14],
  ['tab-indent', 'yaml-tab-indent', 11],
  ['duplicate-key', 'yaml-duplicate-key', 6],
  ['alias-bomb', 'yaml-alias-bomb', 1],
  ['empty', 'empty-file', 1],
  ['list-at-top', 'top-level-not-map', 2],
  ['wrong-type', 'wrong-type', 12],
  ['nan', 'not-finite-number', 12],
  ['humidity-150', 'above-maximum', 13],
  ['unknown-equipment', 'unknown-equipment', 29],
  ['unknown-point', 'unknown-point', 14],
  ['unknown-officer', 'unknown-officer', 6],
  ['unknown-room', 'unknown-room', 3],
  ['future-date', 'future-date', 4],
  ['path-mismatch', 'path-mismatch', 3],
  ['unknown-field', 'unknown-field', 7],
  ['missing-field', 'missing-field', 3],
  ['bad-status', 'not-in-list', 30],
  ['status-without-note', 'note-required', 25],
  ['not-checked-without-reason', 'reason-required', 30],
  ['device-missing', 'device-not-checked', 18],
  ['reading-outside-round', 'reading-outside-round', 15],
  ['excursion-without-note', 'reading-needs-note', 10],
  ['duplicate-finding-id', 'duplicate-id', 35],
  ['closed-finding-without-action', 'closed-finding-without-action', 37],
  ['value-out-of-range', 'value-out-of-range', 27],
  ['placeholder-not-filled', 'not-filled', 13],
  ['checklist-item-missing', 'checklist-item-missing', 19],
  ['invalid-date', 'invalid-date', 4],
  ['custom-tag', 'yaml-custom-tag', 6],
  ['multiple-documents', 'yaml-multiple-documents', 34],
  ['finish-before-start', 'finish-before-start', 8],
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ronda-check-'));
  await cp(join(FIXTURES, 'archive'), root, { recursive: true });
  await mkdir(join(root, 'records/rounds/2026/11'), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function checkRound(text: string | Buffer) {
  await writeFile(join(root, ROUND), text);
  return (await checkArchive(root, { files: [ROUND], today: TODAY, cache: false })).problems;
}

describe('a valid round', () => {
  it('passes with no problem', async () => {
    expect(await checkRound(await readFile(join(FIXTURES, 'rounds/valid.yaml')))).toEqual([]);
  });

  it('passes when saved with a BOM and Windows line endings', async () => {
    const text = (await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8')).replace(/\n/g, '\r\n');
    expect(await checkRound(`\ufeff${text}`)).toEqual([]);
  });
});

describe('rules across rounds', () => {
  const SORE = 'records/rounds/2026/11/2026-11-20-lab-sore.yaml';
  const withFinding = (text: string, finding: string) => text.replace('findings: []', `findings:\n${finding}`);
  afterAll(() => rm(join(root, SORE), { force: true }));

  it('does not judge hot-aisle (outlet) readings against the inlet limits', async () => {
    const text = (await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8')).replace('temperature_c: 24.1', 'temperature_c: 38.5');
    expect(await checkRound(text)).toEqual([]);
  });

  it('warns when an open finding of the previous round disappears without being closed', async () => {
    const valid = await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8');
    await checkRound(withFinding(valid, '  - { id: T-2026-007, equipment: ups-01, description: Alarm baterai, status: terbuka }'));
    const sore = valid.replace('shift: pagi', 'shift: sore').replace(/"08:(\d\d)"/g, '"13:$1"');
    await writeFile(join(root, SORE), sore);
    const { problems } = await checkArchive(root, { files: [SORE], today: TODAY, cache: false });
    expect(problems).toEqual([expect.objectContaining({ code: 'finding-dropped', severity: 'warning', file: SORE, params: expect.objectContaining({ id: 'T-2026-007' }) })]);
  });

  it('refuses a finding id that moves to another device', async () => {
    const valid = await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8');
    await checkRound(withFinding(valid, '  - { id: T-2026-007, equipment: ups-01, description: Alarm baterai, status: terbuka }'));
    const sore = withFinding(valid.replace('shift: pagi', 'shift: sore').replace(/"08:(\d\d)"/g, '"13:$1"'), '  - { id: T-2026-007, equipment: ac-01, description: Alarm baterai, status: terbuka }');
    await writeFile(join(root, SORE), sore);
    const { problems } = await checkArchive(root, { files: [SORE], today: TODAY, cache: false });
    expect(problems).toContainEqual(expect.objectContaining({ code: 'finding-equipment-changed', line: 33, col: 23 }));
  });

  it('refuses two files claiming the same room, date and shift', async () => {
    const valid = await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8');
    await checkRound(valid);
    await writeFile(join(root, SORE), valid);
    const { problems } = await checkArchive(root, { today: TODAY, cache: false });
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['path-mismatch', 'duplicate-round']));
  });
});

describe('a bad round is reported with its path, line and an Indonesian message', () => {
  it.each(CASES)('%s → %s at line %i', async (fixture, code, line) => {
    const problems = await checkRound(await readFile(join(FIXTURES, `rounds/${fixture}.yaml`)));
    const hit = problems.find((p) => p.code === code);
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit!.file).toBe(ROUND);
    expect(hit!.line).toBe(line);
    expect(hit!.severity).toBe('error');
    const { message, fix } = problemText(hit!, 'id');
    // A real sentence with a fix, not the bare code.
    expect(message).not.toContain(code);
    expect(fix.length).toBeGreaterThan(10);
  });

  it('refuses a 20 MB file from its size, without parsing it', async () => {
    const problems = await checkRound(Buffer.alloc(20 * 1024 * 1024, 'a: 1\n'));
    expect(problems).toEqual([expect.objectContaining({ code: 'file-too-large', line: 1 })]);
  });

  it('refuses binary bytes', async () => {
    const problems = await checkRound(Buffer.from([0x72, 0x6f, 0x6f, 0x6d, 0x3a, 0x00, 0xff, 0xfe]));
    expect(problems).toEqual([expect.objectContaining({ code: 'binary-file' })]);
  });

  it('refuses text that is not UTF-8', async () => {
    const problems = await checkRound(Buffer.from('room: ruang-\xe9\n', 'latin1'));
    expect(problems).toEqual([expect.objectContaining({ code: 'not-utf8' })]);
  });
});

describe('every problem code has words in both languages', () => {
  it('has an Indonesian and an English text for each code the fixtures raise', async () => {
    for (const [, code] of CASES) {
      for (const lang of ['id', 'en'] as const) {
        const { message } = problemText({ file: 'f', line: 1, col: 1, severity: 'error', code, params: {} }, lang);
        expect(message, `${lang} ${code}`).not.toBe(code);
      }
    }
  });
});
