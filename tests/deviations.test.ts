// Every deviation is seen: follow-up that is really about it, times that cannot be true, rounds off their shift.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../lib/check.ts';
import { problemText } from '../lib/i18n/problem-messages.ts';
import { wibInstant } from '../lib/time.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const DAY = '2026-11-20';
const PAGI = `records/rounds/2026/11/${DAY}-lab-pagi.yaml`;
const SORE = `records/rounds/2026/11/${DAY}-lab-sore.yaml`;
const TODAY = '2026-11-24';

let root: string;
let base: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ronda-deviation-'));
  await cp(join(FIXTURES, 'archive'), root, { recursive: true });
  await mkdir(join(root, 'records/rounds/2026/11'), { recursive: true });
  base = (await readFile(join(FIXTURES, 'rounds/excursion-without-note.yaml'), 'utf8')).replace(/^# expect.*\n/, '');
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The fixture round with its first reading at `t` °C / `rh` % and the given findings block. */
function round(opts: { t?: number; rh?: number; findings?: string; shift?: string; started?: string; finished?: string; time?: string }): string {
  let text = base.replace('temperature_c: 28.5', `temperature_c: ${opts.t ?? 22}`).replace('humidity_pct: 51', `humidity_pct: ${opts.rh ?? 50}`);
  if (opts.findings !== undefined) text = text.replace('findings: []', `findings:\n${opts.findings}`);
  if (opts.shift) text = text.replace('shift: pagi', `shift: ${opts.shift}`);
  if (opts.started) text = text.replace('started_at: "08:00"', `started_at: "${opts.started}"`);
  if (opts.finished) text = text.replace('finished_at: "08:50"', `finished_at: "${opts.finished}"`);
  if (opts.time) text = text.replace('time: "08:05"', `time: "${opts.time}"`);
  return text;
}

async function check(files: Record<string, string>, submitting: string[], more: { now?: Date } = {}) {
  for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text);
  try {
    return (await checkArchive(root, { files: Object.keys(files), submitting, today: more.now ? undefined : TODAY, now: more.now, cache: false })).problems;
  } finally {
    for (const path of Object.keys(files)) await rm(join(root, path), { force: true });
  }
}
const codes = (ps: { code: string; severity: string }[]) => ps.map((p) => `${p.code}:${p.severity}`);

