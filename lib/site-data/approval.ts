import type { Approval, ArchiveHistory, FileHistory, StaffIdentity } from '../git/history.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { staffByEmail } from '../staff.ts';

/**
 * What the archive site says about who approved a record, from the ONE history read of the build.
 *
 * - approved:   the current version reached the mainline through a merge signed by a kasi's key, or by a
 *               listed forge key on a kasi's web merge (lib/git/approvals.ts).
 * - unapproved: it is on the mainline without that (direct push, squash, unsigned or badly signed merge,
 *               signed by someone who was not kasi then), or the
 *               working copy differs from the committed version, or it was never committed.
 * - unknown:    there is no usable history (not a git repository, or a shallow clone that cut the
 *               record's history): the site says "riwayat tidak lengkap" instead of guessing.
 */
export type ApprovalState = 'approved' | 'unapproved' | 'unknown';
export type ApprovalReason =
  | 'no-history'
  | 'shallow-history'
  | 'not-committed'
  | 'modified'
  | 'changed-after-approval'
  | NonNullable<Approval['reason']>;

export interface PersonView {
  id: string | null;
  name: string;
  nip: string | null;
  title: string | null;
}

export interface ApprovalView {
  state: ApprovalState;
  reason: ApprovalReason | null;
  by: PersonView | null;
  /** ISO instant (committer date of the approving merge). */
  date: string | null;
  commit: string | null;
  /** What verified it: the kasi's SSH key or a forge's web-merge key (null when not approved). */
  via?: 'ssh' | 'forge' | 'attestation' | null;
  /** The attestation that approved it, when `via` is 'attestation'. */
  attestation?: string | null;
  /** Fingerprint of the key that signed the approving merge. */
  key?: string | null;
}

export type HistoryEventKind = 'submitted' | 'changed' | 'approved' | 'merged' | 'deleted';
export interface HistoryEvent {
  kind: HistoryEventKind;
  date: string;
  who: string;
  commit: string;
  subject: string;
}

export interface RecordHistoryView {
  approval: ApprovalView;
  /** Mainline commit that brought the current version, if known. */
  commit: string | null;
  events: HistoryEvent[];
  /** History cut by a shallow clone (creation unknown). */
  truncated: boolean;
  /** Who committed the record's first version (a staff member by e-mail, else git's name); null when unknown. */
  recordedBy: PersonView | null;
}

export function personOf(config: ConfigRecord | undefined, id: string | null | undefined): PersonView {
  const s = config?.staff.find((x) => x.id === id);
  if (!s) return { id: id ?? null, name: id ?? '–', nip: null, title: null };
  return { id: s.id, name: s.name, nip: s.nip ?? null, title: s.title ?? null };
}

/**
 * The approval and history of one record file.
 * @param blob the blob id of the bytes the build loaded (to notice uncommitted edits).
 */
export function recordHistory(
  history: ArchiveHistory | null,
  path: string,
  blob: string,
  config: ConfigRecord | undefined,
): RecordHistoryView {
  const unknown = (reason: ApprovalReason): RecordHistoryView => ({
    approval: { state: 'unknown', reason, by: null, date: null, commit: null },
    commit: null,
    events: [],
    truncated: reason === 'shallow-history',
    recordedBy: null,
  });
  if (!history) return unknown('no-history');
  const file = history.files.get(path);
  if (!file) {
    if (history.shallow) return unknown('shallow-history');
    return { approval: { state: 'unapproved', reason: 'not-committed', by: null, date: null, commit: null }, commit: null, events: [], truncated: false, recordedBy: null };
  }
  const events = historyEvents(file, config);
  const recordedBy = file.truncated ? null : personByEmail(config, file.created.authorEmail, file.created.authorName);
  const commit = file.landed?.hash ?? null;
  if (file.blob !== blob) {
    return {
      approval: { state: 'unapproved', reason: 'modified', by: null, date: null, commit },
      commit,
      events,
      truncated: file.truncated,
      recordedBy,
    };
  }
  const a = file.approval;
  let approval: ApprovalView;
  if (a.state === 'approved') {
    // The person as the staff list named them when they approved (a later list may have dropped them).
    const by = a.by ? { ...personOf(config, a.by.id), name: a.by.name, nip: a.by.nip ?? personOf(config, a.by.id).nip } : null;
    approval = { state: 'approved', reason: null, by, date: a.date ?? null, commit: a.commit ?? null, via: a.via ?? null, key: a.key ?? null, attestation: a.attestation ?? null };
  } else if (a.reason === 'shallow-history') {
    approval = { state: 'unknown', reason: 'shallow-history', by: null, date: null, commit: a.commit ?? null };
  } else {
    // An approved record changed on main without a new approval: say that, not how the change arrived.
    const reason = file.approvedVersions.length > 0 ? 'changed-after-approval' : (a.reason ?? null);
    approval = { state: 'unapproved', reason, by: null, date: a.date ?? null, commit: a.commit ?? null };
  }
  return { approval, commit, events, truncated: file.truncated, recordedBy };
}

/** The staff member with this e-mail (compared as git users type it), else git's name for the author. */
function personByEmail(config: ConfigRecord | undefined, email: string, name: string): PersonView {
  const s = staffByEmail(config?.staff ?? [], email);
  return s ? personOf(config, s.id) : { id: null, name: name || email, nip: null, title: null };
}

function historyEvents(file: FileHistory, config: ConfigRecord | undefined): HistoryEvent[] {
  const approvedCommits = new Set(file.approvedVersions.map((v) => v.approval.commit));
  const who = (email: string, name: string) => staffByEmail(config?.staff ?? [], email)?.name ?? name;
  const out: HistoryEvent[] = [];
  let seenAdd = false;
  for (const ch of file.changes) {
    const base = { commit: ch.hash, subject: ch.subject };
    if (ch.parents.length >= 2 && ch.onMainline) {
      if (approvedCommits.has(ch.hash)) {
        const v = file.approvedVersions.find((x) => x.approval.commit === ch.hash);
        out.push({ ...base, kind: 'approved', date: ch.committerDate, who: v?.approval.by?.name ?? who(ch.authorEmail, ch.authorName) });
      } else {
        out.push({ ...base, kind: 'merged', date: ch.committerDate, who: who(ch.authorEmail, ch.authorName) });
      }
      continue;
    }
    const kind: HistoryEventKind = ch.status === 'D' ? 'deleted' : ch.status === 'A' && !seenAdd ? 'submitted' : 'changed';
    if (ch.status === 'A') seenAdd = true;
    out.push({ ...base, kind, date: ch.authorDate, who: who(ch.authorEmail, ch.authorName) });
  }
  return out;
}
