/**
 * `npm run new -- --interactive`: walks the admin through the readings, the device checks, the carried
 * findings and the finish time in the terminal, then the same file as the plain form is written.
 *
 * The questions go through an `Asker`; `inquirerAsker()` implements it with @inquirer/prompts. A
 * `contextFor` factory gives each prompt its input/output streams (tests drive real prompts this way).
 */
import { confirm, input, number, select } from '@inquirer/prompts';
import { evaluateReading, resolveThresholds } from '../evaluate/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { PROMPT_TEXT } from '../i18n/workflow-messages.ts';
import { minutesOf, nowWibTime, todayWib } from '../time.ts';
import type { CheckStatus, DraftCheck, RoundDraft, ScaffoldContext } from './build-round.ts';
import { formatBand } from '../format/band.ts';
import { own } from '../own.ts';

/** The streams and options one prompt runs with (the second argument of every @inquirer prompt). */
export type PromptContext = NonNullable<Parameters<typeof input>[1]>;

export interface Asker {
  input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  number(q: { message: string; default?: number; min?: number; max?: number; required: boolean }): Promise<number | undefined>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  select<T extends string>(q: { message: string; choices: { value: T; name: string }[]; default?: T }): Promise<T>;
}

/** The Asker over @inquirer/prompts; `contextFor` gives each prompt its streams (default: the terminal). */
export function inquirerAsker(contextFor: () => PromptContext | undefined = () => undefined): Asker {
  return {
    input: (q) => input({ message: q.message, default: q.default, validate: q.validate }, contextFor()),
    number: (q) => number({ message: q.message, default: q.default, min: q.min, max: q.max, required: q.required, step: 'any' }, contextFor()),
    confirm: (q) => confirm({ message: q.message, default: q.default }, contextFor()),
    select: <T extends string>(q: { message: string; choices: { value: T; name: string }[]; default?: T }) =>
      select<T>({ message: q.message, choices: q.choices, default: q.default }, contextFor()) as Promise<T>,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const STATUSES: CheckStatus[] = ['baik', 'perlu-perhatian', 'rusak', 'tidak-diperiksa'];

export async function fillInteractively(
  draft: RoundDraft,
  ctx: ScaffoldContext,
  ask: Asker,
  opts: { lang?: Lang; now?: Date; log?: (line: string) => void } = {},
): Promise<RoundDraft> {
  const lang = opts.lang ?? 'id';
  const t = PROMPT_TEXT[lang];
  const now = opts.now ?? new Date();
  const { config, checklists, room } = ctx;
  const thresholds = resolveThresholds(config.thresholds, room.thresholds);
  const shiftName = config.shifts.find((s) => s.id === draft.shift)?.name ?? draft.shift;
  opts.log?.(t.intro(room.name, draft.date, shiftName));
  const required = (v: string) => (v.trim() ? true : t.required);
  const validTime = (v: string) => (TIME.test(v.trim()) ? true : t.invalidTime);

  // Readings: one per sensor point (imported rows are kept as they are).
  const readings = [];
  for (const r of draft.readings) {
    if (r.temperature_c !== null && r.humidity_pct !== null) {
      readings.push(r);
      continue;
    }
    const point = room.sensor_points.find((p) => p.id === r.point);
    const name = point?.name ?? r.point;
    const outlet = point?.position === 'outlet';
    const time = (await ask.input({ message: t.readingTime(name), default: r.time, validate: validTime })).trim();
    const temperature_c = (await ask.number({ message: t.temperature(name, outlet ? '' : formatBand(thresholds.temperature_c.normal)), min: -20, max: 60, required: true }))!;
    const humidity_pct = (await ask.number({ message: t.humidity(name, outlet ? '' : formatBand(thresholds.humidity_pct.normal)), min: 0, max: 100, required: true }))!;
    const reading: RoundDraft['readings'][number] = { point: r.point, time, temperature_c, humidity_pct };
    if (!outlet && evaluateReading(reading, thresholds).level !== 'normal') {
      reading.note = (await ask.input({ message: t.readingNote(name), validate: required })).trim();
    }
    readings.push(reading);
  }

  // Checks: the condition of each device, then its checklist items.
  const devices = new Map(room.equipment.map((e) => [e.id, e]));
  const checks: DraftCheck[] = [];
  for (const c of draft.checks) {
    const device = devices.get(c.equipment);
    const name = device ? `${device.name} (${device.id})` : c.equipment;
    const status = await ask.select<CheckStatus>({
      message: t.status(name),
      choices: STATUSES.map((s) => ({ value: s, name: t.statusChoices[s] ?? s })),
      default: c.status,
    });
    const check = { equipment: c.equipment, status } as DraftCheck; // note is set last, after the items
    if (status === 'tidak-diperiksa') {
      check.note = (await ask.input({ message: t.reason(name), validate: required })).trim();
      checks.push(check);
      continue;
    }
    let notStandard = false;
    const items = device ? (own(checklists.categories, device.category)?.items ?? []) : [];
    for (const item of items) {
      const label = lang === 'en' ? (item.label_en ?? item.label) : item.label;
      if (item.type === 'boolean') {
        if (item.required === false) continue;
        const ok = await ask.confirm({ message: t.booleanItem(name, label), default: true });
        (check.items ??= {})[item.id] = ok;
        if (!ok) notStandard = true;
      } else {
        const value = await ask.number({
          message: `${t.numberItem(name, label, item.unit ?? '', formatBand(item))}${item.required === false ? ` — ${t.optionalNumber}` : ''}`,
          required: item.required !== false,
        });
        if (value === undefined) continue;
        (check.values ??= {})[item.id] = value;
        if ((item.min != null && value < item.min) || (item.max != null && value > item.max)) notStandard = true;
      }
    }
    check.note = status !== 'baik' || notStandard ? (await ask.input({ message: t.note(name), validate: required })).trim() : '';
    checks.push(check);
  }

  // Findings carried from the previous round, then new ones.
  const findings = [];
  for (const f of draft.findings) {
    if (f.status === 'terbuka' && !(await ask.confirm({ message: t.findingOpen(f.id, f.description), default: true }))) {
      const action = (await ask.input({ message: t.findingAction(f.id), validate: required })).trim();
      findings.push({ ...f, status: 'selesai' as const, action, closed_on: draft.date });
    } else {
      findings.push(f);
    }
  }
  const year = draft.date.slice(0, 4);
  let next = Math.max(0, ...findings.map((f) => (f.id.startsWith(`T-${year}-`) ? Number(f.id.slice(7)) || 0 : 0))) + 1;
  while (await ask.confirm({ message: t.addFinding, default: false })) {
    const equipment = await ask.select<string>({
      message: t.findingEquipment,
      choices: checks.map((c) => ({ value: c.equipment, name: devices.get(c.equipment)?.name ?? c.equipment })),
    });
    const description = (await ask.input({ message: t.findingDescription, validate: required })).trim();
    findings.push({ id: `T-${year}-${String(next++).padStart(3, '0')}`, equipment, description, status: 'terbuka' as const, raised_on: draft.date });
  }

  const defaultEnd = draft.finished_at ?? (draft.date === todayWib(now) ? nowWibTime(now) : undefined);
  const finished_at = (
    await ask.input({
      message: t.finishedAt,
      default: defaultEnd,
      validate: (v) => (validTime(v) !== true ? t.invalidTime : minutesOf(v.trim()) < minutesOf(draft.started_at) ? `≥ ${draft.started_at}` : true),
    })
  ).trim();

  return { ...draft, readings, checks, findings, finished_at };
}

