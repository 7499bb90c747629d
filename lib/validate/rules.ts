import type { Archive, LoadedMaintenance, LoadedRecord } from '../load/archive.ts';
import { MAINTENANCE_RE, parseRoundPath, ROUND_PATH_PATTERN, roundPath } from '../paths.ts';
import { problemAt, type Problem } from '../problems.ts';
import { isRealDate, minutesOf, nowWibTime, todayWib, wibInstant } from '../time.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { evaluateRound, type RoundEvaluation } from '../evaluate/index.ts';
import { formatBand } from '../format/band.ts';
import { own } from '../own.ts';
import { previousRounds, sortRounds } from '../load/round-order.ts';
import { encodeCauses } from '../i18n/deviation-text.ts';
import type { Deviation } from '../evaluate/deviations.ts';
import type { Finding } from '../types.generated.ts';

export interface RuleContext {
  /** Today's date in WIB; injectable so tests are not tied to the clock. */
  today?: string;
  /** The moment of checking, for times after it and late submission (unchecked without it); `today` defaults to its WIB date. */
  now?: Date;
  /**
   * Round files being submitted (new or changed): a deviation without follow-up or a time after `now` is an
   * error for them and, for a deviation, a warning for archived rounds.
   */
  submitting?: ReadonlySet<string>;
}

/**
 * The one set of cross-record rules: what a schema cannot see on one file alone
 * (ids that must exist elsewhere, file names, completeness, follow-up of findings).
 */
export interface RulesResult {
  problems: Problem[];
  /** Each round evaluated once here, by path, so callers (site, review) need not evaluate again. */
  evaluations: Map<string, RoundEvaluation>;
}

export function checkRules(archive: Archive, ctx: RuleContext = {}): RulesResult {
  const out: Problem[] = [];
  const evaluations = new Map<string, RoundEvaluation>();
  const { config, checklists } = archive;
  if (!config || !checklists) return { problems: out, evaluations }; // their absence is reported by the loader
  const now = ctx.now ?? null;
  const today = ctx.today ?? todayWib(now ?? new Date());
  const submitting = ctx.submitting ?? new Set<string>();
  out.push(...configRules(config));
  for (const [id, room] of archive.rooms) out.push(...roomRules(id, room, checklists.data));
  const seen = new Map<string, string>();
  const previous = previousRounds(archive);
  for (const round of archive.rounds) {
    const prev = previous.get(round.path);
    const when = { today, now, submitting: submitting.has(round.path) };
    out.push(...roundRules(round, archive, when, prev ? (prev.data.findings ?? []) : null, evaluations));
    const key = `${round.data.room}|${round.data.date}|${round.data.shift}`;
    const other = seen.get(key);
    if (other) out.push(problemAt(round.path, '/date', 'duplicate-round', { room: round.data.room, date: round.data.date, shift: round.data.shift, other }));
    else seen.set(key, round.path);
  }
  out.push(...findingContinuityRules(archive));
  for (const m of archive.maintenance) out.push(...maintenanceRules(m, archive, today));
  return { problems: out, evaluations };
}

function configRules(config: LoadedRecord<ConfigRecord>): Problem[] {
  const out: Problem[] = [];
  const c = config.data;
  out.push(...duplicates(config.path, '/shifts', c.shifts.map((s) => s.id)));
  out.push(...duplicates(config.path, '/staff', c.staff.map((s) => s.id)));
  out.push(...duplicates(config.path, '/staff', c.staff.map((s) => s.email.toLowerCase())));
  const shiftIds = c.shifts.map((s) => s.id);
  c.schedule.forEach((rule, i) =>
    rule.shifts.forEach((s, j) => {
      if (!shiftIds.includes(s)) out.push(problemAt(config.path, `/schedule/${i}/shifts/${j}`, 'unknown-shift', { shift: s, known: shiftIds.join(', ') }));
    }),
  );
  return out;
}

