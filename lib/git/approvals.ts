/**
 * Who approved what, judged along main's first-parent line (DESIGN.md "Approval"): a version is approved
 * when the two-parent merge that brought it carries a valid signature by a kasi's key (or a listed forge
 * key on a merge authored by a kasi), judged with the keys and staff list in force before that merge.
 *
 * Keys and staff take effect only through an approval signed under the keys before them, so an admin who
 * lists his own key, or makes himself kasi, changes nothing. Trust starts at the anchor: the first commit
 * that adds `records/allowed_signers`, signed by a key listed in it.
 */
import { parseYamlSource } from '../load/yaml-source.ts';
import type { Approval, CommitRef, FileHistory, StaffIdentity } from './history.ts';
import { readBlobs, runGit } from './run-git.ts';
import { attestationOf, type Attestation } from './attestation.ts';
import { checkSignatures, type SignatureCheck } from './signatures.ts';
import type { VerificationStore } from './verification-store.ts';
import { emailKey } from '../staff.ts';

export const SIGNERS_PATH = 'records/allowed_signers';
export const CONFIG_PATH = 'records/config.yaml';
export const CHECKLISTS_PATH = 'records/checklists.yaml';
export const FORGE_KEYS_DIR = 'records/forge-keys/';
/** The kasi's attestations of versions approved before signatures (lib/git/attestation.ts). */
export const ATTESTATIONS_DIR = 'records/pengesahan/';
/** Files whose changes need an approval before they count: keys, staff and thresholds, checklists, attestations. */
export const isGovernancePath = (p: string) =>
  p === SIGNERS_PATH || p === CONFIG_PATH || p === CHECKLISTS_PATH || p.startsWith(FORGE_KEYS_DIR) || p.startsWith(ATTESTATIONS_DIR);

export interface TrustAnchor { commit: string; date: string; signer: string | null; key: string | null }
/** A change to keys, staff or rules on main that did not take effect (it was not approved). */
export interface IgnoredChange { commit: string; path: string; date: string }
/**
 * Thresholds and checklists as they stood from `date` (the approval that brought them) until the next
 * version: a round is judged by the version in force when it was recorded, so later edits re-judge nothing.
 */
export interface CriteriaVersion {
  commit: string;
  date: string;
  configBlob: string | null;
  checklistsBlob: string | null;
  /** Parsed `thresholds` of that config.yaml, and that checklists.yaml (null when absent or unreadable). */
  thresholds: unknown;
  checklists: unknown;
}
export interface Judged {
  verdicts: Map<string, Approval>;
  anchor: TrustAnchor | null;
  ignoredChanges: IgnoredChange[];
  criteria: CriteriaVersion[];
  attestations: Attestation[];
  /** records/allowed_signers as in force at the tip (only approved changes count); '' without an anchor. */
  keysInForce: string;
  /** The staff list in force at the tip. */
  staffInForce: StaffIdentity[];
  /** E-mails of everyone who was kasi at some point of main's history. */
  everKasi: Set<string>;
}

export class TrustAnchorError extends Error {}

/** Blob ids of the governance files in force. */
interface KeyState { signers: string | null; config: string | null; checklists: string | null; forge: Map<string, string> }
const copy = (s: KeyState): KeyState => ({ ...s, forge: new Map(s.forge) });
type GovChange = { path: string; blob: string | null };

/**
 * Verdicts for the mainline commits in `needed` (oldest-first `mainline`), governance changes taken from
 * `files`. One signature check per governance change, one per stretch of main with the same keys.
 */