describe('a deviation needs its own follow-up', () => {
  const unrelated = '  - { id: T-2026-001, equipment: rak-a, description: Kabel rak A belum rapi, status: terbuka }';

  it('a critical reading beside an unrelated finding is an error naming the cause, for a round being submitted', async () => {
    // 30 °C / 70 % RH: dew point 23.9 °C, above the critical 17 °C.
    const problems = await check({ [PAGI]: round({ t: 30, rh: 70, findings: unrelated }) }, [PAGI]);
    const p = problems.find((x) => x.code === 'reading-needs-note')!;
    expect(p.severity).toBe('error');
    expect(p.line).toBe(9);
    const text = problemText(p, 'id').message;
    expect(text).toContain('KRITIS');
    expect(text).toContain('suhu 30 °C di atas batas normal 25 °C');
    expect(text).toContain('titik embun 23,9 °C di atas batas kritis 17 °C');
    expect(problemText(p, 'en').message).toContain('dew point 23.9 °C above the critical limit 17 °C');
  });

  it('the same round already archived: a warning with the same cause', async () => {
    const problems = await check({ [PAGI]: round({ t: 30, rh: 70, findings: unrelated }) }, []);
    expect(codes(problems.filter((p) => p.code === 'reading-needs-note'))).toEqual(['reading-needs-note:warning']);
  });

  it('a wrong-unit import (−4.8 °C) is below the critical limit, not silence', async () => {
    const problems = await check({ [PAGI]: round({ t: -4.8, rh: 50 }) }, [PAGI]);
    const p = problems.find((x) => x.code === 'reading-needs-note')!;
    expect(problemText(p, 'id').message).toContain('suhu -4,8 °C di bawah batas kritis 15 °C');
  });

  it('a new finding naming the sensor point follows the reading up; one carried forward unchanged does not', async () => {
    const pointFinding = '  - { id: T-2026-002, point: depan, description: "Suhu depan tinggi, AC diperiksa", status: terbuka }';
    const followed = await check({ [PAGI]: round({ t: 30, rh: 50, findings: pointFinding }) }, [PAGI]);
    expect(codes(followed)).toEqual([]);

    // The morning round raised it; the afternoon round carries it forward word for word.
    const morning = round({ t: 22, rh: 50, findings: pointFinding });
    const afternoon = round({ t: 30, rh: 50, findings: pointFinding, shift: 'sore', started: '13:10', finished: '14:00', time: '13:15' })
      .replace(/time: "08:06"/, 'time: "13:16"')
      .replace('room: lab', 'room: lab');
    const carried = await check({ [PAGI]: morning, [SORE]: afternoon.replace(/"08:/g, '"13:') }, [SORE]);
    expect(codes(carried.filter((p) => p.file === SORE && p.code === 'reading-needs-note'))).toEqual(['reading-needs-note:error']);

    // Changed in the afternoon (the action written): it follows the afternoon's reading up.
    const updated = afternoon.replace('status: terbuka }', 'action: "AC-01 disetel ulang ke 21 °C", status: terbuka }');
    const changed = await check({ [PAGI]: morning, [SORE]: updated.replace(/"08:/g, '"13:') }, [SORE]);
    expect(changed.filter((p) => p.file === SORE && p.code === 'reading-needs-note')).toEqual([]);
  });

  it('a broken device with only a carried-forward finding about another device needs a note', async () => {
    const broken = round({ findings: unrelated }).replace(/equipment: ups-01\n    status: baik/, 'equipment: ups-01\n    status: rusak');
    const problems = await check({ [PAGI]: broken }, [PAGI]);
    const p = problems.find((x) => x.code === 'note-required')!;
    expect(p.severity).toBe('error');
    expect(problemText(p, 'id').message).toMatch(/^ups-01 rusak: tanpa catatan atau temuan baru/);
  });

  it('a finding names a device or a sensor point; an unknown point is named', async () => {
    const none = await check({ [PAGI]: round({ findings: '  - { id: T-2026-003, description: Sesuatu, status: terbuka }' }) }, [PAGI]);
    expect(codes(none)).toContain('finding-without-subject:error');
    const unknown = await check({ [PAGI]: round({ findings: '  - { id: T-2026-004, point: atap, description: Bocor, status: terbuka }' }) }, [PAGI]);
    expect(problemText(unknown.find((p) => p.code === 'unknown-point')!, 'id').message).toContain('atap');
  });
});

describe('one check names every problem', () => {
  it('a schema problem (an unknown field) does not hide the rule problems of the same round', async () => {
    const text = round({ t: 30, rh: 70 }).replace('officer: budi', 'officer: budi\ncuaca: cerah').replace(/equipment: ups-01\n    status: baik/, 'equipment: ups-01\n    status: rusak');
    const problems = await check({ [PAGI]: text }, [PAGI]);
    expect(codes(problems).sort()).toEqual(['note-required:error', 'reading-needs-note:error', 'unknown-field:error']);
  });
});

describe('times a round gives', () => {
  it('a reading or finishing time after now is an error for a round being submitted', async () => {
    const now = wibInstant(DAY, '08:30');
    const problems = await check({ [PAGI]: round({}) }, [PAGI], { now });
    const future = problems.filter((p) => p.code === 'time-in-future');
    expect(future.map((p) => p.line)).toEqual([7]); // finished_at 08:50
    expect(problemText(future[0]!, 'id').message).toBe('jam 08:50 belum terjadi (sekarang 08:30 WIB)');
  });

  it('a sore round started at 23:23 is outside its shift: a warning', async () => {
    const text = round({ shift: 'sore', started: '23:23', finished: '23:50', time: '23:30' }).replace('time: "08:06"', 'time: "23:31"');
    const problems = await check({ [SORE]: text }, [SORE]);
    const p = problems.find((x) => x.code === 'outside-shift')!;
    expect(p.severity).toBe('warning');
    expect(problemText(p, 'id').message).toMatch(/ronde Sore dimulai 23:23, di luar jam shift 13:00–16:00 WIB/);
  });

  it('a round submitted 52 days after it was finished: a warning sized against the SOP', async () => {
    const now = new Date(wibInstant(DAY, '08:50').getTime() + 52 * 86_400_000);
    const problems = await check({ [PAGI]: round({}) }, [PAGI], { now });
    const p = problems.find((x) => x.code === 'late-submit')!;
    expect(p.severity).toBe('warning');
    expect(problemText(p, 'id').message).toMatch(/^dikirim 52 hari setelah ronde selesai \(mutu baku 30 menit\)/);
  });
});
