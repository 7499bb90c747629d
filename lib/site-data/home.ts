/** Beranda: the state of each room now, open findings, missed rounds, rounds awaiting approval. */
import type { Level, ResolvedThresholds, Verdict } from '../evaluate/index.ts';
import type { RoomRecord } from '../types.generated.ts';
import { addDays } from '../time.ts';
import type { FindingView } from './findings-board.ts';
import type { MonthRecap } from './monthly-recap.ts';
import { roundRow, type RoundEntry, type RoundRow } from './round-index.ts';
import type { Slot } from './sop-timing.ts';

export interface HomeRoom {
  room: string;
  name: string;
  latest: RoundRow | null;
  verdict: Verdict | null;
  thresholds: ResolvedThresholds | null;
  /** Last assessed reading of each point in the latest round. */
  current: { point: string; pointName: string; time: string; temperature: number | null; humidity: number | null; dewPoint: number | null; level: Level | null; temperatureLevel: Level | null; humidityLevel: Level | null }[];
  /** Devices whose latest check is not baik. */
  devicesNotGood: { id: string; name: string; status: string; url: string }[];
}

export interface HomeView {
  rooms: HomeRoom[];
  openFindings: FindingView[];
  /** Missed rounds in the last `recentDays` days (newest first) and the total since the schedule began. */
  missedRecent: Slot[];
  missedTotal: number;
  recentDays: number;
  awaitingApproval: RoundRow[];
  awaitingTotal: number;
  month: MonthRecap | null;
}

export function homeView(args: {
  rooms: ReadonlyMap<string, RoomRecord>;
  /** The latest round of each room (full entries). */
  latest: readonly RoundEntry[];
  /** Every round's row, in the round index order. */
  rows: readonly RoundRow[];
  findings: readonly FindingView[];
  missed: readonly Slot[];
  recaps: readonly MonthRecap[];
  today: string;
  recentDays?: number;
  maxAwaiting?: number;
}): HomeView {
  const recentDays = args.recentDays ?? 14;
  const since = addDays(args.today, -(recentDays - 1));
  const latestByRoom = new Map<string, RoundEntry>();
  for (const e of args.latest) latestByRoom.set(e.room, e);
  const roomIds = [...new Set([...args.rooms.keys(), ...latestByRoom.keys()])].sort();
  const rooms = roomIds.map((id): HomeRoom => {
    const room = args.rooms.get(id);
    const e = latestByRoom.get(id);
    const names = new Map((room?.sensor_points ?? []).map((p) => [p.id, p.name]));
    const eqNames = new Map((room?.equipment ?? []).map((q) => [q.id, q.name]));
    const byPoint = new Map<string, HomeRoom['current'][number]>();
    for (const r of e?.evaluation.readings ?? []) {
      if (!r.assessed) continue;
      const prev = byPoint.get(r.point);
      if (prev && prev.time > r.time) continue;
      const raw = e!.record.readings[r.index];
      byPoint.set(r.point, {
        point: r.point,
        pointName: names.get(r.point) ?? r.point,
        time: r.time,
        temperature: raw?.temperature_c ?? null,
        humidity: raw?.humidity_pct ?? null,
        dewPoint: r.dewPointC,
        level: r.level,
        temperatureLevel: r.temperatureLevel,
        humidityLevel: r.humidityLevel,
      });
    }
    return {
      room: id,
      name: room?.name ?? id,
      latest: e ? roundRow(e) : null,
      verdict: e?.evaluation.verdict ?? null,
      thresholds: e?.evaluation.thresholds ?? null,
      current: [...byPoint.values()],
      devicesNotGood: (e?.evaluation.checks ?? [])
        .filter((c) => c.status !== 'baik')
        .map((c) => ({ id: c.equipment, name: eqNames.get(c.equipment) ?? c.equipment, status: c.status, url: `/perangkat/${id}/${c.equipment}/` })),
    };
  });
  // Rows come in index order: the position breaks ties between rounds of the same date.
  const unapproved = args.rows.map((row, k) => ({ row, k })).filter((x) => x.row.approval === 'unapproved');
  const newestFirst = unapproved.sort((a, b) => b.row.date.localeCompare(a.row.date) || b.k - a.k).map((x) => x.row);
  const ym = args.today.slice(0, 7);
  return {
    rooms,
    openFindings: args.findings.filter((f) => f.status === 'terbuka'),
    missedRecent: args.missed.filter((s) => s.date >= since).reverse(),
    missedTotal: args.missed.length,
    recentDays,
    awaitingApproval: newestFirst.slice(0, args.maxAwaiting ?? 10),
    awaitingTotal: unapproved.length,
    month: args.recaps.find((r) => r.ym === ym) ?? args.recaps[args.recaps.length - 1] ?? null,
  };
}
