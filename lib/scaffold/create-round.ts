/**
 * `npm run new`: creates the pre-filled round file for a room, date and shift, never overwriting one.
 * Reads config, checklists, the room and the latest earlier round of the room (for open findings) from
 * the archive at `root`; optionally fills readings from logger exports and lets a `fill` callback
 * (the interactive prompts) complete the draft before it is written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { listRecordFiles, loadArchive } from '../load/archive.ts';
import { parseYamlSource } from '../load/yaml-source.ts';
import { parseRoundPath, roundPath } from '../paths.ts';
import { hasErrors, problem, type Problem } from '../problems.ts';
import { isRealDate, nowWibTime, todayWib } from '../time.ts';
import type { Finding } from '../types.generated.ts';
import { parseLoggerExport, samplesInWindow, type TemperatureUnit } from '../import/logger-export.ts';
import type { Lang } from '../i18n/lang.ts';
import { draftRound, renderRound, type RoundDraft, type ScaffoldContext } from './build-round.ts';
import { pickShift, shiftOrder, staffByEmail } from './defaults.ts';
import { workflowFailure, type WorkflowFailure } from '../git/workflow-output.ts';

export interface LoggerImport {
  /** Path of the export, relative to the working directory or absolute. */
  file: string;
  /** Sensor point id; may be left out when exactly one point of the room names this kind of logger. */
  point?: string;
  /** Temperature unit for an export whose header does not tell it (Elitech text). */
  unit?: TemperatureUnit;
}

export interface NewRoundOptions {
  room?: string;
  shift?: string;
  date?: string;
  officer?: string;
  /** HH:MM; default now (WIB) for today's round, the shift's start for an earlier date. */
  start?: string;
  /** HH:MM; pre-fills finished_at and closes the logger-import window. */
  end?: string;
  /** The git identity's email, used when `officer` is not given. */
  identityEmail?: string | null;
  imports?: LoggerImport[];
  /** Completes the draft before it is written (the interactive prompts). */
  fill?: (draft: RoundDraft, ctx: ScaffoldContext) => Promise<RoundDraft>;
  now?: Date;
  lang?: Lang;
  /** Working directory for relative import paths (default: root). */
  cwd?: string;
}

export type NewRoundFailure = WorkflowFailure;
export type NewRoundResult =
  | { ok: true; path: string; draft: RoundDraft; carriedFindings: number; imported: { file: string; point: string; samples: number }[] }
  | NewRoundFailure;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const fail = workflowFailure;

export async function createRound(root: string, opts: NewRoundOptions = {}): Promise<NewRoundResult> {
  const now = opts.now ?? new Date();
  const archive = await loadArchive(root, { only: [], cache: false });
  const recordProblems = archive.problems.filter((p) => p.severity === 'error');
  if (!archive.config || !archive.checklists || hasErrors(recordProblems)) return fail('invalid', 'records-invalid', {}, recordProblems);
  const config = archive.config.data;
  const checklists = archive.checklists.data;

  const rooms = [...archive.rooms.keys()];
  let roomId = opts.room;
  if (roomId === undefined) {
    if (rooms.length !== 1) return fail('usage', 'room-needed', { known: rooms.join(', ') || '—' });
    roomId = rooms[0]!;
  }
  const room = archive.rooms.get(roomId)?.data;
  if (!room) return fail('usage', 'unknown-room', { room: roomId, known: rooms.join(', ') || '—' });

  const today = todayWib(now);
  const date = opts.date ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date)) return fail('usage', 'bad-date', { date });
  if (date > today) return fail('usage', 'future-date', { date, today });

  const shiftIds = config.shifts.map((s) => s.id);
  const shift = opts.shift === undefined ? pickShift(config.shifts, nowWibTime(now)) : config.shifts.find((s) => s.id === opts.shift);
  if (!shift) return fail('usage', 'unknown-shift', { shift: opts.shift ?? '', known: shiftIds.join(', ') });

  let officerId = opts.officer;
  if (officerId === undefined) {
    const staff = staffByEmail(config.staff, opts.identityEmail);
    if (!staff) return fail('usage', 'officer-not-found', { email: opts.identityEmail ?? '', known: config.staff.map((s) => `${s.id} (${s.email})`).join(', ') });
    officerId = staff.id;
  } else if (!config.staff.some((s) => s.id === officerId)) {
    return fail('usage', 'unknown-officer', { officer: officerId, known: config.staff.map((s) => s.id).join(', ') });
  }

  for (const [name, value] of [['--start', opts.start], ['--end', opts.end]] as const) {
    if (value !== undefined && !TIME.test(value)) return fail('usage', 'bad-time', { option: name, value });
  }
  const startedAt = opts.start ?? (date === today ? nowWibTime(now) : shift.start);
  if (opts.end !== undefined && opts.end < startedAt) return fail('usage', 'end-before-start', { start: startedAt, end: opts.end });

  const ctx: ScaffoldContext = { config, checklists, room };
  const previous = await previousRoundFindings(root, roomId, date, shift.id, config.shifts);
  let draft = draftRound(
    { room: roomId, date, shift: shift.id, officer: officerId, startedAt, finishedAt: opts.end ?? null, previousFindings: previous },
    ctx,
  );

  const imported: { file: string; point: string; samples: number }[] = [];
  if (opts.imports?.length) {
    const windowEnd = opts.end ?? (date === today ? nowWibTime(now) : shift.end);
    const done = new Set<string>();
    for (const imp of opts.imports) {
      const result = await importReadings(draft, ctx, imp, startedAt, windowEnd, opts.cwd ?? root, done);
      if (!result.ok) return result;
      draft = result.draft;
      imported.push({ file: imp.file, point: result.point, samples: result.samples });
    }
  }

  if (opts.fill) draft = await opts.fill(draft, ctx);

  const path = roundPath(roomId, date, shift.id);
  const text = renderRound(draft, ctx, opts.lang ?? 'id');
  await mkdir(dirname(join(root, path)), { recursive: true });
  try {
    // Exclusive create: an existing round (filled or not) is never overwritten.
    await writeFile(join(root, path), text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fail('refused', 'round-exists', { path });
    throw err;
  }
  return { ok: true, path, draft, carriedFindings: draft.findings.length, imported };
}