function roomRules(id: string, room: LoadedRecord<RoomRecord>, checklists: ChecklistsRecord): Problem[] {
  const out: Problem[] = [];
  if (room.data.id !== id) out.push(problemAt(room.path, '/id', 'room-file-mismatch', { id: room.data.id, expected: id }));
  out.push(...duplicates(room.path, '/equipment', room.data.equipment.map((e) => e.id)));
  out.push(...duplicates(room.path, '/sensor_points', room.data.sensor_points.map((p) => p.id)));
  const categories = Object.keys(checklists.categories);
  room.data.equipment.forEach((e, i) => {
    if (!own(checklists.categories, e.category)) out.push(problemAt(room.path, `/equipment/${i}/category`, 'unknown-category', { category: e.category, known: categories.join(', ') }));
  });
  return out;
}

interface When {
  today: string;
  now: Date | null;
  /** The round is being submitted: problems of its own making are errors, not warnings. */
  submitting: boolean;
}

function roundRules(round: LoadedRecord<RoundRecord>, archive: Archive, when: When, previousFindings: Finding[] | null, evaluations: Map<string, RoundEvaluation>): Problem[] {
  const { today } = when;
  const out: Problem[] = [];
  const r = round.data;
  const file = round.path;
  const config = archive.config!.data;
  const checklists = archive.checklists!.data;
  const shiftIds = config.shifts.map((s) => s.id);

  // The file name is the index everyone relies on (DESIGN.md data contract).
  const expected = roundPath(r.room, r.date, r.shift);
  if (file !== expected) {
    const parsed = parseRoundPath(file, shiftIds);
    out.push(parsed ? problemAt(file, '/room', 'path-mismatch', { expected }) : problemAt(file, '', 'bad-path', { pattern: ROUND_PATH_PATTERN, expected }));
  }
  if (!isRealDate(r.date)) out.push(problemAt(file, '/date', 'invalid-date', { date: r.date }));
  else if (r.date > today) out.push(problemAt(file, '/date', 'future-date', { date: r.date, today }));
  if (!shiftIds.includes(r.shift)) out.push(problemAt(file, '/shift', 'unknown-shift', { shift: r.shift, known: shiftIds.join(', ') }));

  const officer = config.staff.find((s) => s.id === r.officer);
  if (!officer) out.push(problemAt(file, '/officer', 'unknown-officer', { officer: r.officer, known: config.staff.map((s) => s.id).join(', ') }));
  else if (officer.role !== 'admin') out.push(problemAt(file, '/officer', 'staff-role', { officer: r.officer, role: officer.role }, 'warning'));

  if (r.finished_at === undefined) out.push(problemAt(file, '', 'missing-finished-at'));
  else if (minutesOf(r.finished_at) < minutesOf(r.started_at)) out.push(problemAt(file, '/finished_at', 'finish-before-start', { started: r.started_at, finished: r.finished_at }));

  const room = archive.rooms.get(r.room)?.data;
  out.push(...timeRules(round, config, when));
  const evaluation = evaluateRound(r, { thresholds: config.thresholds, checklists, room, previousFindings });
  evaluations.set(file, evaluation);
  if (!room) {
    out.push(problemAt(file, '/room', 'unknown-room', { room: r.room, known: [...archive.rooms.keys()].join(', ') }));
    return out; // every id below is checked against the room
  }
  const findings = r.findings ?? [];

  const pointIds = room.sensor_points.map((p) => p.id);
  r.readings.forEach((reading, i) => {
    const at = `/readings/${i}`;
    if (!pointIds.includes(reading.point)) out.push(problemAt(file, `${at}/point`, 'unknown-point', { point: reading.point, room: r.room, known: pointIds.join(', ') }));
    const end = r.finished_at ?? '23:59';
    if (minutesOf(reading.time) < minutesOf(r.started_at) || minutesOf(reading.time) > minutesOf(end)) {
      out.push(problemAt(file, `${at}/time`, 'reading-outside-round', { time: reading.time, started: r.started_at, finished: end }));
    }
  });
  out.push(...followUpRules(file, evaluation, r, when.submitting));

  const equipmentById = new Map(room.equipment.map((e) => [e.id, e]));
  const checked = new Set<string>();
  r.checks.forEach((check, i) => {
    const at = `/checks/${i}`;
    const device = equipmentById.get(check.equipment);
    if (!device) {
      out.push(problemAt(file, `${at}/equipment`, 'unknown-equipment', { equipment: check.equipment, room: r.room, known: [...equipmentById.keys()].join(', ') }));
      return;
    }
    if (checked.has(check.equipment)) out.push(problemAt(file, `${at}/equipment`, 'duplicate-check', { equipment: check.equipment }));
    checked.add(check.equipment);
    const hasNote = Boolean(check.note?.trim());
    if (check.status === 'tidak-diperiksa') {
      if (!hasNote) out.push(problemAt(file, `${at}/status`, 'reason-required', { equipment: check.equipment }));
      return;
    }
    const category = own(checklists.categories, device.category);
    const result = evaluation.checks.find((c) => c.index === i);
    if (!category || !result) return; // an unknown category is reported on the room file
    // A broken device often cannot be measured (a dead UPS has no load); its note says why.
    for (const item of check.status === 'rusak' ? [] : result.missingItems) {
      out.push(problemAt(file, at, 'checklist-item-missing', { equipment: check.equipment, item: item.itemId, label: item.label, type: item.type, unit: item.unit ?? '' }));
    }
    for (const item of result.unknownItems) {
      const where = check.items && item in check.items ? 'items' : 'values';
      out.push(problemAt(file, `${at}/${where}/${item}`, 'checklist-item-unknown', { item, category: device.category, known: category.items.map((x) => x.id).join(', ') }));
    }
    if (check.status === 'baik' && !hasNote) {
      // Values and items below standard on a device called baik: the status contradicts them.
      for (const item of result.items.filter((x) => x.type === 'boolean' && x.value === false)) {
        out.push(problemAt(file, `${at}/items/${item.itemId}`, 'item-not-standard', { equipment: check.equipment, label: item.label }, 'warning'));
      }
    }
  });
  for (const device of room.equipment) {
    if (checked.has(device.id)) continue;
    if (device.retired && device.retired <= r.date) continue;
    if (device.installed && device.installed > r.date) continue;
    out.push(problemAt(file, '/checks', 'device-not-checked', { equipment: device.id, name: device.name }));
  }

  out.push(...duplicates(file, '/findings', findings.map((f) => f.id)));
  findings.forEach((f, i) => {
    if (f.equipment !== undefined && !equipmentById.has(f.equipment)) out.push(problemAt(file, `/findings/${i}/equipment`, 'unknown-equipment', { equipment: f.equipment, room: r.room, known: [...equipmentById.keys()].join(', ') }));
    if (f.equipment === undefined && f.point === undefined) out.push(problemAt(file, `/findings/${i}`, 'finding-without-subject', { id: f.id }));
    if (f.point !== undefined && !pointIds.includes(f.point)) out.push(problemAt(file, `/findings/${i}/point`, 'unknown-point', { point: f.point, room: r.room, known: pointIds.join(', ') }));
    if (f.status === 'selesai' && !f.action?.trim()) out.push(problemAt(file, `/findings/${i}/status`, 'closed-finding-without-action', { id: f.id }));
  });
  (r.amendments ?? []).forEach((a, i) => {
    if (!config.staff.some((s) => s.id === a.by)) out.push(problemAt(file, `/amendments/${i}/by`, 'unknown-officer', { officer: a.by, known: config.staff.map((s) => s.id).join(', ') }));
  });
  return out;
}

