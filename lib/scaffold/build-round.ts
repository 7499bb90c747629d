/**
 * The pre-filled round form (pure): `draftRound` builds the data of an unfilled round from the room,
 * the checklists and the previous round; `renderRound` writes it as YAML with the labels, units and
 * standard ranges as comments, for the admin to fill in an editor with the YAML language server.
 *
 * An unfilled form cannot pass `npm run check`: every measurement is `null` (schema: "belum diisi"),
 * and so is `finished_at` (the schema wants HH:MM), so the admin sees the field to fill in the file
 * instead of an error about a missing one.
 */
import { Document, isMap, isPair, isScalar, type Pair, type Scalar, type YAMLMap, type YAMLSeq, visit } from 'yaml';
import { resolveThresholds } from '../evaluate/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { SCAFFOLD_TEXT } from '../i18n/workflow-messages.ts';
import type { ChecklistsRecord, ConfigRecord, Finding, RoomRecord } from '../types.generated.ts';
import { formatBand } from '../format/band.ts';
import { own } from '../own.ts';

export type CheckStatus = 'baik' | 'perlu-perhatian' | 'rusak' | 'tidak-diperiksa';

export interface DraftReading {
  point: string;
  time: string;
  temperature_c: number | null;
  humidity_pct: number | null;
  source?: string;
  note?: string;
}
export interface DraftCheck {
  equipment: string;
  status: CheckStatus;
  items?: Record<string, boolean | null>;
  values?: Record<string, number | null>;
  note: string;
}
/** A round as the form holds it: the round record with blanks (null) where the admin fills in. */
export interface RoundDraft {
  room: string;
  date: string;
  shift: string;
  officer: string;
  started_at: string;
  finished_at: string | null;
  readings: DraftReading[];
  checks: DraftCheck[];
  findings: Finding[];
  notes?: string;
}

export interface ScaffoldContext {
  config: ConfigRecord;
  checklists: ChecklistsRecord;
  /** The room record; its id is the file name. */
  room: RoomRecord;
}

export interface DraftInput {
  room: string;
  date: string;
  shift: string;
  officer: string;
  startedAt: string;
  finishedAt?: string | null;
  /** Findings of the latest earlier round of the room: the open ones are carried forward unchanged. */
  previousFindings?: readonly Finding[] | null;
}

type Equipment = RoomRecord['equipment'][number];

/** Devices in service on a date: installed on or before it and not yet retired (rules.ts uses the same test). */
export function activeEquipment(room: RoomRecord, date: string): Equipment[] {
  return room.equipment.filter((e) => !(e.retired && e.retired <= date) && !(e.installed && e.installed > date));
}

export function draftRound(input: DraftInput, ctx: ScaffoldContext): RoundDraft {
  const readings: DraftReading[] = ctx.room.sensor_points.map((p) => ({ point: p.id, time: input.startedAt, temperature_c: null, humidity_pct: null }));
  const checks: DraftCheck[] = activeEquipment(ctx.room, input.date).map((e) => {
    const check: DraftCheck = { equipment: e.id, status: 'baik' } as DraftCheck;
    const items = own(ctx.checklists.categories, e.category)?.items ?? [];
    const booleans = items.filter((i) => i.type === 'boolean' && i.required !== false);
    const numbers = items.filter((i) => i.type === 'number' && i.required !== false);
    if (booleans.length) check.items = Object.fromEntries(booleans.map((i) => [i.id, null]));
    if (numbers.length) check.values = Object.fromEntries(numbers.map((i) => [i.id, null]));
    check.note = ''; // last, as on the paper form
    return check;
  });
  const findings = (input.previousFindings ?? []).filter((f) => f.status === 'terbuka').map((f) => structuredClone(f));
  return {
    room: input.room,
    date: input.date,
    shift: input.shift,
    officer: input.officer,
    started_at: input.startedAt,
    finished_at: input.finishedAt ?? null,
    readings,
    checks,
    findings,
  };
}

export const SCHEMA_COMMENT = ' yaml-language-server: $schema=../../../../schemas/round.schema.json';

