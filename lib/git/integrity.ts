/**
 * Archive integrity: what a branch (or the working tree) changes relative to a base ref that a
 * reviewer must not miss. Used by `npm run check -- --against <ref>`, `npm run review` and `npm run approve`.
 *
 *   compareWithBase(root, baseRef, archive) → Problem[]
 *
 * Compares the files under records/ in the working tree at `root` with the tree of `baseRef`:
 * - a round that was approved on the base (DESIGN.md "Approval", read with readHistory on the base) and
 *   is gone → error `approved-round-deleted` (line 1);
 * - such a round changed without a NEW `amendments:` entry → error `approved-round-changed`, at the first
 *   changed field; earlier amendments altered or removed → error `amendment-removed`;
 * - records/config.yaml thresholds, staff, schedule, holidays, shifts, SOP time standards or time zone,
 *   records/checklists.yaml categories, or a room file changed, added or deleted → warning
 *   `needs-kasi-attention` naming what changed;
 * - keys, staff, thresholds or checklists changed in the same branch as any other record → error
 *   `governance-mixed` (a rule change is approved on its own, never slipped in with a round).
 * Staff (who counts as kasi) come from the base's config.yaml, so a branch cannot approve itself by
 * adding a kasi. Lines are resolved here (resolveLines), so callers print the problems as they are.
 */
import { loadArchive, resolveLines, type Archive } from '../load/archive.ts';
import { parseYamlSource } from '../load/yaml-source.ts';
import { CHECKLISTS_PATH, CONFIG_PATH, recordKindOf } from '../paths.ts';
import { problem, problemAt, type Problem } from '../problems.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { isGovernancePath } from './approvals.ts';
import { gitBlobId } from './blob-id.ts';
import { changedRecordFiles } from './changed-files.ts';
import { readHistory, type FileHistory, type StaffIdentity } from './history.ts';
import { readWorkingFile, resolveCommit, showFile, treeBlobs } from './repo.ts';

const CONFIG_SECTIONS = ['thresholds', 'staff', 'schedule', 'holidays', 'shifts', 'sop_time_standards', 'timezone'] as const;