/**
 * The round rules on a round whose schema check failed, as far as its data allows: the admin then learns of
 * every problem at once. Data of the wrong shape may make a rule fail; what it found until then is kept.
 */
export function partialRoundProblems(round: LoadedRecord<RoundRecord>, archive: Archive, ctx: RuleContext = {}): Problem[] {
  if (!archive.config || !archive.checklists) return [];
  const r = round.data as unknown as Record<string, unknown>;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.readings) || !Array.isArray(r.checks)) return [];
  const now = ctx.now ?? null;
  const when = { today: ctx.today ?? todayWib(now ?? new Date()), now, submitting: ctx.submitting?.has(round.path) ?? false };
  const prev = previousRounds({ ...archive, rounds: [...archive.rounds.filter((x) => x.path !== round.path), round] }).get(round.path);
  try {
    return roundRules(round, archive, when, prev ? (prev.data.findings ?? []) : null, new Map());
  } catch {
    return [];
  }
}

/** An open finding must be carried into the next round of its room, and keep its device. */
function findingContinuityRules(archive: Archive): Problem[] {
  const out: Problem[] = [];
  const byRoom = new Map<string, LoadedRecord<RoundRecord>[]>();
  for (const round of sortRounds(archive)) {
    const list = byRoom.get(round.data.room) ?? [];
    list.push(round);
    byRoom.set(round.data.room, list);
  }
  for (const rounds of byRoom.values()) {
    const equipmentOf = new Map<string, string | undefined>();
    for (let i = 0; i < rounds.length; i++) {
      const round = rounds[i]!;
      const findings = round.data.findings ?? [];
      findings.forEach((f, j) => {
        const before = equipmentOf.get(f.id);
        if (before && f.equipment && before !== f.equipment) out.push(problemAt(round.path, `/findings/${j}/equipment`, 'finding-equipment-changed', { id: f.id, before, after: f.equipment }));
        equipmentOf.set(f.id, f.equipment);
      });
      const prev = rounds[i - 1];
      if (!prev) continue;
      const ids = new Set(findings.map((f) => f.id));
      for (const f of prev.data.findings ?? []) {
        if (f.status === 'terbuka' && !ids.has(f.id)) {
          out.push(problemAt(round.path, '/findings', 'finding-dropped', { id: f.id, previous: `${prev.data.date} ${prev.data.shift}` }, 'warning'));
        }
      }
    }
  }
  return out;
}

