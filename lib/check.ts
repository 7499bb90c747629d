import { createHash } from 'node:crypto';
import { listRecordFiles, loadArchive, resolveLines, type Archive } from './load/archive.ts';
import { CHECK_CODE, sourceFingerprint } from './load/fingerprint.ts';
import { readCacheFile, writeCacheFile } from './load/record-cache.ts';
import { recordKindOf, toPosixRelative } from './paths.ts';
import { sortProblems, type Problem } from './problems.ts';
import { todayWib } from './time.ts';
import { checkRules, partialRoundProblems, type RuleContext } from './validate/rules.ts';
import { parseYamlSource } from './load/yaml-source.ts';
import type { RoundRecord } from './types.generated.ts';
import { checkAllowedSigners, SIGNERS_FILE } from './validate/allowed-signers.ts';
import { demoPublicKeys } from './demo/demo-history.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { attestationProblems } from './git/attestation.ts';
import { ATTESTATIONS_DIR } from './git/approvals.ts';
import { join } from 'node:path';
import type { RoundEvaluation } from './evaluate/index.ts';

export interface CheckOptions {
  /** Check only these files (paths relative to root); rules still see config, checklists and rooms. */
  files?: string[];
  today?: string;
  /** The moment of checking (default now, none when only `today` is given); `today` defaults to its WIB date. */
  now?: Date;
  /**
   * Round files being submitted (new or changed): their deviations without follow-up and times after `now`
   * are errors. Default: the `files` given; with none, no round (the archive as it stands).
   */
  submitting?: string[];
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
  let listing: string[] | undefined;
  if (files) {
    // A round's open findings are checked against the round before it, so load its neighbours too.
    listing = await listRecordFiles(root);
    const all = listing;
    only = [...new Set([...files, ...files.flatMap((f) => neighbourRounds(f, all))])];
  }
  const archive = await loadArchive(root, { only, cache: opts.cache, listing });
  // A pinned date without a pinned moment (tests, --today): no rule measures against the clock.
  const now = opts.now ?? (opts.today ? undefined : new Date());
  const today = opts.today ?? todayWib(now);
  const submitting = new Set((opts.submitting ?? files ?? []).map(toPosixRelative));

  // The whole archive, unchanged since the last check with the same code on the same day: the answer
  // is the last answer. Records stay unread (loadArchive materialises them lazily) and the evaluations
  // are computed only if a caller reads them.
  const useResult = !files && submitting.size === 0 && opts.cache !== false;
  const key = useResult ? resultKey(archive, today) : '';
  const saved = useResult ? readCacheFile<SavedResult>(root, RESULT_FILE) : null;
  if (saved && saved.key === key && Array.isArray(saved.problems)) {
    return { archive, problems: sortProblems([...saved.problems, ...(await trustFileProblems(root, archive))]), evaluations: new LazyMap(() => checkRules(archive, { today }).evaluations) };
  }

  const rules = applyRules(archive, today, undefined, { now, submitting });
  let problems = [...archive.problems, ...rules.problems];
  if (files) {
    problems.push(...(await partialProblems(root, archive, files, { today, now, submitting })));
    const wanted = new Set(files);
    problems = problems.filter((p) => wanted.has(p.file) || (recordKindOf(p.file) !== 'round' && recordKindOf(p.file) !== 'maintenance'));
  }
  problems = sortProblems(await resolveLines(root, problems));
  if (useResult) writeCacheFile(root, RESULT_FILE, { key, problems } satisfies SavedResult);
  return { archive, problems: sortProblems([...problems, ...(await trustFileProblems(root, archive))]), evaluations: rules.evaluations };
}

/**
 * Rule problems of the given round files that failed their schema check, beside the schema's own: one
 * `npm run check` names every problem. A rule problem on a line the schema already names is left out.
 */
async function partialProblems(root: string, archive: Archive, files: string[], ctx: RuleContext): Promise<Problem[]> {
  const loaded = new Set(archive.rounds.map((r) => r.path));
  const out: Problem[] = [];
  for (const path of files) {
    if (recordKindOf(path) !== 'round' || loaded.has(path)) continue;
    let source;
    try {
      source = parseYamlSource(readFileSync(join(root, path)), path);
    } catch {
      continue;
    }
    if ('problems' in source) continue;
    const schemaLines = new Set(archive.problems.filter((p) => p.file === path).map((p) => p.line));
    const found = await resolveLines(root, partialRoundProblems({ path, blob: '', data: source.data as RoundRecord }, archive, ctx));
    out.push(...found.filter((p) => !schemaLines.has(p.line)));
  }
  return out;
}

