/**
 * Integrity of main itself (DESIGN.md "Approval"): an approved record may change only through a new
 * approval. From one history read this finds
 *   - an approved record whose current version on main no signed approval brought (edited on main, or
 *     through a merge that does not verify): `changed-after-approval`;
 *   - an approved record deleted from main: `approved-record-deleted`;
 * and, against the integrity file the previous build published (`IntegrityFile`), a history that no longer
 * contains what was published: `history-rewritten` (the published head is not an ancestor) and
 * `published-version-gone` (a version published as approved is no longer approved in this history).
 */
import { recordKindOf } from '../paths.ts';
import { problem, type Problem } from '../problems.ts';
import type { ArchiveHistory, FileHistory } from './history.ts';
import { TrustAnchorError } from './approvals.ts';
import { readHistory } from './history.ts';
import { currentBranch, isAncestor, isRepository, tryGit } from './repo.ts';
import { VerificationStore } from './verification-store.ts';

export type IntegrityKind = 'changed-after-approval' | 'approved-record-deleted' | 'history-rewritten' | 'published-version-gone' | 'parents-swapped';
export interface IntegrityIssue {
  kind: IntegrityKind;
  path: string;
  /** The last approved version: its blob, and the approval's commit, date and kasi. */
  approved: { blob: string; commit: string | null; date: string | null; by: string | null } | null;
  /** The mainline commit that brought the current state (the edit or the deletion). */
  commit: string | null;
}

/** What a build publishes so the next one can prove nothing published was rewritten. */
export interface IntegrityFile {
  version: 1;
  head: string | null;
  anchor: string | null;
  /** record path → its approved blob id as published. */
  approved: Record<string, string>;
}

const isRecord = (p: string) => recordKindOf(p) === 'round' || recordKindOf(p) === 'maintenance';

const lastApproved = (f: FileHistory) => {
  const v = f.approvedVersions.at(-1);
  return v ? { blob: v.blob, commit: v.approval.commit ?? null, date: v.approval.date ?? null, by: v.approval.by?.name ?? null } : null;
};

/** Approved records changed or deleted on main without an approval. */
export function integrityIssues(history: ArchiveHistory): IntegrityIssue[] {
  const out: IntegrityIssue[] = [];
  for (const f of history.files.values()) {
    if (!isRecord(f.path) || f.approvedVersions.length === 0 || !f.landed) continue;
    if (f.approval.state === 'approved' && !f.deleted) continue;
    if (!f.deleted && f.approvedVersions.some((v) => v.blob === f.blob)) continue; // put back as approved
    out.push({ kind: f.deleted ? 'approved-record-deleted' : 'changed-after-approval', path: f.path, approved: lastApproved(f), commit: f.landed.hash });
  }
  for (const [merge, hidden] of history.swapped) out.push({ kind: 'parents-swapped', path: '.', approved: { blob: '', commit: hidden, date: null, by: null }, commit: merge });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The file this build publishes: each record's approved version (the current one when approved). */
export function integrityFile(history: ArchiveHistory): IntegrityFile {
  const approved: Record<string, string> = {};
  for (const f of history.files.values()) {
    if (!isRecord(f.path) || f.deleted) continue;
    const blob = f.approval.state === 'approved' ? f.blob : f.approvedVersions.at(-1)?.blob;
    if (blob) approved[f.path] = blob;
  }
  return { version: 1, head: history.head, anchor: history.anchor?.commit ?? null, approved };
}

/** What the previous publication had that this history lost. */
export async function comparePublished(repo: string, history: ArchiveHistory, previous: IntegrityFile): Promise<IntegrityIssue[]> {
  const out: IntegrityIssue[] = [];
  if (previous.head && history.head && !(await isAncestor(repo, previous.head, history.head))) {
    out.push({ kind: 'history-rewritten', path: '.', approved: null, commit: previous.head });
  }
  for (const [path, blob] of Object.entries(previous.approved)) {
    const f = history.files.get(path);
    const still = f?.approvedVersions.some((v) => v.blob === blob) || (f?.approval.state === 'approved' && f.blob === blob);
    if (!still) out.push({ kind: 'published-version-gone', path, approved: { blob, commit: null, date: null, by: null }, commit: f?.landed?.hash ?? null });
  }
  return out;
}

/** `.ronda-cache/` committed to the repository: an error (it is never shared; its files would be ignored anyway). */
export async function trackedCacheProblems(root: string): Promise<Problem[]> {
  if (!(await isRepository(root))) return [];
  const r = await tryGit(root, ['ls-files', '-z', '--', '.ronda-cache']);
  const files = r.ok ? r.out.split('\0').filter(Boolean) : [];
  return files.length ? [problem(files[0]!, { line: 1, col: 1 }, 'cache-tracked', { count: files.length })] : [];
}

/** Main checked out (or CI on a push to main): where `check` must see what changed after approval. */
export async function onMain(root: string): Promise<boolean> {
  if (process.env.GITHUB_REF === 'refs/heads/main') return true;
  return (await isRepository(root)) && (await currentBranch(root)) === 'main';
}

/** `check` on main: one history read (verdicts kept as the build keeps them) and its integrity problems. */
export async function mainIntegrityProblems(root: string): Promise<Problem[]> {
  const store = VerificationStore.open(root, { write: true });
  const pinned = process.env.RONDA_TRUST_ANCHOR || undefined;
  try {
    const history = await readHistory(root, { store, trustAnchor: pinned });
    store.save();
    return integrityProblems(integrityIssues(history));
  } catch (e) {
    if (e instanceof TrustAnchorError) return [problem('.', { line: 1, col: 1 }, 'history-rewritten', { commit: (pinned ?? '').slice(0, 12) })];
    return [problem('.', { line: 1, col: 1 }, 'integrity-unavailable', { detail: e instanceof Error ? e.message : String(e) }, 'warning')];
  }
}

/** The issues as check problems (errors: main must never show them). */
export function integrityProblems(issues: readonly IntegrityIssue[]): Problem[] {
  return issues.map((i) =>
    problem(i.path, { line: 1, col: 1 }, i.kind, { by: i.approved?.by ?? '?', date: (i.approved?.date ?? '').slice(0, 10), commit: (i.commit ?? '').slice(0, 12), hidden: (i.approved?.commit ?? '').slice(0, 12) }),
  );
}
