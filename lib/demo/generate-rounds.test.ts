import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { DEFAULT_SEED, ROUND_SCHEMA_HEADER, dewPoint, generateDemoArchive } from './generate-rounds.ts';

const repo = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const readYaml = <T>(rel: string) => parse(readFileSync(repo(rel), 'utf8')) as T;
const config = readYaml<ConfigRecord>('records/config.yaml');
const checklists = readYaml<ChecklistsRecord>('records/checklists.yaml');
const room = readYaml<RoomRecord>('records/rooms/ruang-server-utama.yaml');
const gen = (seed = DEFAULT_SEED) =>
  generateDemoArchive({ config, checklists, room, endDate: '2026-11-23', days: 90, seed });

// One Ajv instance holding all five schemas, so cross-schema $refs (round.schema.json#/$defs/…) resolve.
// Both are CommonJS: under NodeNext the default import is module.exports, whose .default is the export.
const ajv = new Ajv2020Module.default({ allErrors: true, strict: true });
addFormatsModule.default(ajv);
for (const kind of ['config', 'checklists', 'room', 'round', 'maintenance']) {
  ajv.addSchema(JSON.parse(readFileSync(repo(`schemas/${kind}.schema.json`), 'utf8')));
}
const validator = (kind: string) => ajv.getSchema(`https://ronda.example/schemas/${kind}.schema.json`)!;

const archive = gen();
const rounds = archive.rounds.map((r) => r.record);
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