/** The keys file and the attestations are small and outside the record cache: read and checked on every run. */
async function trustFileProblems(root: string, archive: Archive) {
  const out = [];
  const config = archive.config?.data;
  if (existsSync(join(root, SIGNERS_FILE))) {
    out.push(...checkAllowedSigners(readFileSync(join(root, SIGNERS_FILE), 'utf8'), {
      demo: config?.demo === true,
      demoKeys: demoPublicKeys(),
      staffEmails: (config?.staff ?? []).map((s) => s.email),
    }));
  }
  const dir = join(root, ATTESTATIONS_DIR);
  const attestations = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)) : [];
  for (const f of attestations) out.push(...attestationProblems(`${ATTESTATIONS_DIR}${f}`, readFileSync(join(dir, f), 'utf8')));
  return resolveLines(root, out);
}

/**
 * Up to this many rounds the rules run over the whole archive at once and the evaluations are kept.
 * Above it they run room by room (every cross-record rule is within a room), keeping only the
 * problems: 200,000 rounds' evaluations alone would need ≈4 GB. The evaluations are then computed
 * again if a caller reads them.
 */
export const WHOLE_ARCHIVE_RULES_UP_TO = 25_000;

export function applyRules(archive: Archive, today: string, wholeUpTo = WHOLE_ARCHIVE_RULES_UP_TO, more: Omit<RuleContext, 'today'> = {}): ReturnType<typeof checkRules> {
  if (archive.rounds.length <= wholeUpTo) return checkRules(archive, { today, ...more });
  const byRoom = new Map<string, Archive['rounds']>();
  for (const round of archive.rounds) {
    const list = byRoom.get(round.data.room);
    if (list) list.push(round);
    else byRoom.set(round.data.room, [round]);
  }
  const problems: Problem[] = [];
  let first = true;
  for (const rounds of byRoom.values()) {
    // Config, checklist, room and maintenance problems come once, with the first room's part.
    const part = checkRules({ ...archive, rounds, maintenance: first ? archive.maintenance : [] }, { today, ...more });
    for (const p of part.problems) if (first || recordKindOf(p.file) === 'round') problems.push(p);
    first = false;
  }
  return { problems, evaluations: new LazyMap(() => checkRules(archive, { today, ...more }).evaluations) };
}

const RESULT_FILE = 'check-result.json';
interface SavedResult { key: string; problems: Problem[] }

/** What a whole-archive result depends on: every record's content, the day (future dates), the code. */
function resultKey(archive: Archive, today: string): string {
  return createHash('sha1').update(`${sourceFingerprint(CHECK_CODE)}\n${today}\n${archive.fingerprint}`).digest('hex');
}

/**
 * A round's evaluation if the check already has it, without filling a lazy map: filling it evaluates
 * and keeps every round at once (≈18 KB each), which the build avoids by evaluating room by room.
 */
export function peekEvaluation<V>(evaluations: ReadonlyMap<string, V>, path: string): V | undefined {
  return evaluations instanceof LazyMap ? evaluations.peek(path) : evaluations.get(path);
}

/** A Map filled on first use: callers that never read the evaluations never pay for them. */
class LazyMap<K, V> extends Map<K, V> {
  private fill?: () => Map<K, V>;
  constructor(fill: () => Map<K, V>) {
    super();
    this.fill = fill;
  }
  private ready(): void {
    const fill = this.fill;
    if (!fill) return;
    this.fill = undefined;
    for (const [k, v] of fill()) super.set(k, v);
  }
  /** The value if already filled; never fills. */
  peek(k: K): V | undefined { return this.fill ? undefined : super.get(k); }
  override get(k: K) { this.ready(); return super.get(k); }
  override has(k: K) { this.ready(); return super.has(k); }
  override set(k: K, v: V) { this.ready(); return super.set(k, v); }
  override delete(k: K) { this.ready(); return super.delete(k); }
  override clear() { this.fill = undefined; super.clear(); }
  override get size() { this.ready(); return super.size; }
  override forEach(cb: (v: V, k: K, m: Map<K, V>) => void, thisArg?: unknown) { this.ready(); super.forEach(cb, thisArg); }
  override keys() { this.ready(); return super.keys(); }
  override values() { this.ready(); return super.values(); }
  override entries() { this.ready(); return super.entries(); }
  override [Symbol.iterator]() { this.ready(); return super[Symbol.iterator](); }
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
