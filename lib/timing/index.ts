/**
 * SOP timing (pure functions, no I/O): how each round kept the SOP's time standards (*mutu baku*), and
 * which scheduled rounds are missing. For the archive site, the review command and the monthly recap.
 *
 * ## Per round
 *
 *   const events = eventsFromHistory(history.files.get(round.path)); // from lib/git/history.ts readHistory
 *   const t = roundTiming(round.data, config.sop_time_standards, events);
 *
 * `roundTiming` gives, in whole minutes (null when a time is unknown):
 * - `work`: started_at → finished_at, the SOP's steps 2+3 (checking + recording), against
 *   inspection_min + recording_min (60 + 60 = 120 min);
 * - `checkingOverHour`: true when that span is above inspection_min (60 min) — the form has one start and
 *   one finish time, so more than an hour in all means checking may have run over its own hour;
 * - `handover`: finished_at → the submit commit (author date of the commit that first added the round
 *   file), reported without a standard of its own (negative when committed before finished_at: see
 *   `deviations`);
 * - `archiving`: the submit commit → the approval merge (committer date of the merge that first approved
 *   the round), against archiving_min (30 min), SOP step 4;
 * - `deviations`: codes for what broke the standard: 'work-over-standard', 'checking-over-hour',
 *   'archiving-over-standard', 'submitted-before-finish', 'not-finished', 'not-approved', and
 *   'time-unverified' when the submit time (set by whoever committed) cannot be true: after the approval
 *   (which the kasi's signature vouches for) or after `now`; 'time-not-vouched' when the times are only
 *   commit dates (no forge record, see forge-times.ts). Archiving is then not judged at all.
 * Times on the form are WIB on the round's date; commit times are absolute instants.
 *
 * ## Missed rounds
 *
 *   missedRounds(config, rooms, roundsPresent, { from, to, now? }) → ExpectedRound[]
 *
 * Every (room, date, shift) that `config.schedule` expects in [from, to] (rules by weekday 1 = Monday …
 * 7 = Sunday, since/until, optional rooms; none on `holidays`) with no round present. With `now`, a slot
 * counts only once its shift has ended (WIB). `expectedRounds` gives the whole expected list.
 */
import { addDays, isoWeekday, minutesOf, wibInstant } from '../time.ts';
import type { ConfigRecord, RoundRecord } from '../types.generated.ts';
import type { FileHistory } from '../git/history.ts';
import { pullFor, type ForgeTimes } from './forge-times.ts';

export type SopStandards = ConfigRecord['sop_time_standards'];

/** When the round was submitted and approved: ISO 8601 instants (null when it has not happened or is unknown). */
export interface RoundEvents {
  submittedAt: string | null;
  approvedAt: string | null;
  /**
   * 'forge': the forge's own record of the pull request (opened, merged); 'commit': commit dates, which
   * whoever committed can set, so archiving is shown but not judged.
   */
  source: 'forge' | 'commit';
}

export interface TimedSpan {
  /** Whole minutes, rounded; null when an end is unknown. */
  minutes: number | null;
  /** The SOP standard in minutes; null when the span has none. */
  limit: number | null;
  exceeded: boolean;
}

export type TimingDeviation =
  | 'work-over-standard'
  | 'checking-over-hour'
  | 'archiving-over-standard'
  | 'submitted-before-finish'
  | 'not-finished'
  | 'not-approved'
  | 'time-unverified'
  | 'time-not-vouched';

