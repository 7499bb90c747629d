import { describe, expect, it } from 'vitest';
import { DeviceSheets, hydrateRoundPage, type DeviceSheet } from './round-page.ts';
import { buildSiteData, type RoomRounds } from './site-model.ts';
import { round, testArchive, testConfig } from './test-archive.ts';

const config = testConfig();
config.schedule = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], shifts: ['pagi', 'sore'], since: '2026-10-30' }];
config.demo = true;
const rd = (date: string, shift: string, extra = {}) => round(date, shift, [['rak-a-depan', shift === 'pagi' ? '08:10' : '13:40', 22, 50]], extra);
const archive = testArchive(
  [
    rd('2026-10-30', 'pagi'),
    rd('2026-10-30', 'sore'),
    rd('2026-10-31', 'pagi', { started_at: '07:00', finished_at: '09:30' }), // before the shift, 150 min
    // 31 Oct sore missed
    rd('2026-11-01', 'pagi', {
      checks: [{ equipment: 'ac-02', status: 'rusak', note: 'Kompresor mati' }],
      findings: [{ id: 'T-2026-009', equipment: 'ac-02', description: 'Kompresor mati', status: 'terbuka', raised_on: '2026-11-01' }],
    }),
    rd('2026-11-01', 'sore', { checks: [{ equipment: 'ac-02', status: 'rusak', note: 'Menunggu teknisi' }], findings: [{ id: 'T-2026-009', equipment: 'ac-02', description: 'Kompresor mati', status: 'terbuka', raised_on: '2026-11-01' }] }),
    rd('2026-11-02', 'pagi', { findings: [{ id: 'T-2026-009', equipment: 'ac-02', description: 'Kompresor mati', action: 'Kompresor diganti', status: 'selesai', raised_on: '2026-11-01', closed_on: '2026-11-02' }] }),
  ],
  { config },
);

describe('buildSiteData', () => {
  // As of 2 Nov 12:30 WIB: the afternoon shift of 2 Nov (13:00–16:00) is not due yet.
  const visits: RoomRounds[] = [];
  const announced: [string, DeviceSheet][] = [];
  const sheets = new DeviceSheets((id, sheet) => announced.push([id, sheet]));
  const { model, rows } = buildSiteData(
    {
      archive, evaluations: new Map(), problems: [], history: null, historyError: 'not a git repository',
      asOf: { date: '2026-11-02', time: '12:30' }, generatedAt: '2026-11-02T05:30:00Z',
    },
    (r) => visits.push(r),
    sheets,
  );

  it('counts scheduled, done and missed rounds per month as of the build', () => {
    expect(model.missed).toEqual([{ room: 'ruang-server-utama', date: '2026-10-31', shift: 'sore' }]);
    const [oct, nov] = model.recaps;
    expect(oct).toMatchObject({ ym: '2026-10', scheduled: 4, doneScheduled: 3, rounds: 3, partial: false });
    expect(oct!.doneShare).toBe(0.75);
    expect(nov).toMatchObject({ ym: '2026-11', scheduled: 3, doneScheduled: 3, partial: true, through: '2026-11-02' });
    expect(oct!.timing).toMatchObject({ assessed: 3, workWithin: 2, inShift: 2 });
    expect(oct!.approval).toEqual({ approved: 0, unapproved: 0, unknown: 3 });
  });

  it('summarises the home page and lists rounds by month', () => {
    expect(model.home.rooms[0]!.latest!.date).toBe('2026-11-02');
    expect(model.home.openFindings).toEqual([]);
    expect(model.home.missedTotal).toBe(1);
    expect(model.roundMonths.map((m) => [m.ym, m.rows.length])).toEqual([['2026-10', 3], ['2026-11', 3]]);
    expect(rows).toHaveLength(6);
    expect(visits.map((v) => [v.room, v.entries.length])).toEqual([['ruang-server-utama', 6]]);
    expect(model.history.available).toBe(false);
  });

  it('compresses a device history into runs of the same status', () => {
    const ac = model.devices.find((d) => d.id === 'ac-02')!;
    expect(ac.runs.map((r) => [r.status, r.rounds])).toEqual([['baik', 3], ['rusak', 2], ['baik', 1]]);
    expect(ac.notable).toHaveLength(2);
    expect(ac.findings.map((f) => [f.id, f.status])).toEqual([['T-2026-009', 'selesai']]);
  });

  it('builds a round page on demand, with the signature data and neighbours', () => {
    const room = visits[0]!;
    const data = room.page(room.entries.findIndex((e) => e.date === '2026-11-01' && e.shift === 'pagi'));
    const page = hydrateRoundPage(data, (id) => sheets.byId.get(id));
    expect(page.verdict).toBe('critical');
    expect(page.officer.name).toBe(config.staff.find((s) => s.id === 'budi')!.name);
    expect(page.approval).toMatchObject({ state: 'unknown', reason: 'no-history' });
    expect(page.prev?.date).toBe('2026-10-31');
    expect(page.next).toMatchObject({ date: '2026-11-01', shift: 'sore' });
    expect(page.checks.find((c) => c.equipment === 'ac-02')!.noteHtml).toBe('Kompresor mati');
  });
});

