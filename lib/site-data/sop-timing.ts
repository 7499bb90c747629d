/**
 * SOP timing as the site shows it: a thin adapter over lib/timing (the one SOP-timing module), adding
 * only presentation (within/exceeds flags, start inside the shift window) and the as-of rule for
 * which scheduled rounds are due.
 */
import type { FileHistory } from '../git/history.ts';
import type { ForgeTimes } from '../timing/forge-times.ts';
import { eventsFromHistory, expectedRounds, roundTiming as sopTiming, startDelay, type ExpectedRound, type TimingDeviation } from '../timing/index.ts';
import { minutesOf, wibInstant } from '../time.ts';
import type { ConfigRecord, RoundRecord } from '../types.generated.ts';

export type Slot = ExpectedRound;

export interface RoundTiming {
  /** SOP steps 2+3: started_at → finished_at, against inspection_min + recording_min. */
  workMin: number | null;
  workStandardMin: number;
  workWithin: boolean | null;
  /** finished_at → the submit commit (no standard of its own). */
  handoverMin: number | null;
  /** started_at inside its shift's window (start…end). */
  inShift: boolean | null;
  /** SOP step 4: the submit commit → the approving merge, against archiving_min. */
  archiveMin: number | null;
  archiveStandardMin: number;
  archiveWithin: boolean | null;
  deviations: TimingDeviation[];
}

export const slotKey = (s: Pick<Slot, 'date' | 'room' | 'shift'>) => `${s.date}|${s.room}|${s.shift}`;

export function roundTiming(round: RoundRecord, config: ConfigRecord, file: FileHistory | null | undefined, forge?: ForgeTimes | null): RoundTiming {
  const t = sopTiming(round, config.sop_time_standards, eventsFromHistory(file, forge));
  const delay = startDelay(round, config.shifts);
  const shift = config.shifts.find((s) => s.id === round.shift);
  const inShift = delay === null || !shift ? null : delay >= 0 && minutesOf(round.started_at) <= minutesOf(shift.end);
  return {
    workMin: t.work.minutes,
    workStandardMin: t.work.limit ?? config.sop_time_standards.inspection_min + config.sop_time_standards.recording_min,
    workWithin: t.work.minutes === null ? null : !t.work.exceeded,
    handoverMin: t.handover.minutes,
    inShift,
    archiveMin: t.archiving.minutes,
    archiveStandardMin: t.archiving.limit ?? config.sop_time_standards.archiving_min,
    archiveWithin: t.archiving.minutes === null ? null : !t.archiving.exceeded,
    deviations: t.deviations,
  };
}

/** First date any schedule rule is in force. */
export function scheduleStart(config: ConfigRecord): string | null {
  let first: string | null = null;
  for (const rule of config.schedule) if (first === null || rule.since < first) first = rule.since;
  return first;
}

/** Scheduled rounds from `from` that are due by the as-of moment (a shift counts once it has ended). */
export function dueSlots(config: ConfigRecord, rooms: readonly string[], from: string, asOf: { date: string; time: string }): Slot[] {
  return expectedRounds(config, rooms, { from, to: asOf.date, now: wibInstant(asOf.date, asOf.time) });
}
