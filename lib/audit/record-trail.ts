/**
 * A record's trail for an auditor (`npm run audit`): who recorded it and when, every version that reached
 * main, who approved each and with which verified key (or why not), the amendments with their reasons.
 * Plain data from the one history read; the command prints it as text or JSON.
 */
import type { Approval, ArchiveHistory, StaffIdentity } from '../git/history.ts';
import type { TrustAnchor } from '../git/approvals.ts';
import { staffByEmail } from '../staff.ts';

export interface TrailVersion {
  commit: string;
  date: string;
  blob: string | null;
  status: 'A' | 'M' | 'D';
  approval: 'approved' | 'unapproved';
  approved_by: string | null;
  signature: 'ssh' | 'forge' | 'none' | 'bad';
  key: string | null;
  reason: string | null;
}
export interface RecordTrail {
  path: string;
  approval: 'approved' | 'unapproved';
  approved_by: string | null;
  signature: 'ssh' | 'forge' | 'none' | 'bad';
  key: string | null;
  reason: string | null;
  /** How the approval was made: a signed merge ('ssh' | 'forge') or the kasi's attestation (then its file). */
  via: 'ssh' | 'forge' | 'attestation' | null;
  attestation: string | null;
  recorded_by: { staff: string | null; name: string; email: string; date: string } | null;
  /** The round's `officer` when someone else committed it (a colleague typing in a paper form). */
  on_behalf_of: string | null;
  versions: TrailVersion[];
  amendments: { by: string; at: string; reason: string }[];
  trust_anchor: TrustAnchor | null;
}


function versionOf(commit: string, date: string, blob: string | null, status: 'A' | 'M' | 'D', a: Approval | undefined): TrailVersion {
  return {
    commit, date, blob, status,
    approval: a?.state === 'approved' ? 'approved' : 'unapproved',
    approved_by: a?.state === 'approved' ? (a.by?.id ?? null) : null,
    signature: a?.signature ?? 'none',
    key: a?.key ?? null,
    reason: a?.reason ?? null,
  };
}

/** The trail of `path`; null when the history never saw it. `record` is the file's current data, if any. */
export function recordTrail(history: ArchiveHistory, path: string, staff: readonly StaffIdentity[], record: { officer?: unknown; amendments?: unknown } | null): RecordTrail | null {
  const file = history.files.get(path);
  if (!file) return null;
  const versions = file.changes.filter((ch) => ch.onMainline).map((ch) => versionOf(ch.hash, ch.committerDate, ch.blob, ch.status, history.verdicts.get(ch.hash)));
  const current = file.approval;
  const creator = file.truncated ? null : file.created;
  const recorder = creator ? staffByEmail(staff, creator.authorEmail) : undefined;
  const officer = typeof record?.officer === 'string' ? record.officer : null;
  const amendments = Array.isArray(record?.amendments)
    ? (record.amendments as Record<string, unknown>[]).map((a) => ({ by: String(a.by ?? ''), at: String(a.at ?? ''), reason: String(a.reason ?? '') }))
    : [];
  return {
    path,
    approval: current.state,
    approved_by: current.state === 'approved' ? (current.by?.id ?? null) : null,
    signature: current.signature ?? 'none',
    key: current.key ?? null,
    reason: current.reason ?? null,
    via: current.state === 'approved' ? (current.via ?? null) : null,
    attestation: current.attestation ?? null,
    recorded_by: creator ? { staff: recorder?.id ?? null, name: recorder?.name ?? creator.authorName, email: creator.authorEmail, date: creator.authorDate } : null,
    on_behalf_of: officer && creator && officer !== recorder?.id ? officer : null,
    versions,
    amendments,
    trust_anchor: history.anchor,
  };
}