/** The draft as YAML text; the first line points the YAML language server to the round schema. */
export function renderRound(draft: RoundDraft, ctx: ScaffoldContext, lang: Lang = 'id'): string {
  const t = SCAFFOLD_TEXT[lang];
  const { config, checklists, room } = ctx;
  const shift = config.shifts.find((s) => s.id === draft.shift);
  const officer = config.staff.find((s) => s.id === draft.officer);
  const thresholds = resolveThresholds(config.thresholds, room.thresholds);

  const data: Record<string, unknown> = { ...draft };
  if (data.notes === undefined) delete data.notes;
  const doc = new Document(data, { version: '1.2' });
  doc.commentBefore = [SCHEMA_COMMENT, ...t.header(room.name, draft.date, shift?.name ?? draft.shift)].join('\n');

  // Dates, times and empty texts in quotes: a YAML 1.1 reader would take 08:30 for a number.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && (node.value === '' || /^\d/.test(node.value))) node.type = 'QUOTE_DOUBLE';
    },
  });

  const top = doc.contents as YAMLMap;
  const topPair = (key: string) => top.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair<Scalar, unknown> | undefined;
  const valueOf = (map: YAMLMap, key: string) => map.get(key, true) as Scalar | undefined;
  const comment = (node: Scalar | undefined, text: string) => {
    if (node) node.comment = ` ${text}`;
  };

  comment(valueOf(top, 'officer'), officer?.name ?? '');
  comment(valueOf(top, 'started_at'), t.startedAt);
  comment(valueOf(top, 'finished_at'), t.finishedAt);
  const readingsKey = topPair('readings')?.key;
  if (readingsKey) readingsKey.commentBefore = ` ${t.readingsTitle}`;
  const checksKey = topPair('checks')?.key;
  if (checksKey) checksKey.commentBefore = ` ${t.checksTitle}`;
  const findingsKey = topPair('findings')?.key;
  if (findingsKey) findingsKey.commentBefore = ` ${t.findingsTitle}`;

  const points = new Map(room.sensor_points.map((p) => [p.id, p]));
  for (const node of (top.get('readings') as YAMLSeq).items) {
    if (!isMap(node)) continue;
    const point = points.get(String(node.get('point')));
    comment(valueOf(node, 'point'), point?.name ?? '');
    if (point?.position === 'outlet') {
      comment(valueOf(node, 'temperature_c'), t.outletTemperature);
      comment(valueOf(node, 'humidity_pct'), '% RH');
    } else {
      comment(valueOf(node, 'temperature_c'), t.temperature(formatBand(thresholds.temperature_c.normal)));
      comment(valueOf(node, 'humidity_pct'), t.humidity(formatBand(thresholds.humidity_pct.normal)));
    }
  }

  const devices = new Map(room.equipment.map((e) => [e.id, e]));
  const checksNodes = (top.get('checks') as YAMLSeq).items;
  checksNodes.forEach((node, index) => {
    if (!isMap(node)) return;
    const device = devices.get(String(node.get('equipment')));
    if (!device) return;
    const category = own(checklists.categories, device.category);
    const categoryName = category ? (lang === 'en' ? (category.name_en ?? category.name) : category.name) : device.category;
    node.commentBefore = ` ── ${index + 1}. ${device.name} (${categoryName}) ──`;
    comment(valueOf(node, 'status'), t.status);
    comment(valueOf(node, 'note'), t.note);
    const items = category?.items ?? [];
    const label = (i: (typeof items)[number]) => (lang === 'en' ? (i.label_en ?? i.label) : i.label);
    for (const mapKey of ['items', 'values'] as const) {
      const map = node.get(mapKey, true);
      if (!isMap(map)) continue;
      for (const item of items) {
        const value = map.get(item.id, true) as Scalar | undefined;
        if (!value) continue;
        comment(value, item.type === 'boolean' ? t.booleanItem(label(item)) : t.numberItem(label(item), item.unit ?? '', formatBand(item)));
      }
    }
    const optional = items.filter((i) => i.required === false);
    if (optional.length) {
      node.comment = optional
        .map((i) => ` ${t.optionalItem(i.id, i.type === 'boolean' ? 'items' : 'values', label(i), i.unit ?? '', i.type === 'number' ? formatBand(i) : '')}`)
        .join('\n');
    }
  });

  return doc.toString({ lineWidth: 0 });
}

