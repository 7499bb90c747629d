/**
 * Rekap bulanan for the Kepala Dinas: per month, rounds done against the schedule, SOP time
 * compliance, approval, readings outside the bands and excursions, findings and maintenance.
 */
import type { Verdict } from '../evaluate/index.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { addDays } from '../time.ts';
import type { ApprovalState } from './approval.ts';
import { openOn, type FindingView } from './findings-board.ts';
import type { MaintenanceView } from './maintenance-list.ts';
import type { RoundSummary } from './round-index.ts';
import { slotKey, type Slot } from './sop-timing.ts';
import type { Excursion, RoomTrends } from './trends.ts';

/** The moment the build reports "as of": slots after it are not yet due. */
export interface AsOf {
  date: string;
  time: string;
}

export interface MonthRecap {
  ym: string;
  /** /rekap/YYYY/MM/ */
  url: string;
  /** Last day counted (month end, or the as-of date in the current month). */
  through: string;
  partial: boolean;
  rooms: { room: string; scheduled: number; done: number; missed: number; unscheduled: number }[];
  scheduled: number;
  /** Scheduled slots that have a round. */
  doneScheduled: number;
  /** All rounds in the month (including rounds outside the schedule). */
  rounds: number;
  missed: Slot[];
  doneShare: number | null;
  timing: {
    assessed: number;
    workWithin: number;
    workShare: number | null;
    inShift: number;
    inShiftShare: number | null;
    archiveAssessed: number;
    /** Approved rounds whose archiving is not judged: only commit dates, no forge record (lib/timing). */
    archiveNotVouched: number;
    archiveWithin: number;
    archiveShare: number | null;
    archiveMedianMin: number | null;
  };
  approval: Record<ApprovalState, number>;
  verdicts: Record<Verdict, number>;
  readings: { total: number; outNormal: number; outRecommended: number; outCritical: number };
  excursions: Excursion[];
  devicesNotGood: number;
  findings: { raised: FindingView[]; closed: FindingView[]; openAtEnd: FindingView[] };
  maintenance: MaintenanceView[];
}

export const monthEnd = (ym: string) => addDays(`${nextMonth(ym)}-01`, -1);

export function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ym = from; ym <= to; ym = nextMonth(ym)) out.push(ym);
  return out;
}

export function monthlyRecaps(args: {
  config: ConfigRecord;
  rooms: readonly string[];
  entries: readonly RoundSummary[];
  /** Due slots over the whole archive period (dueSlots). */
  due: readonly Slot[];
  trends: ReadonlyMap<string, RoomTrends>;
  findings: readonly FindingView[];
  maintenance: readonly MaintenanceView[];
  months: readonly string[];
  asOf: AsOf;
}): MonthRecap[] {
  const { entries, due, trends, findings, maintenance, months, asOf } = args;
  const done = new Set(entries.map((e) => slotKey(e)));
  const byMonth = new Map<string, RoundSummary[]>();
  for (const e of entries) (byMonth.get(e.ym) ?? byMonth.set(e.ym, []).get(e.ym)!).push(e);
  const dueByMonth = new Map<string, Slot[]>();
  for (const s of due) {
    const ym = s.date.slice(0, 7);
    (dueByMonth.get(ym) ?? dueByMonth.set(ym, []).get(ym)!).push(s);
  }
  const allRooms = [...new Set([...args.rooms, ...entries.map((e) => e.room)])].sort();

  return months.map((ym) => {
    const end = monthEnd(ym);
    const through = end < asOf.date ? end : asOf.date;
    const rs = byMonth.get(ym) ?? [];
    const slots = dueByMonth.get(ym) ?? [];
    const missed = slots.filter((s) => !done.has(slotKey(s)));
    const slotKeys = new Set(slots.map(slotKey));
    const rooms = allRooms.map((room) => {
      const sc = slots.filter((s) => s.room === room);
      const mine = rs.filter((e) => e.room === room);
      const doneSc = mine.filter((e) => slotKeys.has(slotKey(e))).length;
      return { room, scheduled: sc.length, done: doneSc, missed: sc.length - doneSc, unscheduled: mine.length - doneSc };
    });
    const scheduled = slots.length;
    const doneScheduled = scheduled - missed.length;

    const workAssessed = rs.filter((e) => e.timing.workWithin !== null);
    const inShiftAssessed = rs.filter((e) => e.timing.inShift !== null);
    const archived = rs.filter((e) => e.timing.archiveWithin !== null);
    const archiveMins = archived.map((e) => e.timing.archiveMin!).sort((a, b) => a - b);
    const share = (n: number, d: number) => (d === 0 ? null : n / d);

    const approval: Record<ApprovalState, number> = { approved: 0, unapproved: 0, unknown: 0 };
    const verdicts: Record<Verdict, number> = { ok: 0, attention: 0, critical: 0 };
    let devicesNotGood = 0;
    for (const e of rs) {
      approval[e.approval]++;
      verdicts[e.verdict]++;
      devicesNotGood += e.devicesNotGood;
    }
    const readings = { total: 0, outNormal: 0, outRecommended: 0, outCritical: 0 };
    const excursions: Excursion[] = [];
    for (const t of trends.values()) {
      const row = t.monthly.find((r) => r.key === ym);
      if (row) {
        readings.total += row.readings;
        readings.outNormal += row.outNormal;
        readings.outRecommended += row.outRecommended;
        readings.outCritical += row.outCritical;
      }
      excursions.push(...t.excursions.filter((x) => x.startDate.startsWith(ym)));
    }
    excursions.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.startTime.localeCompare(b.startTime));

    return {
      ym,
      url: `/rekap/${ym.slice(0, 4)}/${ym.slice(5, 7)}/`,
      through,
      partial: through < end,
      rooms,
      scheduled,
      doneScheduled,
      rounds: rs.length,
      missed,
      doneShare: share(doneScheduled, scheduled),
      timing: {
        assessed: workAssessed.length,
        workWithin: workAssessed.filter((e) => e.timing.workWithin).length,
        workShare: share(workAssessed.filter((e) => e.timing.workWithin).length, workAssessed.length),
        inShift: inShiftAssessed.filter((e) => e.timing.inShift).length,
        inShiftShare: share(inShiftAssessed.filter((e) => e.timing.inShift).length, inShiftAssessed.length),
        archiveAssessed: archived.length,
        archiveNotVouched: rs.filter((e) => e.timing.deviations.includes('time-not-vouched')).length,
        archiveWithin: archived.filter((e) => e.timing.archiveWithin).length,
        archiveShare: share(archived.filter((e) => e.timing.archiveWithin).length, archived.length),
        archiveMedianMin: median(archiveMins),
      },
      approval,
      verdicts,
      readings,
      excursions,
      devicesNotGood,
      findings: {
        raised: findings.filter((f) => f.raisedOn.startsWith(ym)),
        closed: findings.filter((f) => f.closedOn?.startsWith(ym)),
        openAtEnd: findings.filter((f) => openOn(f, through)),
      },
      maintenance: maintenance.filter((m) => m.date.startsWith(ym)),
    };
  });
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}