export async function compareWithBase(root: string, baseRef: string, archive?: Archive): Promise<Problem[]> {
  const base = await resolveCommit(root, baseRef);
  if (!base) return [problem('.', { line: 1, col: 1 }, 'integrity-bad-ref', { ref: baseRef })];
  const current = archive ?? (await loadArchive(root, { cache: false }));

  const baseFiles = await treeBlobs(root, base, 'records/');
  const baseData = async (path: string) => parseData(await showFile(root, base, path), path);
  const baseConfig = (await baseData(CONFIG_PATH)) as ConfigRecord | null;
  const staff = staffOf(baseConfig ?? current.config?.data ?? null);
  const history = await readHistory(root, { ref: base });

  const out: Problem[] = [];
  const workingPaths = new Set(current.allPaths);
  out.push(...mixedGovernance(await changedRecordFiles(root, baseRef)));

  for (const [path, baseBlob] of baseFiles) {
    if (recordKindOf(path) !== 'round') continue;
    const approval = approvalOfFile(history.files.get(path));
    if (!approval) continue;
    const params = { by: approval.by, date: approval.date };
    const bytes = workingPaths.has(path) ? await readWorkingFile(root, path) : null;
    if (!bytes) {
      out.push(problem(path, { line: 1, col: 1 }, 'approved-round-deleted', params));
      continue;
    }
    if (gitBlobId(bytes) === baseBlob) continue;
    const before = await baseData(path);
    const after = parseData(bytes, path);
    if (!isObject(before) || !isObject(after)) {
      out.push(problem(path, { line: 1, col: 1 }, 'approved-round-changed', params));
      continue;
    }
    const beforeAmendments = Array.isArray(before.amendments) ? before.amendments : [];
    const afterAmendments = Array.isArray(after.amendments) ? after.amendments : [];
    const kept = beforeAmendments.every((a, i) => canonical(a) === canonical(afterAmendments[i]));
    if (!kept) {
      out.push(problemAt(path, '/amendments', 'amendment-removed', params));
    } else if (afterAmendments.length <= beforeAmendments.length) {
      if (canonical(before) === canonical(after)) continue; // only comments or layout changed
      out.push(problemAt(path, firstDifference(before, after) ?? '', 'approved-round-changed', params));
    }
  }

  // Config: the sections that steer evaluation, approval and the schedule.
  const afterConfig = parseData(await readWorkingFile(root, CONFIG_PATH), CONFIG_PATH);
  if (isObject(baseConfig) && isObject(afterConfig)) {
    for (const section of CONFIG_SECTIONS) {
      if (canonical((baseConfig as Record<string, unknown>)[section]) !== canonical(afterConfig[section])) {
        out.push(problemAt(CONFIG_PATH, `/${section}`, 'needs-kasi-attention', { what: section }, 'warning'));
      }
    }
  }

  // Checklists: per category.
  if (baseFiles.has(CHECKLISTS_PATH)) {
    const before = await baseData(CHECKLISTS_PATH);
    const after = parseData(await readWorkingFile(root, CHECKLISTS_PATH), CHECKLISTS_PATH);
    const b = isObject(before) && isObject(before.categories) ? before.categories : {};
    const a = isObject(after) && isObject(after.categories) ? after.categories : {};
    for (const cat of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (canonical(b[cat]) === canonical(a[cat])) continue;
      out.push(problemAt(CHECKLISTS_PATH, cat in a ? `/categories/${cat}` : '/categories', 'needs-kasi-attention', { what: 'category', detail: cat }, 'warning'));
    }
  }

  // Rooms: added, deleted, or changed (named by top-level field).
  const roomPaths = new Set([...baseFiles.keys(), ...current.allPaths].filter((p) => recordKindOf(p) === 'room'));
  for (const path of roomPaths) {
    const inBase = baseFiles.has(path);
    const bytes = workingPaths.has(path) ? await readWorkingFile(root, path) : null;
    if (!inBase && bytes) {
      out.push(problem(path, { line: 1, col: 1 }, 'needs-kasi-attention', { what: 'new-room' }, 'warning'));
      continue;
    }
    if (inBase && !bytes) {
      out.push(problem(path, { line: 1, col: 1 }, 'needs-kasi-attention', { what: 'room-deleted' }, 'warning'));
      continue;
    }
    if (!bytes || gitBlobId(bytes) === baseFiles.get(path)) continue;
    const before = await baseData(path);
    const after = parseData(bytes, path);
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (canonical(b[key]) !== canonical(a[key])) out.push(problemAt(path, key in a ? `/${key}` : '', 'needs-kasi-attention', { what: key }, 'warning'));
    }
  }

  return resolveLines(root, out);
}

/** A governance file changed beside other records: one error per governance file, naming one of the others. */
function mixedGovernance(changed: readonly { path: string }[]): Problem[] {
  const others = changed.filter((c) => !isGovernancePath(c.path));
  if (others.length === 0) return [];
  return changed.filter((c) => isGovernancePath(c.path)).map((g) => problem(g.path, { line: 1, col: 1 }, 'governance-mixed', { others: others.length, example: others[0]!.path }));
}

function approvalOfFile(f: FileHistory | undefined): { by: string; date: string } | null {
  if (!f) return null;
  const approval = f.approval.state === 'approved' ? f.approval : f.approvedVersions.at(-1)?.approval;
  if (!approval || approval.state !== 'approved') return null;
  return { by: approval.by?.name ?? '?', date: (approval.date ?? '').slice(0, 10) };
}

function staffOf(config: ConfigRecord | null): StaffIdentity[] {
  if (!config || !Array.isArray(config.staff)) return [];
  return config.staff
    .filter((s) => s && typeof s.id === 'string' && typeof s.email === 'string')
    .map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, nip: s.nip }));
}

function parseData(bytes: Buffer | null, path: string): Record<string, unknown> | null {
  if (!bytes) return null;
  const src = parseYamlSource(bytes, path);
  return 'problems' in src || !isObject(src.data) ? null : src.data;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with sorted keys: equal data compare equal whatever the key order or layout in the file. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    isObject(value) ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]])) : value,
  ) ?? 'undefined';
}

/** JSON pointer of the first place where two values differ (depth-first, in the new value's order). */
export function firstDifference(a: unknown, b: unknown, pointer = ''): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= b.length) return pointer;
      const d = firstDifference(a[i], b[i], `${pointer}/${i}`);
      if (d !== null) return d;
    }
    return pointer;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))]) {
      if (!(key in b)) return pointer;
      const d = firstDifference(a[key], b[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (d !== null) return d;
    }
    return pointer;
  }
  return pointer;
}
