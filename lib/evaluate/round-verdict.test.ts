import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChecklistsRecord, RoomRecord, RoundRecord, Thresholds } from '../types.generated.ts';
import { evaluateRound, type RoundContext } from './round-verdict.ts';
import { DEFAULT_THRESHOLDS } from './thresholds.ts';

const checklists: ChecklistsRecord = {
  categories: {
    ups: {
      name: 'UPS & baterai',
      items: [
        { id: 'indikator_normal', label: 'Indikator normal', type: 'boolean' },
        { id: 'load_pct', label: 'Beban UPS', type: 'number', unit: '%', min: 0, max: 80 },
      ],
    },
    ac: { name: 'AC', items: [{ id: 'menyala', label: 'Unit menyala', type: 'boolean' }] },
  },
};
const room: RoomRecord = {
  id: 'ruang-server-utama',
  name: 'Ruang Server Utama',
  sensor_points: [
    { id: 'rak-a-depan', name: 'Rak A depan', position: 'inlet' },
    { id: 'rak-b-depan', name: 'Rak B depan', position: 'inlet' },
    { id: 'rak-a-belakang', name: 'Rak A belakang', position: 'outlet' },
  ],
  equipment: [
    { id: 'ups-01', name: 'UPS A', category: 'ups' },
    { id: 'ac-01', name: 'AC 1', category: 'ac' },
  ],
};
const thresholds: Thresholds = DEFAULT_THRESHOLDS;
const context: RoundContext = { thresholds, checklists, room };

function round(patch: Partial<RoundRecord> = {}): RoundRecord {
  return {
    room: 'ruang-server-utama',
    date: '2026-11-24',
    shift: 'pagi',
    officer: 'budi',
    started_at: '08:05',
    readings: [
      { point: 'rak-a-depan', time: '08:10', temperature_c: 22.4, humidity_pct: 51 },
      { point: 'rak-b-depan', time: '08:12', temperature_c: 23, humidity_pct: 49 },
      { point: 'rak-a-belakang', time: '08:14', temperature_c: 38, humidity_pct: 25 },
    ],
    checks: [
      { equipment: 'ups-01', status: 'baik', items: { indikator_normal: true }, values: { load_pct: 46 } },
      { equipment: 'ac-01', status: 'baik', items: { menyala: true } },
    ],
    ...patch,
  };
}

