import { listRecordFiles, loadArchive, resolveLines, type Archive } from './load/archive.ts';
import { recordKindOf, toPosixRelative } from './paths.ts';
import { sortProblems, type Problem } from './problems.ts';
import { checkRules } from './validate/rules.ts';
import type { RoundEvaluation } from './evaluate/index.ts';

export interface CheckOptions {
  /** Check only these files (paths relative to root); rules still see config, checklists and rooms. */
  files?: string[];
  today?: string;
  cache?: boolean;
}
export interface CheckResult {
  archive: Archive;
  problems: Problem[];
  /** Every loaded, schema-valid round evaluated once, by path. */
  evaluations: Map<string, RoundEvaluation>;
}

/**
 * Loads, validates and applies the cross-record rules: the single entry point the commands
 * (check, submit, approve, review) and the site build share.
 */
export async function checkArchive(root: string, opts: CheckOptions = {}): Promise<CheckResult> {
  const files = opts.files?.map(toPosixRelative);
  let only: string[] | undefined;
  if (files) {
    // A round's open findings are checked against the round before it, so load its neighbours too.
    const all = await listRecordFiles(root);
    only = [...new Set([...files, ...files.flatMap((f) => neighbourRounds(f, all))])];
  }
  const archive = await loadArchive(root, { only, cache: opts.cache });
  const rules = checkRules(archive, { today: opts.today });
  let problems = [...archive.problems, ...rules.problems];
  if (files) {
    const wanted = new Set(files);
    problems = problems.filter((p) => wanted.has(p.file) || (recordKindOf(p.file) !== 'round' && recordKindOf(p.file) !== 'maintenance'));
  }
  return { archive, problems: sortProblems(await resolveLines(root, problems)), evaluations: rules.evaluations };
}

/** Rounds of the same room from the few days before a round (the file name carries date and room). */
function neighbourRounds(file: string, all: string[]): string[] {
  const m = /^records\/rounds\/\d{4}\/\d{2}\/(\d{4}-\d{2}-\d{2})-(.+)\.yaml$/.exec(file);
  if (!m) return [];
  const date = m[1]!;
  const earliest = new Date(Date.parse(`${date}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  return all.filter((p) => {
    const n = /^records\/rounds\/\d{4}\/\d{2}\/(\d{4}-\d{2}-\d{2})-(.+)\.yaml$/.exec(p);
    return n && n[1]! >= earliest && n[1]! <= date && m[2]!.startsWith(n[2]!.slice(0, n[2]!.lastIndexOf('-')));
  });
}
