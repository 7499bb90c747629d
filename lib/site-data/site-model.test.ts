import { describe, expect, it } from 'vitest';
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
  const { model, rows } = buildSiteData(
    {
      archive, evaluations: new Map(), problems: [], history: null, historyError: 'not a git repository',
      asOf: { date: '2026-11-02', time: '12:30' }, generatedAt: '2026-11-02T05:30:00Z',
    },
    (r) => visits.push(r),
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
    const page = room.page(room.entries.findIndex((e) => e.date === '2026-11-01' && e.shift === 'pagi'));
    expect(page.verdict).toBe('critical');
    expect(page.officer.name).toBe(config.staff.find((s) => s.id === 'budi')!.name);
    expect(page.approval).toMatchObject({ state: 'unknown', reason: 'no-history' });
    expect(page.prev?.date).toBe('2026-10-31');
    expect(page.next).toMatchObject({ date: '2026-11-01', shift: 'sore' });
    expect(page.checks.find((c) => c.equipment === 'ac-02')!.noteHtml).toBe('Kompresor mati');
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
