/**
 * Times someone vouches for. A commit's dates are whatever its author's clock said, so the submit time of a
 * round (the admin's commit) proves nothing. The forge records, on its own clock, when each pull request was
 * opened and merged; the site workflow reads those from the forge's API (.github/scripts/forge-times.mjs)
 * into a small JSON file, and SOP timing judges archiving only on such times.
 *
 *   { "ronda": "forge-times/1", "forge": "https://…/owner/repo", "fetched_at": "…",
 *     "pulls": [{ "number": 12, "head": "<sha>", "merge_commit": "<sha>|null", "opened_at": "…", "merged_at": "…|null" }] }
 */
import { own } from '../own.ts';

export const FORGE_TIMES_FORMAT = 'forge-times/1';

export interface ForgePull {
  number: number;
  head: string;
  mergeCommit: string | null;
  openedAt: string;
  mergedAt: string | null;
}

export interface ForgeTimes {
  forge: string;
  /** By merge commit and by head commit. */
  byCommit: ReadonlyMap<string, ForgePull>;
}

export class ForgeTimesError extends Error {}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EXAMPLE = '{ "ronda": "forge-times/1", "forge": "…", "pulls": [{ "number": 1, "head": "<sha>", "merge_commit": "<sha>", "opened_at": "2026-10-01T01:02:03Z", "merged_at": "2026-10-01T01:30:00Z" }] }';

/** Parses the file's text; throws ForgeTimesError naming the entry and the expected form. */
export function parseForgeTimes(text: string, file: string): ForgeTimes {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ForgeTimesError(`${file}: bukan JSON (${(e as Error).message}). Bentuk yang diharapkan: ${EXAMPLE}`);
  }
  const top = data as Record<string, unknown>;
  if (!top || typeof top !== 'object' || own(top, 'ronda') !== FORGE_TIMES_FORMAT || !Array.isArray(own(top, 'pulls'))) {
    throw new ForgeTimesError(`${file}: bukan berkas waktu forge Ronda ("ronda": "${FORGE_TIMES_FORMAT}" dan daftar "pulls"). Bentuk yang diharapkan: ${EXAMPLE}`);
  }
  const byCommit = new Map<string, ForgePull>();
  (top.pulls as unknown[]).forEach((raw, i) => {
    const pull = pullOf(raw);
    if (!pull) throw new ForgeTimesError(`${file}: pulls[${i}] tidak lengkap atau salah bentuk. Bentuk yang diharapkan: ${EXAMPLE}`);
    byCommit.set(pull.head, pull);
    if (pull.mergeCommit) byCommit.set(pull.mergeCommit, pull);
  });
  return { forge: typeof top.forge === 'string' ? top.forge : '', byCommit };
}

function pullOf(raw: unknown): ForgePull | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const number = own(r, 'number');
  const head = own(r, 'head');
  const merge = own(r, 'merge_commit') ?? null;
  const opened = own(r, 'opened_at');
  const merged = own(r, 'merged_at') ?? null;
  if (!Number.isInteger(number) || typeof head !== 'string' || !SHA.test(head)) return null;
  if (merge !== null && (typeof merge !== 'string' || !SHA.test(merge))) return null;
  if (typeof opened !== 'string' || !ISO.test(opened) || (merged !== null && (typeof merged !== 'string' || !ISO.test(merged)))) return null;
  return { number: number as number, head, mergeCommit: merge as string | null, openedAt: opened, mergedAt: merged as string | null };
}

/**
 * The pull request that brought a version: found by its approving merge, else by any commit of the
 * file's branch that was a pull request's head (a kasi's local merge the forge saw only as a push).
 */
export function pullFor(times: ForgeTimes | null | undefined, mergeCommit: string | undefined, branchCommits: readonly string[]): ForgePull | null {
  if (!times) return null;
  const byMerge = mergeCommit ? times.byCommit.get(mergeCommit) : undefined;
  if (byMerge) return byMerge;
  for (let i = branchCommits.length - 1; i >= 0; i--) {
    const pull = times.byCommit.get(branchCommits[i]!);
    if (pull) return pull;
  }
  return null;
}