/**
 * Findings of the latest round of the room before (date, shift), in the working tree: submitted rounds
 * not yet merged are still there, so their open findings are carried too. A round that does not parse
 * gives none (its own check reports it).
 */
export async function previousRoundFindings(
  root: string,
  room: string,
  date: string,
  shift: string,
  shifts: readonly { id: string }[],
): Promise<Finding[]> {
  const order = shiftOrder(shifts as Parameters<typeof shiftOrder>[0]);
  const ids = shifts.map((s) => s.id);
  const key = (d: string, s: string) => `${d}#${String(order.get(s) ?? 99).padStart(3, '0')}`;
  const target = key(date, shift);
  let best: { path: string; key: string } | null = null;
  for (const path of await listRecordFiles(root)) {
    const parsed = parseRoundPath(path, ids);
    if (!parsed || parsed.room !== room) continue;
    const k = key(parsed.date, parsed.shift);
    if (k < target && (!best || k > best.key)) best = { path, key: k };
  }
  if (!best) return [];
  const source = parseYamlSource(await readFile(join(root, best.path)), best.path);
  if ('problems' in source) return [];
  const findings = (source.data as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) return [];
  return findings.filter(
    (f): f is Finding =>
      typeof f === 'object' && f !== null && typeof (f as Finding).id === 'string' && typeof (f as Finding).equipment === 'string' && (f as Finding).status === 'terbuka',
  );
}

async function importReadings(
  draft: RoundDraft,
  ctx: ScaffoldContext,
  imp: LoggerImport,
  from: string,
  to: string,
  cwd: string,
  done: Set<string>,
): Promise<{ ok: true; draft: RoundDraft; point: string; samples: number } | NewRoundFailure> {
  let bytes: Buffer;
  try {
    bytes = await readFile(isAbsolute(imp.file) ? imp.file : join(cwd, imp.file));
  } catch {
    return fail('usage', 'import-file-missing', { file: imp.file });
  }
  const parsed = parseLoggerExport(bytes, imp.file, { unit: imp.unit });
  if ('problems' in parsed) return fail('invalid', 'import-invalid', { file: imp.file }, parsed.problems);

  const points = ctx.room.sensor_points;
  let point = imp.point;
  if (point === undefined) {
    const matching = points.filter((p) => p.logger?.toLowerCase().includes(parsed.format));
    if (matching.length !== 1) return fail('usage', 'import-point-needed', { file: imp.file, known: points.map((p) => p.id).join(', ') });
    point = matching[0]!.id;
  }
  if (!points.some((p) => p.id === point)) return fail('usage', 'unknown-point', { point, known: points.map((p) => p.id).join(', ') });
  if (done.has(point)) return fail('usage', 'import-point-twice', { point });
  done.add(point);

  const samples = samplesInWindow(parsed.samples, draft.date, from, to);
  if (samples.length === 0) {
    return fail('invalid', 'import-invalid', { file: imp.file }, [problem(imp.file, { line: 1, col: 1 }, 'import-no-samples', { date: draft.date, from, to })]);
  }
  const source = basename(imp.file);
  const rows = samples.map((s) => ({ point: point!, time: s.time, temperature_c: s.temperature_c, humidity_pct: s.humidity_pct, source }));
  const at = draft.readings.findIndex((r) => r.point === point);
  const readings = draft.readings.filter((r) => r.point !== point);
  readings.splice(at < 0 ? readings.length : at, 0, ...rows);
  return { ok: true, draft: { ...draft, readings }, point, samples: rows.length };
}
