import { formatBand, formatDate, formatDuration, formatNumber, formatNumberLoose } from '../format/index.ts';
import { problemText } from '../i18n/problem-messages.ts';
import type { Lang } from '../i18n/lang.ts';
import { REVIEW_TEXT } from '../i18n/review-messages.ts';
import type { Problem } from '../problems.ts';
import type { RoundTiming } from '../timing/index.ts';
import type { RoundReview } from './round-review.ts';

/** Hidden marker: the CI step finds and updates its own comment instead of adding a new one. */
export const REVIEW_MARKER = '<!-- ronda-review -->';

export interface ReviewDocument {
  rounds: RoundReview[];
  /** SOP timing per round path (lib/timing), and the standard for checking alone. */
  timing: Map<string, RoundTiming>;
  inspectionMin?: number;
  /** check problems of the changed files, and --against integrity problems. */
  problems: Problem[];
  integrity: Problem[];
  /** The commit this summary was made from (the pull request's head), and its branch. */
  reviewed?: { commit: string; branch: string | null };
  /** Maintenance records the pull request adds, changes or deletes. */
  maintenance?: { path: string; change: 'added' | 'modified' | 'deleted'; title: string | null }[];
}

// Every text from a record goes through one of these. A cell: no line break (a new line could start an HTML
// comment that hides the rest, or a `::command` in the job log), no HTML, no table break, no emphasis.
const cell = (s: string) =>
  String(s)
    .replace(/[\r\n\u2028\u2029\v\f]+/g, ' ')
    .replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)
    .replace(/[|*_`[\]\\]/g, (c) => `\\${c}`);
// A code span (paths, ids): one line, no backtick to close it early.
const code = (s: string) => `\`${String(s).replace(/[\r\n\u2028\u2029\v\f`]+/g, '?')}\``;


const signed = (v: number | null, lang: Lang) => (v == null ? '–' : `${v > 0 ? '+' : ''}${formatNumber(v, lang)}`);