describe('generateDemoArchive', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = gen();
    expect(again.rounds.map((r) => r.text)).toEqual(archive.rounds.map((r) => r.text));
    expect(again.maintenance.map((m) => m.text)).toEqual(archive.maintenance.map((m) => m.text));
    expect(gen(DEFAULT_SEED + 1).rounds.map((r) => r.text).join('')).not.toBe(archive.rounds.map((r) => r.text).join(''));
  });

  it('covers 90 days × 2 shifts with exactly one missed round', () => {
    expect(archive.rounds).toHaveLength(2 * 90 - 1);
    const present = new Set(rounds.map((r) => `${r.date}/${r.shift}`));
    const missing: string[] = [];
    for (let d = 0; d < 90; d++) {
      const date = new Date(Date.UTC(2026, 7, 26 + d)).toISOString().slice(0, 10);
      for (const s of ['pagi', 'sore']) if (!present.has(`${date}/${s}`)) missing.push(`${date}/${s}`);
    }
    expect(missing).toEqual([`${archive.story.dates.missedDay}/sore`]);
    expect(rounds.at(-1)?.date).toBe('2026-11-23');
    expect(archive.rounds[0]?.path).toBe('records/rounds/2026/08/2026-08-26-ruang-server-utama-pagi.yaml');
  });

  it('writes schema-valid round files that read back identically, dates and times quoted', () => {
    const validate = validator('round');
    for (const r of archive.rounds) {
      expect(r.text.split('\n')[0]).toBe(ROUND_SCHEMA_HEADER);
      const data = parse(r.text);
      expect(validate(data), `${r.path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(data).toEqual(r.record);
      expect(Object.keys(data)).toEqual(['room', 'date', 'shift', 'officer', 'started_at', 'finished_at', 'readings', 'checks', 'findings', 'notes']);
      expect(r.text).toContain(`date: "${r.record.date}"`);
      expect(r.text).toMatch(/started_at: "\d\d:\d\d"/);
      // YAML 1.1 readers (gray-matter/js-yaml) must see strings too.
      expect(matter(`---\n${r.text}---\n`).data.date).toBe(r.record.date);
    }
  });

  it('writes schema-valid maintenance records (front matter via gray-matter)', () => {
    const validate = validator('maintenance');
    expect(archive.maintenance.map((m) => m.front.kind).sort()).toEqual(['korektif', 'preventif']);
    for (const m of archive.maintenance) {
      const { data, content } = matter(m.text);
      expect(validate(data), `${m.path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(m.path).toBe(`records/maintenance/${data.date.slice(0, 4)}/${data.date}-${m.path.split(/\d{4}-\d\d-\d\d-/)[1]}`);
      expect(content).toMatch(/^- /m);
    }
  });

  it('checks every device with all its checklist items in every round', () => {
    for (const r of rounds) {
      expect(r.checks.map((c) => c.equipment)).toEqual(room.equipment.map((e) => e.id));
      for (const c of r.checks) {
        const category = room.equipment.find((e) => e.id === c.equipment)!.category;
        for (const item of checklists.categories[category]!.items) {
          const v = item.type === 'boolean' ? c.items?.[item.id] : c.values?.[item.id];
          expect(v, `${r.date} ${r.shift} ${c.equipment}.${item.id}`).toBeDefined();
          if (typeof v === 'number') expect(v).toBeGreaterThanOrEqual(item.min ?? -Infinity);
          if (typeof v === 'number') expect(v).toBeLessThanOrEqual(item.max ?? Infinity);
        }
        if (c.status !== 'baik') expect(c.note).not.toBe('');
      }
      expect(r.readings).toHaveLength(room.sensor_points.length * 2);
    }
  });

  it('opens the AC finding, carries it unchanged, closes it with a same-day corrective record, then drops it', () => {
    const withAc = rounds.filter((r) => r.findings?.some((f) => f.equipment === 'ac-02'));
    const ac = withAc.map((r) => r.findings!.find((f) => f.equipment === 'ac-02')!);
    expect(withAc[0]?.date).toBe(archive.story.dates.acFaultDay);
    expect(withAc[0]?.checks.find((c) => c.equipment === 'ac-02')?.status).toBe('rusak');
    expect(ac[0]).toMatchObject({ status: 'terbuka', description: 'Kompresor AC Presisi 2 tidak bekerja' });
    expect(new Set(ac.map((f) => `${f.id}|${f.description}|${f.raised_on}`)).size).toBe(1);
    expect(ac.slice(0, -1).every((f) => f.status === 'terbuka')).toBe(true);
    const closed = ac.at(-1)!;
    expect(closed).toMatchObject({ status: 'selesai', action: 'Kompresor diganti oleh teknisi vendor', closed_on: archive.story.dates.acFixedDay });
    // Consecutive rounds from opening to closing, none after.
    const first = rounds.indexOf(withAc[0]!);
    expect(withAc).toEqual(rounds.slice(first, first + withAc.length));
    expect(withAc.length).toBe(4 * 2 + 2);
    const corrective = archive.maintenance.find((m) => m.front.kind === 'korektif')!;
    expect(corrective.front).toMatchObject({ date: closed.closed_on, equipment: ['ac-02'], findings: [closed.id] });
    // One critical reading (> 32 °C) on the day the fault is found.
    const critical = rounds.flatMap((r) => r.readings.map((x) => ({ r, x }))).filter(({ x }) => x.temperature_c > 32);
    expect(critical).toHaveLength(1);
    expect(critical[0]?.r).toBe(withAc[0]);
  });

  it('keeps the open finding in every round since it was raised, through the last', () => {
    const dustId = rounds.at(-1)!.findings!.find((f) => f.equipment === 'kebersihan-01')!;
    expect(dustId.status).toBe('terbuka');
    const since = rounds.findIndex((r) => r.findings?.some((f) => f.id === dustId.id));
    expect(rounds[since]?.date).toBe(archive.story.dates.dustDay);
    for (const r of rounds.slice(since)) {
      expect(r.findings).toContainEqual(dustId);
      expect(r.checks.find((c) => c.equipment === 'kebersihan-01')?.status).toBe('perlu-perhatian');
    }
  });

  it('follows the record rules: notes on deviations, actions on closed findings, unique ids, timing', () => {
    const th = config.thresholds;
    const abnormalDays = new Set<string>();
    for (const r of rounds) {
      const ids = (r.findings ?? []).map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const f of r.findings ?? []) {
        expect(f.id).toMatch(/^T-2026-\d{3}$/);
        if (f.status === 'selesai') expect(f.action).toBeTruthy();
      }
      for (const x of r.readings) {
        const abnormal =
          x.temperature_c < th.temperature_c!.normal!.min! || x.temperature_c > th.temperature_c!.normal!.max! ||
          x.humidity_pct < th.humidity_pct!.normal!.min! || x.humidity_pct > th.humidity_pct!.normal!.max! ||
          dewPoint(x.temperature_c, x.humidity_pct) > th.dew_point_c!.warning!.max!;
        if (abnormal) {
          expect(x.note || (r.findings ?? []).length > 0, `${r.date} ${r.shift} ${x.point}`).toBeTruthy();
          abnormalDays.add(r.date);
        }
        if (!abnormal) expect(x.note).toBeUndefined();
      }
      const duration = minutes(r.finished_at!) - minutes(r.started_at);
      expect(duration).toBeGreaterThanOrEqual(45);
      expect(r.readings.every((x) => minutes(x.time) >= minutes(r.started_at) && minutes(x.time) <= minutes(r.finished_at!))).toBe(true);
      const [lo, hi] = r.shift === 'pagi' ? ['07:45', '08:30'] : ['13:05', '13:45'];
      expect(r.started_at >= lo && r.started_at <= hi, `${r.date} ${r.shift} ${r.started_at}`).toBe(true);
    }
    // The designed excursions only: door, AC fault, humidity, outage.
    const s = archive.story.dates;
    expect([...abnormalDays].sort()).toEqual([s.doorDay, s.acFaultDay, s.humidityDay, s.outageDay].sort());
    const overlong = rounds.filter((r) => minutes(r.finished_at!) - minutes(r.started_at) > config.sop_time_standards.inspection_min);
    expect(overlong.map((r) => r.date)).toEqual([s.acFaultDay, s.outageDay]);
    expect(new Set(rounds.map((r) => r.officer))).toEqual(new Set(['budi', 'sari']));
  });
});