export async function judgeMainline(repo: string, mainline: readonly CommitRef[], files: Map<string, FileHistory>, needed: ReadonlySet<string>, opts: { trustAnchor?: string; store?: VerificationStore } = {}): Promise<Judged> {
  const gov = governanceChanges(files);
  const blobs = await readBlobs(repo, [...gov.values()].flat().flatMap((c) => (c.blob ? [c.blob] : [])));
  const judge = (commits: readonly CommitRef[], s: KeyState) => judgeUnder(repo, commits, s, blobs, opts.store);
  const verdicts = new Map<string, Approval>();
  const ignoredChanges: IgnoredChange[] = [];
  let state: KeyState = { signers: null, config: null, checklists: null, forge: new Map() };
  const criteria: CriteriaVersion[] = [];
  const attestations: Attestation[] = [];
  const attest = (c: CommitRef, changes: readonly GovChange[], by: StaffIdentity | undefined, sig: SignatureCheck | undefined) => {
    for (const ch of changes) {
      const text = ch.blob && ch.path.startsWith(ATTESTATIONS_DIR) ? blobs.get(ch.blob) : undefined;
      const made = { commit: c.hash, date: c.committerDate, signature: sig?.kind ?? 'none', key: sig?.key ?? undefined };
      const a = text !== undefined && by ? attestationOf(ch.path, text, { ...made, by }) : null;
      if (a) attestations.push(a);
    }
  };
  const everKasi = new Set<string>();
  const takeEffect = (c: CommitRef, next: KeyState) => {
    for (const k of staffOf(next.config ? blobs.get(next.config) : undefined)) if (k.role === 'kasi') everKasi.add(emailKey(k.email));
    if (criteria.length === 0 || next.config !== state.config || next.checklists !== state.checklists) criteria.push(criteriaOf(c, next, blobs));
    state = next;
  };
  let anchor: TrustAnchor | null = null;
  let stretch: CommitRef[] = [];
  const closeStretch = async () => {
    if (anchor) for (const [h, v] of await judge(stretch, state)) verdicts.set(h, v);
    else for (const c of stretch) verdicts.set(c.hash, unanchored(c));
    stretch = [];
  };
  for (const c of mainline) {
    const changes = gov.get(c.hash);
    if (!changes) {
      if (needed.has(c.hash)) stretch.push(c);
      continue;
    }
    await closeStretch();
    const after = applied(state, changes);
    if (!anchor) {
      // Before the anchor there is nothing to approve with; the anchor vouches for itself.
      const self = after.signers ? await checkOne(repo, c, after, blobs) : undefined;
      if (self?.kind === 'ssh') anchor = { commit: c.hash, date: c.committerDate, signer: self.signer, key: self.key };
      const staff = staffOf(after.config ? blobs.get(after.config) : undefined);
      verdicts.set(c.hash, anchor ? decide(c, self, staff) : unanchored(c));
      if (anchor) {
        // The anchor's signer may attest the versions approved before signatures in the same commit.
        attest(c, changes, staff.find((s) => s.role === 'kasi' && same(s.email, self?.signer)), self);
        takeEffect(c, after);
      } else state = after;
      continue;
    }
    const v = (await judge([c], state)).get(c.hash)!;
    verdicts.set(c.hash, v);
    if (v.state === 'approved') {
      attest(c, changes, v.by, { kind: v.signature ?? 'none', code: '', signer: null, key: v.key ?? null });
      takeEffect(c, after);
    }
    else for (const ch of changes) ignoredChanges.push({ commit: c.hash, path: ch.path, date: c.committerDate });
  }
  await closeStretch();
  if (opts.trustAnchor && anchor?.commit !== opts.trustAnchor) {
    throw new TrustAnchorError(
      `Riwayat arsip tidak berawal dari jangkar kepercayaan yang ditetapkan (RONDA_TRUST_ANCHOR=${opts.trustAnchor}); ` +
        `jangkar di riwayat ini: ${anchor?.commit ?? 'tidak ada'}. Riwayat mungkin ditulis ulang: periksa sebelum menerbitkan.`,
    );
  }
  const keysInForce = anchor && state.signers ? (blobs.get(state.signers) ?? '') : '';
  return { verdicts, anchor, ignoredChanges, criteria, attestations, keysInForce, staffInForce: staffOf(state.config ? blobs.get(state.config) : undefined), everKasi };
}

function criteriaOf(c: CommitRef, s: KeyState, blobs: Map<string, string>): CriteriaVersion {
  const data = (blob: string | null, path: string) => {
    const text = blob ? blobs.get(blob) : undefined;
    const src = text === undefined ? null : parseYamlSource(text, path);
    return src && !('problems' in src) ? (src.data as Record<string, unknown> | null) : null;
  };
  return { commit: c.hash, date: c.committerDate, configBlob: s.config, checklistsBlob: s.checklists, thresholds: data(s.config, CONFIG_PATH)?.thresholds ?? null, checklists: data(s.checklists, CHECKLISTS_PATH) };
}

/** Mainline commit → the governance files it changed (first-parent diff for a merge). */
function governanceChanges(files: Map<string, FileHistory>): Map<string, GovChange[]> {
  const out = new Map<string, GovChange[]>();
  for (const [path, f] of files) {
    if (!isGovernancePath(path)) continue;
    for (const ch of f.changes) if (ch.onMainline) (out.get(ch.hash) ?? out.set(ch.hash, []).get(ch.hash)!).push({ path, blob: ch.blob });
  }
  return out;
}

function applied(s: KeyState, changes: readonly GovChange[]): KeyState {
  const next = copy(s);
  for (const { path, blob } of changes) {
    if (path === SIGNERS_PATH) next.signers = blob;
    else if (path === CONFIG_PATH) next.config = blob;
    else if (path === CHECKLISTS_PATH) next.checklists = blob;
    else if (path.startsWith(FORGE_KEYS_DIR)) blob ? next.forge.set(path, blob) : next.forge.delete(path);
  }
  return next;
}

const keysOf = (s: KeyState, blobs: Map<string, string>) => ({
  signers: (s.signers && blobs.get(s.signers)) || '',
  forgeKeys: [...s.forge.values()].map((b) => blobs.get(b) ?? ''),
});

async function checkOne(repo: string, c: CommitRef, s: KeyState, blobs: Map<string, string>): Promise<SignatureCheck | undefined> {
  return (await checkSignatures(repo, [c.hash], keysOf(s, blobs))).get(c.hash);
}

