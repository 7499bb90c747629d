import type { Archive, LoadedMaintenance, LoadedRecord } from '../load/archive.ts';
import { MAINTENANCE_RE, parseRoundPath, ROUND_PATH_PATTERN, roundPath } from '../paths.ts';
import { problemAt, type Problem } from '../problems.ts';
import { isRealDate, minutesOf, todayWib } from '../time.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { evaluateRound, type RoundEvaluation } from '../evaluate/index.ts';
import { formatBand } from '../format/band.ts';
import { own } from '../own.ts';

export interface RuleContext {
  /** Today's date in WIB; injectable so tests are not tied to the clock. */
  today?: string;
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
  const today = ctx.today ?? todayWib();
  out.push(...configRules(config));
  for (const [id, room] of archive.rooms) out.push(...roomRules(id, room, checklists.data));
  const seen = new Map<string, string>();
  for (const round of archive.rounds) {
    out.push(...roundRules(round, archive, today, evaluations));
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

function roundRules(round: LoadedRecord<RoundRecord>, archive: Archive, today: string, evaluations: Map<string, RoundEvaluation>): Problem[] {
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
  const evaluation = evaluateRound(r, { thresholds: config.thresholds, checklists, room });
  evaluations.set(file, evaluation);
  if (!room) {
    out.push(problemAt(file, '/room', 'unknown-room', { room: r.room, known: [...archive.rooms.keys()].join(', ') }));
    return out; // every id below is checked against the room
  }
  const findings = r.findings ?? [];
  const findingFor = (equipment: string) => findings.some((f) => f.equipment === equipment);

  const pointIds = room.sensor_points.map((p) => p.id);
  r.readings.forEach((reading, i) => {
    const at = `/readings/${i}`;
    if (!pointIds.includes(reading.point)) out.push(problemAt(file, `${at}/point`, 'unknown-point', { point: reading.point, room: r.room, known: pointIds.join(', ') }));
    const end = r.finished_at ?? '23:59';
    if (minutesOf(reading.time) < minutesOf(r.started_at) || minutesOf(reading.time) > minutesOf(end)) {
      out.push(problemAt(file, `${at}/time`, 'reading-outside-round', { time: reading.time, started: r.started_at, finished: end }));
    }
    const level = evaluation.readings.find((e) => e.index === i)?.level;
    if (level && level !== 'normal' && !reading.note?.trim() && findings.length === 0) {
      out.push(problemAt(file, at, 'reading-needs-note', { point: reading.point, time: reading.time, detail: `${reading.temperature_c} °C, ${reading.humidity_pct} % RH` }));
    }
  });

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
    if (check.status !== 'baik' && !hasNote && !findingFor(check.equipment)) {
      out.push(problemAt(file, `${at}/status`, 'note-required', { equipment: check.equipment, status: check.status }));
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
      for (const item of result.outOfRange) {
        out.push(problemAt(file, `${at}/values/${item.itemId}`, 'value-out-of-range', { equipment: check.equipment, label: item.label, value: String(item.value), unit: item.unit ? ` ${item.unit}` : '', range: formatBand(item) }));
      }
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
    if (!equipmentById.has(f.equipment)) out.push(problemAt(file, `/findings/${i}/equipment`, 'unknown-equipment', { equipment: f.equipment, room: r.room, known: [...equipmentById.keys()].join(', ') }));
    if (f.status === 'selesai' && !f.action?.trim()) out.push(problemAt(file, `/findings/${i}/status`, 'closed-finding-without-action', { id: f.id }));
  });
  (r.amendments ?? []).forEach((a, i) => {
    if (!config.staff.some((s) => s.id === a.by)) out.push(problemAt(file, `/amendments/${i}/by`, 'unknown-officer', { officer: a.by, known: config.staff.map((s) => s.id).join(', ') }));
  });
  return out;
}

/** An open finding must be carried into the next round of its room, and keep its device. */
function findingContinuityRules(archive: Archive): Problem[] {
  const out: Problem[] = [];
  const byRoom = new Map<string, LoadedRecord<RoundRecord>[]>();
  for (const round of archive.rounds) {
    const list = byRoom.get(round.data.room) ?? [];
    list.push(round);
    byRoom.set(round.data.room, list);
  }
  const shiftOrder = archive.config!.data.shifts.map((s) => s.id);
  for (const rounds of byRoom.values()) {
    rounds.sort((a, b) => a.data.date.localeCompare(b.data.date) || shiftOrder.indexOf(a.data.shift) - shiftOrder.indexOf(b.data.shift));
    const equipmentOf = new Map<string, string>();
    for (let i = 0; i < rounds.length; i++) {
      const round = rounds[i]!;
      const findings = round.data.findings ?? [];
      findings.forEach((f, j) => {
        const before = equipmentOf.get(f.id);
        if (before && before !== f.equipment) out.push(problemAt(round.path, `/findings/${j}/equipment`, 'finding-equipment-changed', { id: f.id, before, after: f.equipment }));
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



