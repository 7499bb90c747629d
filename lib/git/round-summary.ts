/**
 * A round in a few lines, for the submit commit (whose message becomes the pull request's description
 * on GitHub/Gitea when the branch has one commit) and the approval merge. Uses lib/evaluate.
 */
import { evaluateRound } from '../evaluate/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { SUMMARY_TEXT } from '../i18n/workflow-messages.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';

export interface RoundSummary {
  subject: string;
  body: string[];
  verdict: 'ok' | 'attention' | 'critical';
}

export function summariseRound(
  round: RoundRecord,
  ctx: { config: ConfigRecord; checklists: ChecklistsRecord; room?: RoomRecord | null },
  lang: Lang = 'id',
): RoundSummary {
  const t = SUMMARY_TEXT[lang];
  const ev = evaluateRound(round, { thresholds: ctx.config.thresholds, checklists: ctx.checklists, room: ctx.room ?? null });
  const assessed = ev.readings.filter((r) => r.assessed);
  const count = (f: (r: (typeof assessed)[number]) => boolean) => assessed.filter(f).length;
  const parts: string[] = [];
  const add = (n: number, text: (n: number) => string) => {
    if (n > 0) parts.push(text(n));
  };
  add(count((r) => r.temperatureLevel === 'critical'), t.tempCritical);
  add(count((r) => r.temperatureLevel === 'warning'), t.tempWarning);
  add(count((r) => r.humidityLevel === 'critical'), t.rhCritical);
  add(count((r) => r.humidityLevel === 'warning'), t.rhWarning);
  add(ev.rateViolations.length, t.rate);
  add(ev.counts.checks.rusak, t.broken);
  add(ev.counts.checks['perlu-perhatian'], t.attention);
  add(ev.counts.checks['tidak-diperiksa'], t.unchecked);
  add(ev.counts.outOfRangeValues, t.valuesOut);
  add(ev.counts.openFindings, t.openFindings);

  const shiftName = round.shift;
  const subject = t.subject(round.room, round.date, shiftName, parts);
  const officer = ctx.config.staff.find((s) => s.id === round.officer);
  const body: string[] = [];
  body.push(`${t.officer}: ${officer ? `${officer.name} (${officer.id})` : round.officer}`);
  body.push(`${t.time}: ${round.started_at}–${round.finished_at ?? '?'} WIB`);
  const s = ev.summary;
  if (s.tempMin !== null && s.tempMax !== null) {
    body.push(`${t.climate}: ${s.tempMin}–${s.tempMax} °C${s.rhMin !== null && s.rhMax !== null ? `, ${s.rhMin}–${s.rhMax} % RH` : ''}`);
  }
  const out = assessed.filter((r) => r.level === 'warning' || r.level === 'critical');
  if (out.length) {
    body.push('', `${t.readingsOut}:`);
    for (const r of out) {
      const raw = round.readings[r.index];
      body.push(`- ${r.point} ${r.time}: ${raw?.temperature_c} °C, ${raw?.humidity_pct} % RH (${t.level[r.level ?? 'normal']})`);
    }
  }
  const devices = new Map((ctx.room?.equipment ?? []).map((e) => [e.id, e.name]));
  const notGood = round.checks.filter((c) => c.status !== 'baik');
  if (notGood.length) {
    body.push('', `${t.devices}:`);
    for (const c of notGood) body.push(`- ${c.equipment}${devices.has(c.equipment) ? ` (${devices.get(c.equipment)})` : ''}: ${c.status}${c.note?.trim() ? ` — ${oneLine(c.note)}` : ''}`);
  }
  if (round.findings?.length) {
    body.push('', `${t.findings}:`);
    for (const f of round.findings) body.push(`- ${f.id} ${f.equipment} (${t.findingStatus[f.status] ?? f.status}): ${oneLine(f.description)}${f.action?.trim() ? ` → ${oneLine(f.action)}` : ''}`);
  }
  return { subject, body, verdict: ev.verdict };
}

const oneLine = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
};