async function judgeUnder(repo: string, commits: readonly CommitRef[], s: KeyState, blobs: Map<string, string>, store?: VerificationStore): Promise<Map<string, Approval>> {
  const checks = await checkSignatures(repo, commits.map((c) => c.hash), keysOf(s, blobs), store);
  const staff = staffOf(s.config ? blobs.get(s.config) : undefined);
  const out = new Map<string, Approval>();
  for (const c of commits) out.set(c.hash, decide(c, checks.get(c.hash), staff));
  return out;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && emailKey(a) === emailKey(b);

/** The rule for one mainline commit, given git's verdict on its signature and the staff list in force. */
export function decide(c: CommitRef, check: SignatureCheck | undefined, staff: readonly StaffIdentity[]): Approval {
  const signature = check?.kind ?? 'none';
  const base = { commit: c.hash, date: c.committerDate, signature, key: check?.key ?? undefined };
  if (c.shallowBoundary) return { state: 'unapproved', reason: 'shallow-history', ...base };
  if (c.parents.length < 2) {
    const rewritten = !same(c.committerEmail, c.authorEmail) || Date.parse(c.committerDate) !== Date.parse(c.authorDate) || /\(#\d+\)\s*$/.test(c.subject);
    return { state: 'unapproved', reason: rewritten ? 'squash-or-rebase' : 'direct-push', ...base };
  }
  if (c.parents.length > 2) return { state: 'unapproved', reason: 'octopus-merge', ...base };
  if (signature === 'none') return { state: 'unapproved', reason: 'unsigned', ...base };
  if (signature === 'bad') return { state: 'unapproved', reason: 'bad-signature', ...base };
  // An address listed for two staff members (one of them not kasi) names nobody for certain: no kasi.
  const kasi = staff.filter((s) => s.role === 'kasi' && staff.filter((o) => same(o.email, s.email)).length === 1);
  if (signature === 'ssh') {
    const by = kasi.find((s) => same(s.email, check?.signer));
    return by ? { state: 'approved', by, via: 'ssh', ...base } : { state: 'unapproved', reason: 'signer-not-kasi', ...base };
  }
  const by = kasi.find((s) => same(s.email, c.authorEmail) || (s.forgeEmails ?? []).some((e) => same(e, c.authorEmail)));
  return by ? { state: 'approved', by, via: 'forge', ...base } : { state: 'unapproved', reason: 'forge-author-not-kasi', ...base };
}

/** Not approved for want of an anchor; a commit that could never approve says why instead. */
export function unanchored(c: CommitRef): Approval {
  if (c.parents.length !== 2 || c.shallowBoundary) return decide(c, undefined, []);
  return { state: 'unapproved', reason: 'no-trust-anchor', commit: c.hash, date: c.committerDate, signature: 'none' };
}

/** Staff from a config.yaml text as it stood in history (an unreadable one has no kasi). */
export function staffOf(text: string | undefined): StaffIdentity[] {
  if (!text) return [];
  const src = parseYamlSource(text, CONFIG_PATH);
  if ('problems' in src) return [];
  const staff = (src.data as { staff?: unknown }).staff;
  if (!Array.isArray(staff)) return [];
  return staff.flatMap((s: Record<string, unknown>) =>
    typeof s?.id === 'string' && typeof s.email === 'string' && (s.role === 'kasi' || s.role === 'admin')
      ? [{ id: s.id, name: String(s.name ?? s.id), email: s.email, role: s.role, nip: typeof s.nip === 'string' ? s.nip : undefined, forgeEmails: Array.isArray(s.forge_emails) ? s.forge_emails.map(String) : undefined }]
      : [],
  );
}

/**
 * Mainline merges that moved a kasi's signed approval off the first-parent line: a merge whose first
 * parent is an old commit and whose second parent is main (made by whoever, pushed as a fast-forward)
 * would have the history judged without the approvals, key removals or demotions it hides. Found as
 * merges off the first-parent line signed by a listed key of someone who was kasi at some point; each maps the
 * mainline merge that brought it in → the hidden approval.
 */
export async function swappedMerges(repo: string, head: string, mainline: readonly CommitRef[], judged: Judged): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!judged.anchor || !judged.keysInForce) return out;
  const onLine = new Set(mainline.map((c) => c.hash));
  const side = (await runGit(repo, ['rev-list', '--merges', head])).split('\n').filter((h) => h && !onLine.has(h));
  if (side.length === 0) return out;
  const checks = await checkSignatures(repo, side, { signers: judged.keysInForce, forgeKeys: [] });
  for (const h of side) {
    const c = checks.get(h);
    if (c?.kind !== 'ssh' || !c.signer || !judged.everKasi.has(emailKey(c.signer))) continue;
    const first = (await runGit(repo, ['rev-list', '--first-parent', '--ancestry-path', '--reverse', `${h}..${head}`])).split('\n')[0];
    if (first && !out.has(first)) out.set(first, h);
  }
  return out;
}
