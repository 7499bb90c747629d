/**
 * Pengesahan: an archive kept before signatures (approved by merge author or trailer) is carried over by
 * the kasi's attestation, a file under records/pengesahan/ listing the record versions (blob ids) he
 * approved then. It counts only once it reaches main through an approval signed under the keys in force
 * (or in the trust anchor, signed by him), like keys and staff; it approves exactly those bytes, so a
 * version changed since is not covered.
 *
 *   date: "2026-12-01"
 *   statement: Saya menyatakan versi ronde berikut telah saya setujui sebelum tanda tangan digital berlaku.
 *   versions:
 *     records/rounds/2026/08/2026-08-26-ruang-server-utama-pagi.yaml: 3b18e512dba79e4c8300dd08aeb37f8e728d8dad
 */
import { parseYamlSource } from '../load/yaml-source.ts';
import { problemAt, type Problem } from '../problems.ts';
import type { FileHistory, StaffIdentity } from './history.ts';
import type { SignatureKind } from './signatures.ts';

export interface Attestation {
  path: string;
  /** The approved commit (or the anchor) that brought it to main, and when. */
  commit: string;
  date: string;
  by: StaffIdentity;
  /** The signature that made it count (the approving merge's, or the anchor's). */
  signature: SignatureKind;
  key?: string;
  /** record path → the blob id attested. */
  versions: Map<string, string>;
}

const BLOB = /^[0-9a-f]{40}$/;
const isRecordPath = (p: string) => /^records\/(rounds|maintenance)\/.+\.(ya?ml|md)$/.test(p);

/** Problems of an attestation file as `check` reports them (pointers; lines are resolved by the caller). */
export function attestationProblems(path: string, text: string): Problem[] {
  const src = parseYamlSource(text, path);
  if ('problems' in src) return src.problems;
  const data = src.data as Record<string, unknown> | null;
  const out: Problem[] = [];
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [problemAt(path, '', 'attestation-shape')];
  if (typeof data.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.date)) out.push(problemAt(path, '/date', 'attestation-shape'));
  if (typeof data.statement !== 'string' || data.statement.trim() === '') out.push(problemAt(path, '/statement', 'attestation-shape'));
  const versions = data.versions;
  if (!versions || typeof versions !== 'object' || Array.isArray(versions)) return [...out, problemAt(path, '/versions', 'attestation-shape')];
  for (const [p, blob] of Object.entries(versions)) {
    const at = `/versions/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!isRecordPath(p)) out.push(problemAt(path, at, 'attestation-path', { path: p }));
    else if (typeof blob !== 'string' || !BLOB.test(blob)) out.push(problemAt(path, at, 'attestation-blob', { path: p }));
  }
  return out;
}

/** The attestation in `text` by `by`; null when it cannot be read (check reports why). Bad entries are skipped. */
export function attestationOf(path: string, text: string, made: Omit<Attestation, 'path' | 'versions'>): Attestation | null {
  const src = parseYamlSource(text, path);
  if ('problems' in src) return null;
  const versions = (src.data as { versions?: unknown } | null)?.versions;
  if (!versions || typeof versions !== 'object' || Array.isArray(versions)) return null;
  const listed = Object.entries(versions).filter((e): e is [string, string] => isRecordPath(e[0]) && typeof e[1] === 'string' && BLOB.test(e[1]));
  return { path, ...made, versions: new Map(listed) };
}

/**
 * Files whose current version no signed merge approved but an attestation lists: approved by that
 * attestation — only for versions on main by the attestation's commit (`order`: mainline position), so
 * a version pushed later (a listed one never on main, or one put back after an amendment) is not covered.
 */
export function applyAttestations(files: Map<string, FileHistory>, attestations: readonly Attestation[], order: ReadonlyMap<string, number>): void {
  const by = (hash: string | undefined, limit: number) => hash !== undefined && (order.get(hash) ?? Infinity) <= limit;
  for (const a of attestations) {
    const limit = order.get(a.commit) ?? -1;
    for (const [path, blob] of a.versions) {
      const f = files.get(path);
      if (!f) continue;
      const landedBy = f.changes.filter((ch) => ch.onMainline && ch.blob === blob && by(ch.hash, limit));
      if (landedBy.length === 0) continue;
      // The current version is covered only when nothing changed the file on main since the attestation.
      const current = f.blob === blob && by(f.landed?.hash, limit);
      const approval = { state: 'approved' as const, by: a.by, via: 'attestation' as const, commit: a.commit, date: a.date, signature: a.signature, key: a.key, attestation: a.path };
      if (current && f.approval.state !== 'approved') f.approval = approval;
      if (!f.approvedVersions.some((v) => v.blob === blob)) f.approvedVersions.push({ blob, approval });
    }
  }
}
