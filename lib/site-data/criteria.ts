/**
 * Which thresholds and checklists judge a round: the version in force when it was recorded (DESIGN.md
 * "Approval"), so relaxing a threshold later re-judges nothing. Without a trust anchor there are no
 * approved versions and the working files judge, as `npm run check` does.
 */
import type { CriteriaVersion } from '../git/approvals.ts';
import type { Archive } from '../load/archive.ts';
import { wibInstant } from '../time.ts';

/** What a round page says about the criteria that judged it. */
export interface CriteriaView {
  /** The approval that brought this version into force. */
  commit: string;
  date: string;
  /** False when today's thresholds or checklists differ from the ones that judged this round. */
  current: boolean;
}

/** The version in force at `date` `time` WIB: the last one approved by then (the first, for older rounds). */
export function criteriaAt(versions: readonly CriteriaVersion[], date: string, time: string): CriteriaVersion | null {
  const at = wibInstant(date, time).getTime();
  let pick = versions[0] ?? null;
  for (const v of versions) {
    if (Date.parse(v.date) > at) break;
    pick = v;
  }
  return pick;
}

const compared = new WeakMap<Archive, Map<CriteriaVersion, boolean>>();

/** The room as approved when the round was recorded (the first approved version for older rounds); null without one. */
export function roomAt(versions: readonly { date: string; data: unknown }[] | undefined, date: string, time: string): unknown {
  if (!versions?.length) return null;
  const at = wibInstant(date, time).getTime();
  let pick = versions[0]!;
  for (const v of versions) {
    if (Date.parse(v.date) > at) break;
    pick = v;
  }
  return pick.data;
}

/** Same content, whatever the key order. */
export const sameContent = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Whether a version judges as the working files do (then the check's evaluation stands); once per version. */
export function sameAsWorking(v: CriteriaVersion, archive: Archive): boolean {
  const known = compared.get(archive) ?? compared.set(archive, new Map()).get(archive)!;
  let same = known.get(v);
  if (same === undefined) {
    same = canonical(v.thresholds) === canonical(archive.config?.data.thresholds ?? null) && canonical(v.checklists) === canonical(archive.checklists?.data ?? null);
    known.set(v, same);
  }
  return same;
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