describe('round page data', () => {
  const sheetsOf = (rounds: ReturnType<typeof rd>[], renameDevice?: [string, string]) => {
    const announced: [string, DeviceSheet][] = [];
    const sheets = new DeviceSheets((id, sheet) => announced.push([id, sheet]));
    const cfg = testArchive(rounds, { config });
    for (const r of cfg.rooms.values()) for (const q of r.data.equipment ?? []) if (renameDevice && q.id === renameDevice[0]) q.name = renameDevice[1];
    const pages: ReturnType<RoomRounds['page']>[] = [];
    buildSiteData(
      { archive: cfg, evaluations: new Map(), problems: [], history: null, historyError: null, asOf: { date: '2026-11-02', time: '12:30' }, generatedAt: '' },
      (r) => r.entries.forEach((_, k) => pages.push(r.page(k))),
      sheets,
    );
    return { announced, sheets, pages };
  };

  it('names each device sheet by its content, announces it once, and gives each round only its own values', () => {
    const { announced, sheets, pages } = sheetsOf([
      rd('2026-10-30', 'pagi', { checks: [{ equipment: 'ac-02', status: 'rusak', note: 'Kompresor mati' }] }),
      rd('2026-10-30', 'sore'),
    ]);
    expect(pages).toHaveLength(2);
    // Every device row of both rounds names an announced sheet; each sheet was announced once.
    const named = new Set(pages.flatMap((p) => p.checks.map((c) => c.sheet)));
    expect([...named].sort()).toEqual(announced.map(([id]) => id).sort());
    expect(new Set(announced.map(([id]) => id)).size).toBe(announced.length);
    // No device texts travel with a round: its rows carry values, not labels.
    expect(JSON.stringify(pages[0])).not.toContain('"label"');
    const page = hydrateRoundPage(pages[0]!, (id) => sheets.byId.get(id));
    const ac = page.checks.find((c) => c.equipment === 'ac-02')!;
    expect(ac).toMatchObject({ status: 'rusak', url: '/perangkat/ruang-server-utama/ac-02/' });
    expect(ac.items.length).toBeGreaterThan(0);
    expect(ac.items.every((it) => typeof it.label === 'string')).toBe(true);
  });

  it('names sheets by their texts: the same records give the same names, a renamed device another one', () => {
    const ids = (r: ReturnType<typeof sheetsOf>) => new Map(r.announced.map(([id, sheet]) => [sheet.equipment, id]));
    const a = ids(sheetsOf([rd('2026-10-30', 'pagi')]));
    const again = ids(sheetsOf([rd('2026-10-30', 'pagi')]));
    const renamed = ids(sheetsOf([rd('2026-10-30', 'pagi')], ['ac-02', 'AC Presisi Baru']));
    expect(a.size).toBeGreaterThan(1);
    expect(again).toEqual(a);
    for (const [equipment, id] of a) {
      if (equipment === 'ac-02') expect(renamed.get(equipment)).not.toBe(id);
      else expect(renamed.get(equipment)).toBe(id);
    }
  });

  it('fails loudly when a page names a sheet the renderer was never given', () => {
    const { pages } = sheetsOf([rd('2026-10-30', 'pagi')]);
    expect(() => hydrateRoundPage(pages[0]!, () => undefined)).toThrow(/device sheet [0-9a-f]{16} unknown/);
  });
});

describe('device history on a long archive', () => {
  it('lists only the latest 100 not-fine checks of a device, and counts them all', () => {
    const days = Array.from({ length: 53 }, (_, k) => new Date(Date.UTC(2026, 0, 1 + k)).toISOString().slice(0, 10));
    const rounds = days.flatMap((d) => ['pagi', 'sore'].map((s) => rd(d, s, { checks: [{ equipment: 'ac-02', status: 'perlu-perhatian', note: `Bising ${d} ${s}` }] }))).slice(0, 105);
    const { model } = buildSiteData({
      archive: testArchive(rounds, { config }), evaluations: new Map(), problems: [], history: null, historyError: null,
      asOf: { date: '2026-03-01', time: '12:00' }, generatedAt: '2026-03-01T05:00:00Z',
    });
    const ac = model.devices.find((d) => d.id === 'ac-02')!;
    expect(ac.notableTotal).toBe(105);
    expect(ac.notable).toHaveLength(100);
    expect(ac.notable[0]!.date).toBe(rounds[5]!.date); // the five oldest are left to the CSV
    expect(ac.notable.at(-1)!.noteHtml).toBe(`Bising ${rounds[104]!.date} ${rounds[104]!.shift}`);
    expect(ac.counts['perlu-perhatian']).toBe(105);
  });
});
