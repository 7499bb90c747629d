/**
 * A problem found in a record. Never thrown: every loader, validator and rule returns these,
 * and commands render them through lib/i18n in the user's language.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the archive root, with forward slashes (e.g. records/rounds/2026/11/…yaml). */
  file: string;
  line: number;
  col: number;
  severity: Severity;
  code: string;
  params: Record<string, string | number>;
  /** Where in the record (JSON pointer); cross-record rules set this and lib/load resolves the line. */
  pointer?: string;
}

export function problem(
  file: string,
  at: { line: number; col: number },
  code: string,
  params: Record<string, string | number> = {},
  severity: Severity = 'error',
): Problem {
  return { file, line: at.line, col: at.col, severity, code, params };
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');

/** Stable order for output: by file, then line, then column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col),
  );
}

/** A problem located by JSON pointer; its line is filled in later by resolveLines (lib/load/archive.ts). */
export function problemAt(
  file: string,
  pointer: string,
  code: string,
  params: Record<string, string | number> = {},
  severity: Severity = 'error',
): Problem {
  return { file, line: 1, col: 1, severity, code, params, pointer };
}
