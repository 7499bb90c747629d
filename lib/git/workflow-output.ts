/** How new/submit/approve report a refusal: the sentence, the problems with their lines, the exit code. */
import type { Lang } from '../i18n/lang.ts';
import { WORKFLOW_TEXT } from '../i18n/workflow-messages.ts';
import type { Problem } from '../problems.ts';
import { formatJson, formatText } from '../report/format-problems.ts';

export interface WorkflowFailure {
  ok: false;
  /** usage: a wrong option (exit 2); refused: git or files forbid it (exit 1); invalid: problems in records (exit 1). */
  kind: 'usage' | 'refused' | 'invalid';
  code: string;
  params: Record<string, string | number>;
  problems?: Problem[];
}

/** Builds a refusal; new, submit and approve all refuse through this one shape. */
export const workflowFailure = (kind: WorkflowFailure['kind'], code: string, params: Record<string, string | number> = {}, problems?: Problem[]): WorkflowFailure => ({ ok: false, kind, code, params, problems });

export function failureMessage(f: WorkflowFailure, lang: Lang): string {
  const text = WORKFLOW_TEXT[lang].failure[f.code];
  return text ? text(f.params) : `${f.code} ${JSON.stringify(f.params)}`;
}

/** Prints the failure (stderr, or JSON on stdout) and returns the exit code: 2 usage, 1 otherwise. */
export function reportFailure(f: WorkflowFailure, lang: Lang, json: boolean, usage?: string): number {
  const message = failureMessage(f, lang);
  if (json) {
    console.log(JSON.stringify({ ok: false, code: f.code, message, problems: f.problems ? JSON.parse(formatJson(f.problems, lang)) : [] }, null, 2));
  } else {
    console.error(message);
    if (f.problems?.length) console.error(formatText(f.problems, lang));
    if (f.kind === 'usage' && usage) console.error(usage);
  }
  return f.kind === 'usage' ? 2 : 1;
}

export function printWarnings(warnings: readonly Problem[], lang: Lang): void {
  if (!warnings.length) return;
  console.log(WORKFLOW_TEXT[lang].warningsHeader);
  console.log(formatText(warnings, lang));
}