export interface RoundTiming {
  work: TimedSpan;
  checkingOverHour: boolean;
  handover: TimedSpan;
  archiving: TimedSpan;
  deviations: TimingDeviation[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const NO_EVENTS: RoundEvents = { submittedAt: null, approvedAt: null, source: 'commit' };

/**
 * Submit and approval times of a round file: the forge's record of the pull request that brought its
 * first approved version when there is one, else its history's commit dates (lib/git/history.ts).
 */
export function eventsFromHistory(file: FileHistory | undefined | null, forge?: ForgeTimes | null): RoundEvents {
  if (!file) return NO_EVENTS;
  const approval = file.approvedVersions[0]?.approval;
  const branch = file.changes.filter((c) => !c.onMainline).map((c) => c.hash);
  const pull = approval?.via === 'attestation' ? null : pullFor(forge, approval?.commit, branch);
  if (pull?.mergedAt) return { submittedAt: pull.openedAt, approvedAt: pull.mergedAt, source: 'forge' };
  // A shallow clone cuts history: the boundary commit is not the real submit.
  const submittedAt = file.truncated ? null : (file.changes.find((c) => c.status === 'A')?.authorDate ?? null);
  return { submittedAt, approvedAt: approval?.date ?? null, source: 'commit' };
}

export function roundTiming(
  round: Pick<RoundRecord, 'date' | 'started_at' | 'finished_at'>,
  standards: SopStandards,
  events: RoundEvents = NO_EVENTS,
  now: Date = new Date(),
): RoundTiming {
  const started = TIME.test(round.started_at ?? '') ? wibInstant(round.date, round.started_at) : null;
  const finished = round.finished_at && TIME.test(round.finished_at) ? wibInstant(round.date, round.finished_at) : null;
  const submitted = instant(events.submittedAt);
  const approved = instant(events.approvedAt);

  const workMinutes = started && finished && finished >= started ? minutesBetween(started, finished) : null;
  const workLimit = standards.inspection_min + standards.recording_min;
  const work: TimedSpan = { minutes: workMinutes, limit: workLimit, exceeded: workMinutes !== null && workMinutes > workLimit };
  const checkingOverHour = workMinutes !== null && workMinutes > standards.inspection_min;
  const handoverMinutes = finished && submitted ? minutesBetween(finished, submitted) : null;
  const handover: TimedSpan = { minutes: handoverMinutes, limit: null, exceeded: false };
  // A commit's date is whatever its author's clock said: one after the approval or in the future is not true.
  const unverified = submitted !== null && ((approved !== null && submitted > approved) || submitted.getTime() > now.getTime());
  const notVouched = submitted !== null && approved !== null && !unverified && events.source !== 'forge';
  const archivingMinutes = submitted && approved && !unverified && !notVouched ? minutesBetween(submitted, approved) : null;
  const archiving: TimedSpan = {
    minutes: archivingMinutes,
    limit: standards.archiving_min,
    exceeded: archivingMinutes !== null && archivingMinutes > standards.archiving_min,
  };

  const deviations: TimingDeviation[] = [];
  if (!finished) deviations.push('not-finished');
  if (work.exceeded) deviations.push('work-over-standard');
  if (checkingOverHour) deviations.push('checking-over-hour');
  if (handoverMinutes !== null && handoverMinutes < 0) deviations.push('submitted-before-finish');
  if (archiving.exceeded) deviations.push('archiving-over-standard');
  if (!approved) deviations.push('not-approved');
  if (unverified) deviations.push('time-unverified');
  if (notVouched) deviations.push('time-not-vouched');
  return { work, checkingOverHour, handover, archiving, deviations };
}

export interface ExpectedRound {
  room: string;
  date: string;
  shift: string;
}

type ScheduleConfig = Pick<ConfigRecord, 'schedule' | 'shifts'> & { holidays?: ConfigRecord['holidays'] };

/** Every (room, date, shift) the schedule expects in [from, to], in date, room, shift order. */
export function expectedRounds(
  config: ScheduleConfig,
  rooms: Iterable<string>,
  range: { from: string; to: string; now?: Date },
): ExpectedRound[] {
  const roomList = [...rooms].sort();
  const holidays = new Set(config.holidays ?? []);
  const shiftOrder = new Map(config.shifts.map((s, i) => [s.id, i]));
  const shiftEnd = new Map(config.shifts.map((s) => [s.id, s.end]));
  const out: ExpectedRound[] = [];
  if (range.from > range.to) return out;
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    if (holidays.has(date)) continue;
    const weekday = isoWeekday(date);
    const slots = new Set<string>();
    for (const rule of config.schedule) {
      if (date < rule.since || (rule.until && date > rule.until)) continue;
      if (!rule.weekdays.includes(weekday)) continue;
      const ruleRooms = rule.rooms?.length ? rule.rooms : roomList;
      for (const room of ruleRooms) {
        if (!roomList.includes(room)) continue;
        for (const shift of rule.shifts) slots.add(`${room}\u0000${shift}`);
      }
    }
    const day = [...slots].map((s) => {
      const [room, shift] = s.split('\u0000') as [string, string];
      return { room, date, shift };
    });
    day.sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : (shiftOrder.get(a.shift) ?? 99) - (shiftOrder.get(b.shift) ?? 99)));
    for (const slot of day) {
      if (range.now) {
        const end = shiftEnd.get(slot.shift);
        // A shift that has not ended yet cannot have been missed.
        if (end && wibInstant(date, end).getTime() > range.now.getTime()) continue;
      }
      out.push(slot);
    }
  }
  return out;
}

/** The scheduled rounds in [from, to] with no round present. */
export function missedRounds(
  config: ScheduleConfig,
  rooms: Iterable<string>,
  roundsPresent: Iterable<Pick<RoundRecord, 'room' | 'date' | 'shift'>>,
  range: { from: string; to: string; now?: Date },
): ExpectedRound[] {
  const present = new Set<string>();
  for (const r of roundsPresent) present.add(`${r.room}|${r.date}|${r.shift}`);
  return expectedRounds(config, rooms, range).filter((e) => !present.has(`${e.room}|${e.date}|${e.shift}`));
}

/** Minutes between a shift's window and a round's start: positive when the round started late. */
export function startDelay(round: Pick<RoundRecord, 'shift' | 'started_at'>, shifts: ConfigRecord['shifts']): number | null {
  const shift = shifts.find((s) => s.id === round.shift);
  if (!shift || !TIME.test(round.started_at ?? '')) return null;
  return minutesOf(round.started_at) - minutesOf(shift.start);
}

function instant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);