function maintenanceRules(m: LoadedMaintenance, archive: Archive, today: string): Problem[] {
  const out: Problem[] = [];
  const d = m.data;
  const match = MAINTENANCE_RE.exec(m.path);
  if (!match) out.push(problemAt(m.path, '', 'bad-path', { pattern: 'records/maintenance/YYYY/YYYY-MM-DD-<judul>.md' }));
  else if (match[2] !== d.date || match[1] !== d.date.slice(0, 4)) out.push(problemAt(m.path, '/date', 'path-mismatch', { expected: `records/maintenance/${d.date.slice(0, 4)}/${d.date}-${match[4]}.md` }));
  if (!isRealDate(d.date)) out.push(problemAt(m.path, '/date', 'invalid-date', { date: d.date }));
  else if (d.date > today) out.push(problemAt(m.path, '/date', 'future-date', { date: d.date, today }));
  const config = archive.config!.data;
  if (!config.staff.some((s) => s.id === d.officer)) out.push(problemAt(m.path, '/officer', 'unknown-officer', { officer: d.officer, known: config.staff.map((s) => s.id).join(', ') }));
  const room = archive.rooms.get(d.room)?.data;
  if (!room) {
    out.push(problemAt(m.path, '/room', 'unknown-room', { room: d.room, known: [...archive.rooms.keys()].join(', ') }));
    return out;
  }
  const ids = room.equipment.map((e) => e.id);
  d.equipment.forEach((e, i) => {
    if (!ids.includes(e)) out.push(problemAt(m.path, `/equipment/${i}`, 'unknown-equipment', { equipment: e, room: d.room, known: ids.join(', ') }));
  });
  return out;
}