export function renderReview(doc: ReviewDocument, lang: Lang): string {
  const t = REVIEW_TEXT[lang];
  const out: string[] = [REVIEW_MARKER, `## ${t.title}`, ''];
  if (doc.reviewed) out.push(t.reviewedAt(code(doc.reviewed.commit), doc.reviewed.branch ? code(`npm run approve -- ${doc.reviewed.branch} ${doc.reviewed.commit}`) : null), '');
  // A rule change riding along with rounds is the first thing the kasi must see: approving one approves both.
  for (const p of doc.integrity.filter((x) => x.code === 'governance-mixed')) out.push(`> 🛑 **${cell(problemText(p, lang).message)}** (${code(p.file)}). ${cell(problemText(p, lang).fix)}`, '');
  if (doc.rounds.length === 0) out.push(t.noRounds, '');

  for (const r of doc.rounds) {
    out.push(`### ${t.verdict[r.verdict]} · ${t.round(cell(r.roomName), formatDate(r.date, lang), cell(r.shift))} (${r.change === 'added' ? t.added : t.modified})`);
    out.push(`${code(r.path)} · ${t.officerLine(cell(r.officer), cell(r.startedAt), cell(r.finishedAt ?? '?'))}`, '');
    if (r.recordedBy) out.push(t.recordedBy(cell(r.recordedBy), cell(r.officer)), '');

    out.push(`#### ${t.readingsHeading}`);
    if (r.excursions.length === 0 && r.rateViolations.length === 0) out.push(t.readingsNone);
    if (r.excursions.length) {
      out.push(`| ${t.readingsCols.join(' | ')} |`, `|${t.readingsCols.map(() => '---').join('|')}|`);
      for (const e of r.excursions) {
        out.push(`| ${cell(e.point)} | ${cell(e.time)} | ${formatNumber(e.temperatureC, lang)} | ${formatNumberLoose(e.humidityPct, lang, 1)} | ${formatNumber(e.dewPointC, lang)} | ${t.level[e.level] ?? e.level} | ${cell(e.note)} |`);
      }
    }
    for (const v of r.rateViolations) out.push(`- ${t.rate(cell(v.point), cell(v.from), cell(v.to), signed(v.deltaC, lang))}`);
    out.push('');

    out.push(`#### ${t.devicesHeading}`);
    if (r.devicesNotOk.length === 0 && r.outOfRange.length === 0) out.push(t.devicesNone);
    if (r.devicesNotOk.length) {
      out.push(`| ${t.devicesCols.join(' | ')} |`, '|---|---|---|');
      for (const d of r.devicesNotOk) out.push(`| ${cell(d.name)} (${code(d.equipment)}) | **${cell(d.status)}** | ${cell(d.note)} |`);
    }
    for (const o of r.outOfRange) {
      out.push(`- ${t.outOfRange(cell(o.equipment), cell(o.label), `${typeof o.value === 'number' ? formatNumberLoose(o.value, lang) : String(o.value)}${o.unit ? ` ${o.unit}` : ''}`, formatBand(o, (n) => formatNumberLoose(n, lang)))}`);
    }
    out.push('');

    out.push(`#### ${t.findingsHeading}`);
    const findings = [
      ...r.newFindings.map((f) => [t.newFinding, f] as const),
      ...r.closedFindings.filter((f) => !r.newFindings.includes(f)).map((f) => [t.closedFinding, f] as const),
      ...r.stillOpen.map((f) => [t.openFinding, f] as const),
    ];
    if (findings.length === 0) out.push(t.findingsNone);
    for (const [label, f] of findings) {
      out.push(`- **${cell(f.id)}** (${label}) · ${[f.equipment, f.point].filter(Boolean).map((x) => code(x!)).join(' · ')} · ${cell(f.description)}${f.action ? ` → ${cell(f.action)}` : ''}`);
    }
    out.push('');

    out.push(`#### ${t.sinceHeading}`);
    const s = r.sincePrevious;
    if (!s.previous) out.push(t.sinceNone);
    else {
      out.push(t.sincePrev(formatDate(s.previous.date, lang), cell(s.previous.shift)));
      for (const c of s.statusChanges) out.push(`- ${t.statusChange(cell(c.equipment), cell(c.from), cell(c.to))}`);
      out.push(t.meanDelta(signed(s.tempMeanDelta, lang), signed(s.rhMeanDelta, lang)));
    }
    out.push('');

    const timing = doc.timing.get(r.path);
    if (timing) out.push(`#### ${t.timingHeading}`, ...timingLines(timing, doc.inspectionMin ?? 60, lang).map((l) => `- ${l}`), '');
  }

  if (doc.maintenance?.length) {
    out.push(`### ${t.maintenanceHeading}`);
    for (const m of doc.maintenance) out.push(`- ${t.maintenanceChange[m.change]}: ${m.title ? `${cell(m.title)} ` : ''}(${code(m.path)})`);
    out.push('');
  }
  if (doc.integrity.length) {
    out.push(`### ${t.integrityHeading}`);
    for (const p of doc.integrity) out.push(`- ${p.severity === 'error' ? '🛑' : '⚠️'} ${code(`${p.file}:${p.line}`)} ${cell(problemText(p, lang).message)}`);
    out.push('');
  }
  out.push(`### ${t.problemsHeading}`);
  if (doc.problems.length === 0) out.push(t.problemsNone);
  for (const p of doc.problems) {
    const { message, fix } = problemText(p, lang);
    out.push(`- ${p.severity === 'error' ? '🛑' : '⚠️'} ${code(`${p.file}:${p.line}`)} ${cell(message)}${fix ? ` — ${cell(fix)}` : ''}`);
  }
  out.push('', `<sub>${t.footer}</sub>`, '');
  return out.join('\n');
}

function timingLines(timing: RoundTiming, inspectionMin: number, lang: Lang): string[] {
  const t = REVIEW_TEXT[lang];
  const lines: string[] = [];
  if (timing.work.minutes !== null) lines.push(t.timingWork(formatDuration(timing.work.minutes, lang), formatDuration(timing.work.limit, lang), timing.work.exceeded));
  if (timing.checkingOverHour) lines.push(t.timingCheckingOverHour(formatDuration(inspectionMin, lang)));
  if (timing.deviations.includes('submitted-before-finish')) lines.push(t.timingSubmittedBeforeFinish);
  else if (timing.handover.minutes !== null) lines.push(t.timingHandover(formatDuration(timing.handover.minutes, lang)));
  if (timing.deviations.includes('time-unverified')) lines.push(t.timingUnverified);
  else if (timing.archiving.limit !== null) lines.push(t.timingArchiving(formatDuration(timing.archiving.limit, lang)));
  return lines;
}
