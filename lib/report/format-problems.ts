import { problemText } from '../i18n/problem-messages.ts';
import type { Lang } from '../i18n/lang.ts';
import type { Problem } from '../problems.ts';

export type ProblemFormat = 'text' | 'json' | 'github';
const SEVERITY_WORD: Record<Lang, Record<Problem['severity'], string>> = {
  id: { error: 'galat', warning: 'peringatan' },
  en: { error: 'error', warning: 'warning' },
};

/** `path:line:col  message  (how to fix)` — the form editors and terminals turn into links. */
export function formatText(problems: readonly Problem[], lang: Lang): string {
  return problems
    .map((p) => {
      const { message, fix } = problemText(p, lang);
      return `${p.file}:${p.line}:${p.col}  ${SEVERITY_WORD[lang][p.severity]}: ${message}${fix ? `  (${fix})` : ''}`;
    })
    .join('\n');
}

export function formatJson(problems: readonly Problem[], lang: Lang): string {
  return JSON.stringify(
    problems.map((p) => ({ file: p.file, line: p.line, col: p.col, severity: p.severity, code: p.code, ...problemText(p, lang), params: p.params })),
    null,
    2,
  );
}

// GitHub workflow commands: data escapes %, CR, LF; properties also escape ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,title=…::message` lines; shown on the pull request's diff. */
export function formatGithub(problems: readonly Problem[], lang: Lang): string {
  return problems
    .map((p) => {
      const { message, fix } = problemText(p, lang);
      const props = `file=${escapeProperty(p.file)},line=${p.line},col=${p.col},title=${escapeProperty(`Ronda: ${p.code}`)}`;
      return `::${p.severity} ${props}::${escapeData(fix ? `${message} — ${fix}` : message)}`;
    })
    .join('\n');
}

export function formatProblems(problems: readonly Problem[], format: ProblemFormat, lang: Lang): string {
  if (format === 'json') return formatJson(problems, lang);
  if (format === 'github') return formatGithub(problems, lang);
  return formatText(problems, lang);
}