describe('evaluateRound', () => {
  it('a good round is ok, with counts and a summary over inlet readings', () => {
    const e = evaluateRound(round(), context);
    expect(e.verdict).toBe('ok');
    expect(e.counts).toEqual({
      readings: { normal: 2, warning: 0, critical: 0, notAssessed: 1 },
      checks: { baik: 2, 'perlu-perhatian': 0, rusak: 0, 'tidak-diperiksa': 0 },
      outOfRangeValues: 0,
      failedItems: 0,
      missingItems: 0,
      openFindings: 0,
      closedFindings: 0,
      deviations: { warning: 0, critical: 0, withoutFollowUp: 0 },
    });
    expect(e.summary).toEqual({ tempMin: 22.4, tempMax: 23, tempMean: 22.7, rhMin: 49, rhMax: 51, rhMean: 50, dewMax: 11.8 });
    expect(e.checks.map((c) => [c.index, c.category, c.checklistFound])).toEqual([[0, 'ups', true], [1, 'ac', true]]);
  });

  it('does not hold the hot aisle to inlet limits', () => {
    const outlet = evaluateRound(round(), context).readings[2];
    expect(outlet).toMatchObject({ point: 'rak-a-belakang', position: 'outlet', assessed: false, level: null, reasons: [] });
    expect(outlet?.dewPointC).toBeTypeOf('number');
  });

  it.each([
    ['a warning reading', { readings: [{ point: 'rak-a-depan', time: '08:10', temperature_c: 26, humidity_pct: 50 }] }, 'attention'],
    ['a critical reading', { readings: [{ point: 'rak-a-depan', time: '08:10', temperature_c: 32.1, humidity_pct: 40 }] }, 'critical'],
    ['a critical humidity', { readings: [{ point: 'rak-a-depan', time: '08:10', temperature_c: 22, humidity_pct: 7.9 }] }, 'critical'],
    ['a device rusak', { checks: [{ equipment: 'ac-01', status: 'rusak', note: 'Kompresor mati' }] }, 'critical'],
    ['a device perlu-perhatian', { checks: [{ equipment: 'ac-01', status: 'perlu-perhatian', items: { menyala: true }, note: 'Bising' }] }, 'attention'],
    ['a device tidak-diperiksa', { checks: [{ equipment: 'ac-01', status: 'tidak-diperiksa', note: 'Terkunci' }] }, 'attention'],
    ['an out-of-range UPS load', { checks: [{ equipment: 'ups-01', status: 'baik', items: { indikator_normal: true }, values: { load_pct: 85 } }] }, 'attention'],
    ['a failed yes/no item', { checks: [{ equipment: 'ac-01', status: 'baik', items: { menyala: false } }] }, 'attention'],
    ['an open finding', { findings: [{ id: 'T-2026-011', equipment: 'ac-01', description: 'Filter kotor', status: 'terbuka' }] }, 'attention'],
    ['a closed finding', { findings: [{ id: 'T-2026-011', equipment: 'ac-01', description: 'Filter kotor', action: 'Dibersihkan', status: 'selesai' }] }, 'ok'],
    ['only a missing item (the validator reports it)', { checks: [{ equipment: 'ups-01', status: 'baik', values: { load_pct: 40 } }] }, 'ok'],
  ] as [string, Partial<RoundRecord>, string][])('%s → %s', (_name, patch, verdict) => {
    expect(evaluateRound(round(patch), context).verdict).toBe(verdict);
  });

  it('counts out-of-range values and findings', () => {
    const e = evaluateRound(
      round({
        checks: [{ equipment: 'ups-01', status: 'perlu-perhatian', items: { indikator_normal: true }, values: { load_pct: 85 }, note: 'Beban tinggi' }],
        findings: [
          { id: 'T-2026-011', equipment: 'ups-01', description: 'Beban UPS tinggi', status: 'terbuka' },
          { id: 'T-2026-010', equipment: 'ac-01', description: 'Filter kotor', action: 'Dibersihkan', status: 'selesai' },
        ],
      }),
      context,
    );
    expect(e.counts).toMatchObject({ outOfRangeValues: 1, openFindings: 1, closedFindings: 1 });
    expect(e.checks[0]?.outOfRange[0]).toMatchObject({ itemId: 'load_pct', value: 85, max: 80 });
  });

  it('flags a rate-of-change violation on the later reading', () => {
    const e = evaluateRound(
      round({
        readings: [
          { point: 'rak-a-depan', time: '08:10', temperature_c: 20, humidity_pct: 50 },
          { point: 'rak-a-depan', time: '08:40', temperature_c: 25.1, humidity_pct: 45 },
          { point: 'rak-a-belakang', time: '08:10', temperature_c: 30, humidity_pct: 30 },
          { point: 'rak-a-belakang', time: '08:40', temperature_c: 40, humidity_pct: 20 },
        ],
      }),
      context,
    );
    expect(e.rateViolations).toEqual([expect.objectContaining({ point: 'rak-a-depan', from: '08:10', to: '08:40', deltaC: 5.1 })]);
    expect(e.readings[1]).toMatchObject({ level: 'warning', reasons: ['temperature-above-normal', 'rate-of-change'] });
    expect(e.readings[1]?.rateViolation?.toIndex).toBe(1);
    expect(e.verdict).toBe('attention');
  });

  it('a rate violation alone makes an otherwise normal reading warning', () => {
    const e = evaluateRound(
      round({
        readings: [
          { point: 'rak-a-depan', time: '08:00', temperature_c: 20, humidity_pct: 50 },
          { point: 'rak-a-depan', time: '10:00', temperature_c: 25, humidity_pct: 50 },
        ],
      }),
      { ...context, thresholds: { rate_c_per_hour: 2 } },
    );
    expect(e.readings[1]).toMatchObject({ temperatureLevel: 'normal', level: 'warning', reasons: ['rate-of-change'] });
    expect(e.counts.readings).toMatchObject({ normal: 1, warning: 1 });
    expect(e.verdict).toBe('attention');
  });

  it('uses the previous round of the same day for rate of change', () => {
    const previous = { date: '2026-11-24', readings: round().readings };
    const current = round({ shift: 'sore', readings: [{ point: 'rak-a-depan', time: '09:00', temperature_c: 28, humidity_pct: 45 }] });
    expect(evaluateRound(current, { ...context, previous }).rateViolations).toEqual([
      expect.objectContaining({ from: '08:10', to: '09:00', fromPrevious: true }),
    ]);
    expect(evaluateRound({ ...current, date: '2026-11-25' }, { ...context, previous }).rateViolations).toEqual([]);
  });

  it("applies the room's threshold override on top of config", () => {
    const reading = { point: 'rak-a-depan', time: '08:10', temperature_c: 24.5, humidity_pct: 50 };
    expect(evaluateRound(round({ readings: [reading] }), context).verdict).toBe('ok');
    const strict = { ...room, thresholds: { temperature_c: { normal: { max: 24 } } } };
    const e = evaluateRound(round({ readings: [reading] }), { ...context, room: strict });
    expect(e.verdict).toBe('attention');
    expect(e.thresholds.temperature_c.normal).toEqual({ min: 20, max: 24 });
  });

  it('does not throw on a scaffolded round full of null placeholders', () => {
    const scaffold = {
      room: 'ruang-server-utama',
      date: '2026-11-24',
      shift: 'pagi',
      officer: 'budi',
      started_at: null,
      readings: [
        { point: 'rak-a-depan', time: null, temperature_c: null, humidity_pct: null },
        { point: 'rak-b-depan', time: '08:12', temperature_c: 23.5, humidity_pct: null },
        null,
      ],
      checks: [
        { equipment: 'ups-01', status: null, items: { indikator_normal: null }, values: { load_pct: null } },
        { equipment: 'ac-01', status: 'baik', items: null, values: null, note: null },
        { equipment: 'tidak-ada', status: 'baik' },
        null,
      ],
      findings: null,
    } as unknown as RoundRecord;
    const e = evaluateRound(scaffold, context);
    expect(e.ignoredReadings).toEqual([0, 2]);
    expect(e.readings).toHaveLength(1);
    expect(e.readings[0]).toMatchObject({ temperatureLevel: 'normal', humidityLevel: null, level: 'normal' });
    expect(e.counts.checks['tidak-diperiksa']).toBe(2);
    expect(e.checks[1]?.missingItems.map((i) => i.itemId)).toEqual(['menyala']);
    expect(e.checks[2]).toMatchObject({ category: null, checklistFound: false });
    expect(e.summary).toMatchObject({ tempMin: 23.5, rhMin: null, dewMax: null });
    expect(e.verdict).toBe('attention');
  });

  it('does not throw without context or on an empty object', () => {
    expect(evaluateRound({} as RoundRecord).verdict).toBe('ok');
    expect(evaluateRound(null as unknown as RoundRecord).summary.tempMean).toBeNull();
    // Without the room file no point is known to be an outlet, so the 38 °C exhaust is judged too.
    expect(evaluateRound(round()).counts.readings).toEqual({ normal: 2, warning: 0, critical: 1, notAssessed: 0 });
  });

  it('gives every evaluation its own objects although lookups are cached per room and checklist', () => {
    const a = evaluateRound(round(), context);
    const b = evaluateRound(round(), context);
    expect(b).toEqual(a);
    expect(b.thresholds).not.toBe(a.thresholds);
    expect(b.thresholds.temperature_c.normal).not.toBe(a.thresholds.temperature_c.normal);
    a.thresholds.temperature_c.normal.max = 99;
    a.readings[0]?.reasons.push('rate-of-change');
    expect(evaluateRound(round(), context)).toEqual(b);
  });

  it('keys its caches on both the room and the checklists', () => {
    const other: ChecklistsRecord = { categories: { ac: { name: 'AC', items: [{ id: 'dingin', label: 'Dingin', type: 'boolean' }] } } };
    const withOther = evaluateRound(round(), { ...context, checklists: other });
    expect(withOther.checks.map((c) => [c.category, c.checklistFound])).toEqual([['ups', false], ['ac', true]]);
    expect(withOther.checks[1]?.unknownItems).toEqual(['menyala']);
    const noOutlet = { ...room, sensor_points: room.sensor_points.map((sp) => ({ ...sp, position: 'inlet' as const })) };
    expect(evaluateRound(round(), { ...context, room: noOutlet }).counts.readings.notAssessed).toBe(0);
    expect(evaluateRound(round(), context).counts.readings.notAssessed).toBe(1);
  });

  it('lists the same keys in the same order for assessed and outlet readings', () => {
    const [inlet, , outlet] = evaluateRound(round(), context).readings;
    expect(Object.keys(outlet ?? {})).toEqual(Object.keys(inlet ?? {}));
    expect(Object.keys(inlet ?? {})).toEqual([
      'temperatureLevel', 'humidityLevel', 'dewPointLevel', 'level', 'dewPointC', 'outsideRecommended',
      'outsideRecommendedBy', 'reasons', 'index', 'point', 'time', 'position', 'assessed', 'rateViolation',
    ]);
  });

  it('never throws on a round-shaped value with arbitrary contents', () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.anything());
    const reading = fc.record(
      {
        point: maybe(fc.constantFrom('rak-a-depan', 'rak-b-depan', 'rak-a-belakang', 'lain')),
        time: maybe(fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)),
        temperature_c: maybe(fc.double({ min: -20, max: 60 })),
        humidity_pct: maybe(fc.double({ min: 0, max: 100 })),
      },
      { requiredKeys: [] },
    );
    const check = fc.record(
      {
        equipment: maybe(fc.constantFrom('ups-01', 'ac-01', 'x')),
        status: maybe(fc.constantFrom('baik', 'perlu-perhatian', 'rusak', 'tidak-diperiksa')),
        items: maybe(fc.dictionary(fc.constantFrom('menyala', 'indikator_normal', 'zz'), maybe(fc.boolean()))),
        values: maybe(fc.dictionary(fc.constantFrom('load_pct', 'menyala', 'zz'), maybe(fc.double()))),
      },
      { requiredKeys: [] },
    );
    const finding = fc.record({ status: maybe(fc.constantFrom('terbuka', 'selesai')) }, { requiredKeys: [] });
    const arbRound = fc.record(
      {
        date: maybe(fc.constant('2026-11-24')),
        readings: maybe(fc.array(maybe(reading), { maxLength: 12 })),
        checks: maybe(fc.array(maybe(check), { maxLength: 6 })),
        findings: maybe(fc.array(maybe(finding), { maxLength: 3 })),
      },
      { requiredKeys: [] },
    );
    const arbContext = fc.record(
      {
        thresholds: fc.oneof(fc.constant(thresholds), fc.anything()),
        checklists: fc.oneof(fc.constant(checklists), fc.anything()),
        room: fc.oneof(fc.constant(room), fc.anything()),
        previous: fc.oneof(fc.constant(null), arbRound),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbRound, arbContext, (r, ctx) => {
        const e = evaluateRound(r as unknown as RoundRecord, ctx as RoundContext);
        expect(['ok', 'attention', 'critical']).toContain(e.verdict);
        const { normal, warning, critical, notAssessed } = e.counts.readings;
        expect(normal + warning + critical + notAssessed + e.ignoredReadings.length).toBe(
          Array.isArray(r.readings) ? r.readings.length : 0,
        );
      }),
      { numRuns: 300 },
    );
  });
});