function duplicates(file: string, listPointer: string, ids: string[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) out.push(problemAt(file, `${listPointer}/${i}`, 'duplicate-id', { id }));
    seen.add(id);
  });
  return out;
}

/**
 * Every deviation needs a follow-up (its own note, or a finding new or changed in this round naming its point
 * or device): an error for a round being submitted, a warning for an archived one. One problem per reading
 * or device, naming every cause.
 */
function followUpRules(file: string, evaluation: RoundEvaluation, r: RoundRecord, submitting: boolean): Problem[] {
  const severity = submitting ? 'error' : 'warning';
  const open = new Map<string, Deviation[]>();
  for (const d of evaluation.deviations) {
    if (d.followUp || d.kind === 'open-finding' || d.cause.code === 'status-tidak-diperiksa') continue;
    const key = d.point !== null ? `/readings/${d.pointer.split('/')[2]}` : `/checks/${d.pointer.split('/')[2]}`;
    open.set(key, [...(open.get(key) ?? []), d]);
  }
  const out: Problem[] = [];
  for (const [at, ds] of open) {
    const first = ds[0]!;
    const level = ds.some((d) => d.level === 'critical') ? 'critical' : 'warning';
    if (first.point !== null) {
      const reading = r.readings[Number(at.split('/')[2])];
      out.push(problemAt(file, at, 'reading-needs-note', { point: first.point, time: first.time ?? '', level, causes: encodeCauses(ds), detail: `${reading?.temperature_c} °C, ${reading?.humidity_pct} % RH` }, severity));
    } else {
      const status = r.checks[Number(at.split('/')[2])]?.status ?? '';
      out.push(problemAt(file, status === 'baik' ? first.pointer : `${at}/status`, status === 'baik' ? 'value-out-of-range' : 'note-required', { equipment: first.equipment ?? '', status, level, causes: encodeCauses(ds) }, severity));
    }
  }
  return out;
}

/**
 * Times a round's own form gives: after the moment of checking (an error when submitting: a clock or a typo),
 * a start outside its shift's window, and a submission long after the round was finished (warnings).
 */
function timeRules(round: LoadedRecord<RoundRecord>, config: ConfigRecord, when: When): Problem[] {
  const r = round.data;
  const out: Problem[] = [];
  if (!isRealDate(r.date)) return out;
  const now = when.now;
  const nowWib = now && { date: todayWib(now), time: nowWibTime(now) };
  if (when.submitting && nowWib && r.date === nowWib.date) {
    const times: [string, string | undefined][] = [['/started_at', r.started_at], ['/finished_at', r.finished_at], ...r.readings.map((x, i) => [`/readings/${i}/time`, x.time] as [string, string])];
    for (const [at, time] of times) {
      if (time && /^\d{2}:\d{2}$/.test(time) && minutesOf(time) > minutesOf(nowWib.time)) out.push(problemAt(round.path, at, 'time-in-future', { time, now: nowWib.time }));
    }
  }
  const shift = config.shifts.find((s) => s.id === r.shift);
  if (shift && /^\d{2}:\d{2}$/.test(r.started_at ?? '') && (minutesOf(r.started_at) < minutesOf(shift.start) || minutesOf(r.started_at) > minutesOf(shift.end))) {
    out.push(problemAt(round.path, '/started_at', 'outside-shift', { started: r.started_at, shift: shift.name, start: shift.start, end: shift.end }, 'warning'));
  }
  // SOP step 4: the form goes to the section for archiving within archiving_min of the round.
  const standard = config.sop_time_standards.archiving_min;
  if (when.submitting && now && r.finished_at && /^\d{2}:\d{2}$/.test(r.finished_at)) {
    const late = Math.round((now.getTime() - wibInstant(r.date, r.finished_at).getTime()) / 60_000);
    if (late > standard) out.push(problemAt(round.path, '/finished_at', 'late-submit', { late, standard }, 'warning'));
  }
  return out;
}
