/**
 * The one git-history reader: ONE streamed `git log` pass over every commit
 * reachable from a ref → per-file history (who created/changed what, when) and
 * the approval state of each file's current version (DESIGN.md "Approval").
 *
 * Layout: pure parsing first (LogReader builds the files while the log streams),
 * then the verdicts of approvals.ts applied to the files, the process I/O (`readHistory`, `git`) at the bottom.
 */
import type { ForgeTimes } from '../timing/forge-times.ts';
import { execFile as execFileCb, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { judgeMainline, swappedMerges, type CriteriaVersion, type IgnoredChange, type TrustAnchor } from './approvals.ts';
import { applyAttestations, type Attestation } from './attestation.ts';
import type { VerificationStore } from './verification-store.ts';
import { gitEnv, readBlobs } from './run-git.ts';
import { parseYamlSource } from '../load/yaml-source.ts';
import type { SignatureKind } from './signatures.ts';

export { TrustAnchorError } from './approvals.ts';

export interface StaffIdentity {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'kasi';
  nip?: string;
  /** A forge's no-reply addresses for this person (the author of a web merge). */
  forgeEmails?: string[];
}

export interface CommitRef {
  hash: string;
  authorName: string;
  authorEmail: string;
  authorDate: string; // ISO 8601 with offset (%aI)
  committerName: string;
  committerEmail: string;
  committerDate: string; // ISO 8601 with offset (%cI)
  subject: string;
  /** Trailer key as written in the message (case kept) → values. Information only: a trailer never approves. */
  trailers: Record<string, string[]>;
  /** Parent hashes (first parent first). Empty for a root commit — and for a shallow-boundary commit. */
  parents: string[];
  /** True when this commit sits on the shallow boundary: its parents are cut off, so its diff lists the whole tree as added. */
  shallowBoundary?: boolean;
}

/** From readHistory these are `Change` objects: the commit fields are getters on one shared commit, so `{...change}` lacks them. */
export interface FileChange extends CommitRef {
  status: 'A' | 'M' | 'D';
  /** Blob id after the change; null if deleted. */
  blob: string | null;
  /** On the first-parent chain of the ref. For a merge, the change is its diff against the first parent. */
  onMainline: boolean;
}

export interface Approval {
  state: 'approved' | 'unapproved';
  by?: StaffIdentity;
  /** The mainline commit this verdict is about (the merge for approved versions). */
  commit?: string;
  /** Committer date of that commit: when the version reached the mainline. */
  date?: string;
  /**
   * What verified the approval: the kasi's own SSH key, a forge's web-merge key on a kasi's merge, or the
   * kasi's signed attestation of a version approved before signatures (then `commit` is the attestation's).
   */
  via?: 'ssh' | 'forge' | 'attestation';
  /** The attestation file (records/pengesahan/…) when `via` is 'attestation'. */
  attestation?: string;
  /** git's verdict on that commit's signature (with the keys in force before it). */
  signature?: SignatureKind;
  /** Fingerprint of the signing key (SSH SHA256:…, or the forge key's OpenPGP fingerprint). */
  key?: string;
  /** 'shallow-history': the version arrived in a commit at the shallow boundary, so how it arrived is unknown. */
  reason?:
    | 'direct-push' | 'squash-or-rebase' | 'octopus-merge' | 'unsigned' | 'bad-signature' | 'signer-not-kasi'
    | 'forge-author-not-kasi' | 'no-trust-anchor' | 'not-on-mainline' | 'shallow-history' | 'parents-swapped';
  /** 'parents-swapped': the kasi's approval this merge moved off main's first-parent line. */
  hides?: string;
}

export interface FileHistory {
  path: string;
  /** Oldest change seen. When `truncated`, this is the shallow-boundary commit, NOT the real creation. */
  created: FileChange;
  /** Oldest first; every commit that touched it (branch commits and first-parent diffs of merges). */
  changes: FileChange[];
  /** The mainline commit that brought its current version (or its deletion) to the ref. */
  landed?: CommitRef;
  /** Approval of the CURRENT version on the ref (for a deleted file: of the deletion). */
  approval: Approval;
  /** Every version that was ever approved, oldest first, one entry per distinct blob (its first approval). */
  approvedVersions: { blob: string; approval: Approval }[];
  /** Current blob id at the ref; null if deleted (or never reached the mainline). */
  blob: string | null;
  deleted: boolean;
  /** History is cut by a shallow clone: the file already existed at the boundary; real creation unknown. */
  truncated: boolean;
}

export interface ArchiveHistory {
  ref: string;
  head: string | null;
  shallow: boolean;
  commitsRead: number;
  files: Map<string, FileHistory>;
  /** Main's first-parent line, oldest first (commit ids). */
  mainline: string[];
  /** The first commit adding records/allowed_signers, signed by a key it lists; null: nothing can be approved. */
  anchor: TrustAnchor | null;
  /** Changes to keys, staff or rules that reached main without an approval and so never took effect. */
  ignoredChanges: IgnoredChange[];
  /** Thresholds and checklists in force over time, oldest first (empty without a trust anchor). */
  criteria: CriteriaVersion[];
  /** The kasi's attestations of versions approved before signatures, in force (approved) ones only. */
  attestations: Attestation[];
  /** records/allowed_signers as in force at the tip ('' without an anchor). */
  keysInForce: string;
  /** Mainline merges that moved a kasi's signed approval off the first-parent line → that approval. */
  swapped: Map<string, string>;
  /** Each room file's approved versions (oldest first, parsed): a round is judged with its room as approved then. */
  roomVersions: Map<string, { commit: string; date: string; data: unknown }[]>;
  /** The verdict on each mainline commit that changed a kept file. */
  verdicts: ReadonlyMap<string, Approval>;
  /** The forge's record of pull requests, when the build was given one (not read from git). */
  forge?: ForgeTimes | null;
}

export class GitHistoryError extends Error {
  constructor(
    message: string,
    readonly code: 'GIT_NOT_FOUND' | 'NOT_A_DIRECTORY' | 'NOT_A_REPOSITORY' | 'BAD_REF' | 'GIT_FAILED' | 'BAD_OUTPUT',
  ) {
    super(message);
    this.name = 'GitHistoryError';
  }
}

// ---------------------------------------------------------------------------
// Pure parsing

const SENTINEL = '\x1eRONDA';
/**
 * With `-z` every field and every raw-diff path is NUL-terminated, and NUL can't
 * occur in subjects, names or paths, so the stream is read positionally: a
 * subject or path that looks like a sentinel or a diff line can't confuse it.
 * Trailers use \x1f between lines and \x1d between key and value.
 */
export const LOG_FORMAT =
  '%x1eRONDA%x00%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%s%x00' +
  '%(trailers:only,unfold,separator=%x1f,key_value_separator=%x1d)';

export function logArgs(ref: string): string[] {
  return [
    '--no-replace-objects', // replace refs could rewrite who merged what
    '-c', 'log.showSignature=false', // would inject text into the stream
    'log',
    '--topo-order', // children before parents: the mainline can be followed while streaming
    '--root', // the root commit's files appear as added
    '--diff-merges=first-parent', // a merge shows what it brought to the mainline
    '--raw', '--no-abbrev', '--no-renames', '-z',
    '--no-mailmap', // identities as recorded: a repo-controlled .mailmap must not forge a kasi
    '--no-color',
    `--format=${LOG_FORMAT}`,
    '--end-of-options', ref, // a ref can't pass for an option
    '--',
  ];
}

export function parseTrailers(s: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of s.split('\x1f')) {
    const i = line.indexOf('\x1d');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim();
    (out[key] ??= []).push(line.slice(i + 1).trim());
  }
  return out;
}

/**
 * One change of one file. It does not copy its commit's fields: it reads them from the commit
 * object shared by every file that commit touched (at 400,000 commits, copies cost ≈1 GB of heap).
 * `{...change}` therefore gives only commit/status/blob/onMainline; `JSON.stringify` gives all fields.
 */
export class Change implements FileChange {
  constructor(
    readonly commit: CommitRef,
    readonly status: 'A' | 'M' | 'D',
    readonly blob: string | null,
    readonly onMainline: boolean,
  ) {}
  get hash() { return this.commit.hash; }
  get authorName() { return this.commit.authorName; }
  get authorEmail() { return this.commit.authorEmail; }
  get authorDate() { return this.commit.authorDate; }
  get committerName() { return this.commit.committerName; }
  get committerEmail() { return this.commit.committerEmail; }
  get committerDate() { return this.commit.committerDate; }
  get subject() { return this.commit.subject; }
  get trailers() { return this.commit.trailers; }
  get parents() { return this.commit.parents; }
  get shallowBoundary() { return this.commit.shallowBoundary; }
  toJSON(): FileChange {
    return { ...this.commit, status: this.status, blob: this.blob, onMainline: this.onMainline };
  }
}

const SENTINEL_BYTES = Buffer.from(SENTINEL, 'latin1');
const NO_TRAILERS: Record<string, string[]> = Object.freeze({}) as Record<string, string[]>;

const NOT_ON_MAINLINE: Approval = { state: 'unapproved', reason: 'not-on-mainline' }; // placeholder, copied per file in end()

/**
 * State machine over the bytes of `git log` with `logArgs`, building each kept file's history as the
 * commits stream by, so little is left to do when git exits.
 *
 * - Buffers, not decoded text: each kept field becomes its own small string (a slice of a decoded
 *   chunk would keep the whole chunk alive), and skipped paths are never decoded.
 * - Topological order lists children before parents: the first commit is the head, and each
 *   mainline commit names the next one, so the first-parent chain is known while streaming. A file's
 *   first mainline change seen is the one that landed its current version; for each blob, the last
 *   approved mainline change seen is its first approval.
 */
export class LogReader {
  commitsRead = 0;
  /** The first commit read: the tip of the ref. */
  head: string | null = null;
  /** Kept path → its history; `changes` are newest first until end(). */
  readonly files = new Map<string, FileHistory>();
  private rest: Buffer | null = null; // bytes of a token cut by a chunk boundary
  private field = -1; // index of the next commit field; -1 in a commit's diff (or before the first commit)
  private readonly f: string[] = [];
  private parents: string[] = [];
  private commit: CommitRef | null = null;
  private onMain = false;
  private nextMain: string | null | undefined = null; // null: the first commit (the head) is next
  /** Main's first-parent line as read: newest first. */
  readonly mainline: CommitRef[] = [];
  private pending: 'A' | 'M' | 'D' | null = null; // status of a raw diff line whose path is the next token
  private pendingBlob: string | null = null;
  private readonly names = new Map<string, string>(); // one string per distinct name/email (few people, many commits)
  private readonly awaited = new Map<string, string>(); // parent ids named but not read yet: the commit reuses the string
  private readonly prefix: Buffer;

  constructor(
    prefix: string,
    private readonly boundary: ReadonlySet<string> = new Set(),
  ) {
    this.prefix = Buffer.from(prefix, 'utf8');
  }

  push(chunk: Buffer): void {
    let start = 0;
    if (this.rest) {
      // Only the cut token is joined: copying whole chunks costs more than the parsing.
      const end = chunk.indexOf(0);
      const joined = Buffer.concat([this.rest, end === -1 ? chunk : chunk.subarray(0, end)]);
      this.rest = null;
      if (end === -1) return void (this.rest = joined);
      this.token(joined, 0, joined.length);
      start = end + 1;
    }
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      this.token(chunk, start, end);
      start = end + 1;
    }
    if (start < chunk.length) this.rest = Buffer.from(chunk.subarray(start)); // a copy: small, and the stream owns the chunk
  }

  /** After the last chunk: turns each file's changes oldest first and returns the files. */
  end(): Map<string, FileHistory> {
    const rest = this.rest;
    this.rest = null;
    if (rest) this.token(rest, 0, rest.length);
    if (this.field >= 0 || this.pending) throw new GitHistoryError('git log output ended in the middle of a commit', 'BAD_OUTPUT');
    for (const f of this.files.values()) {
      f.changes = f.changes.toReversed(); // a copy of the exact size: a grown array keeps ≥17 slots
      f.created = f.changes[0]!;
      f.truncated = f.created.shallowBoundary === true;
      if (f.approval === NOT_ON_MAINLINE) f.approval = { ...NOT_ON_MAINLINE };
    }
    return this.files;
  }

  private token(buf: Buffer, start: number, end: number): void {
    if (this.field >= 0) return this.commitField(buf, start, end);
    if (this.pending) {
      const status = this.pending;
      this.pending = null;
      if (!startsWith(buf, start, end, this.prefix)) return;
      this.addChange(buf.toString('utf8', start, end), status, this.pendingBlob);
      return;
    }
    if (buf[start] === 0x0a) start++; // git puts a newline between header and diff
    if (start === end) return;
    if (buf[start] === 0x3a /* : */ && this.commit) return this.rawHeader(buf, start, end);
    if (end - start === SENTINEL_BYTES.length && startsWith(buf, start, end, SENTINEL_BYTES)) {
      this.field = 0;
      return;
    }
    throw new GitHistoryError(`unexpected git log output: ${JSON.stringify(buf.toString('utf8', start, Math.min(end, start + 120)))}`, 'BAD_OUTPUT');
  }

  private addChange(path: string, status: 'A' | 'M' | 'D', blob: string | null): void {
    const commit = this.commit!;
    let file = this.files.get(path);
    if (!file) {
      const ch = new Change(commit, status, blob, this.onMain);
      file = { path, created: ch, changes: [ch], landed: undefined, approval: NOT_ON_MAINLINE, approvedVersions: [], blob: null, deleted: true, truncated: false };
      this.files.set(path, file);
    } else {
      const prev = file.changes[file.changes.length - 1]!.blob;
      if (prev === blob) blob = prev; // one string for the branch commit's and the merge's blob
      file.changes.push(new Change(commit, status, blob, this.onMain));
    }
    if (!this.onMain || file.landed) return;
    // Newest mainline change: it brought the current version (or the deletion).
    file.landed = commit;
    file.blob = blob;
    file.deleted = blob === null;
  }

  private commitField(buf: Buffer, start: number, end: number): void {
    const i = this.field;
    if (i === 1) {
      const parents = (this.parents = parentsOf(buf, start, end));
      for (let k = 0; k < parents.length; k++) {
        const known = this.awaited.get(parents[k]!);
        if (known === undefined) this.awaited.set(parents[k]!, parents[k]!);
        else parents[k] = known;
      }
    } else if (i === 0 || i === 4 || i === 7) this.f[i] = buf.toString('latin1', start, end); // ids and dates are ASCII
    else if (i === 9) return this.startCommit(start === end ? NO_TRAILERS : parseTrailers(buf.toString('utf8', start, end)));
    else this.f[i] = buf.toString('utf8', start, end);
    this.field++;
  }

  private startCommit(trailers: Record<string, string[]>): void {
    const f = this.f as [string, string, string, string, string, string, string, string, string];
    if (f[0].length !== 40 && f[0].length !== 64) throw new GitHistoryError(`unexpected commit id in git log output: ${JSON.stringify(f[0])}`, 'BAD_OUTPUT');
    // Its children came first (topological order) and named it: one string for the id.
    const hash = this.awaited.get(f[0]) ?? f[0];
    this.awaited.delete(hash);
    const authorName = this.name(f[2]);
    const authorEmail = this.name(f[3]);
    const commit: CommitRef = {
      hash,
      parents: this.parents,
      authorName,
      authorEmail,
      authorDate: f[4],
      // Usually the author's: one string for both.
      committerName: f[5] === authorName ? authorName : this.name(f[5]),
      committerEmail: f[6] === authorEmail ? authorEmail : this.name(f[6]),
      committerDate: f[7] === f[4] ? f[4] : f[7],
      subject: f[8],
      trailers,
    };
    if (this.boundary.has(hash)) commit.shallowBoundary = true;
    this.head ??= hash;
    this.onMain = this.nextMain === null || hash === this.nextMain;
    if (this.onMain) {
      this.nextMain = this.parents[0]; // undefined after a root or shallow-boundary commit: chain ends
      this.mainline.push(commit);
    }
    this.commit = commit;
    this.commitsRead++;
    this.field = -1;
  }

  private name(s: string): string {
    const known = this.names.get(s);
    if (known !== undefined) return known;
    this.names.set(s, s);
    return s;
  }

  /** `:<mode> <mode> <old id> <new id> <status>` (with -z the path follows as the next token). */
  private rawHeader(buf: Buffer, start: number, end: number): void {
    const old = start + 15; // after ":100644 100644 "
    const sp = buf.indexOf(0x20, old);
    const len = sp - old;
    const letter = buf[sp + len + 2];
    if (buf[start + 7] !== 0x20 || buf[start + 14] !== 0x20 || (len !== 40 && len !== 64) || sp + len + 2 >= end ||
        buf[sp + len + 1] !== 0x20 || letter === undefined || letter < 0x41 || letter > 0x5a) {
      throw new GitHistoryError(`unexpected raw diff line from git log: ${JSON.stringify(buf.toString('utf8', start, Math.min(end, start + 120)))}`, 'BAD_OUTPUT');
    }
    // T (type change), U, X count as modifications: the path still exists.
    const status = letter === 0x41 ? 'A' : letter === 0x44 ? 'D' : 'M';
    this.pending = status;
    this.pendingBlob = status === 'D' || isZero(buf, sp + 1, sp + 1 + len) ? null : buf.toString('latin1', sp + 1, sp + 1 + len);
  }
}

/** %P: parent ids separated by spaces, in an array of the exact size (a grown one keeps ≥17 slots). */
function parentsOf(buf: Buffer, start: number, end: number): string[] {
  if (start === end) return [];
  const sp = buf.indexOf(0x20, start);
  if (sp === -1 || sp > end) return [buf.toString('latin1', start, end)];
  const sp2 = buf.indexOf(0x20, sp + 1);
  if (sp2 === -1 || sp2 > end) return [buf.toString('latin1', start, sp), buf.toString('latin1', sp + 1, end)];
  return buf.toString('latin1', start, end).split(' '); // octopus merge: rare
}

function startsWith(buf: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}

function isZero(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0x30) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Approvals (the rules are in approvals.ts)

/**
 * Sets each file's approval (of its current version) and approved versions (each blob once, at its
 * first approval, oldest first) from the verdicts on the mainline commits.
 */
export function applyVerdicts(files: Map<string, FileHistory>, verdicts: ReadonlyMap<string, Approval>): void {
  for (const f of files.values()) {
    if (f.landed) f.approval = verdicts.get(f.landed.hash) ?? { state: 'unapproved', reason: 'not-on-mainline' };
    const seen = new Set<string>();
    const approved: FileHistory['approvedVersions'] = [];
    for (const ch of f.changes) {
      const v = ch.onMainline && ch.blob && !seen.has(ch.blob) ? verdicts.get(ch.hash) : undefined;
      if (v?.state === 'approved') {
        seen.add(ch.blob!);
        approved.push({ blob: ch.blob!, approval: v });
      }
    }
    f.approvedVersions = approved;
  }
}

/** Room files as approved along main (an unapproved edit, such as relaxed room thresholds, never counts). */
async function approvedRoomVersions(repo: string, files: Map<string, FileHistory>, verdicts: ReadonlyMap<string, Approval>, anchor: string | null): Promise<ArchiveHistory['roomVersions']> {
  const wanted: { path: string; commit: string; date: string; blob: string }[] = [];
  for (const [path, f] of files) {
    if (!/^records\/rooms\/[^/]+\.ya?ml$/.test(path)) continue;
    // The anchor vouches for what it holds, like an approval.
    for (const ch of f.changes) if (ch.onMainline && ch.blob && (ch.hash === anchor || verdicts.get(ch.hash)?.state === 'approved')) wanted.push({ path, commit: ch.hash, date: ch.committerDate, blob: ch.blob });
  }
  const out: ArchiveHistory['roomVersions'] = new Map();
  if (wanted.length === 0) return out;
  const texts = await readBlobs(repo, wanted.map((w) => w.blob));
  for (const w of wanted) {
    const src = parseYamlSource(texts.get(w.blob) ?? '', w.path);
    if ('problems' in src) continue;
    const id = w.path.replace(/^records\/rooms\//, '').replace(/\.ya?ml$/, '');
    (out.get(id) ?? out.set(id, []).get(id)!).push({ commit: w.commit, date: w.date, data: src.data });
  }
  return out;
}

/** The mainline commits whose verdict some file needs. */
function neededCommits(files: Map<string, FileHistory>): Set<string> {
  const out = new Set<string>();
  for (const f of files.values()) for (const ch of f.changes) if (ch.onMainline) out.add(ch.hash);
  return out;
}

// ---------------------------------------------------------------------------
// I/O

function spawnError(err: NodeJS.ErrnoException): GitHistoryError {
  return err.code === 'ENOENT'
    ? new GitHistoryError('git is not installed or not on PATH (spawn git: ENOENT)', 'GIT_NOT_FOUND')
    : new GitHistoryError(`could not run git: ${err.message}`, 'GIT_FAILED');
}

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    execFileCb('git', args, { cwd, env: gitEnv(), maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return rej(spawnError(err as NodeJS.ErrnoException));
      res({ code: err ? (err.code as unknown as number) : 0, stdout, stderr });
    });
  });
}

/** Streams `git log` into `onData`; never holds the whole output. */
function streamLog(cwd: string, args: string[], onData: (chunk: Buffer) => void): { done: Promise<void>; kill: () => void } {
  const child = spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<void>((res, rej) => {
    let stderr = '';
    let failed: Error | null = null;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = e instanceof Error ? e : new Error(String(e));
      child.kill();
    };
    child.on('error', (e) => fail(spawnError(e)));
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 8192) stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      if (failed) return;
      try { onData(d); } catch (e) { fail(e); }
    });
    child.on('close', (code) => {
      if (failed) return rej(failed);
      if (code !== 0) return rej(new GitHistoryError(`git log failed (exit ${code}) in ${cwd}: ${stderr.trim()}`, 'GIT_FAILED'));
      res();
    });
  });
  return { done, kill: () => child.kill() };
}

/**
 * Reads the whole history reachable from `opts.ref` (default HEAD) in one `git log` pass.
 * Keeps only paths under `opts.pathPrefix` (default 'records/'; '' keeps all), but reads
 * every commit so the mainline is exact. Unborn HEAD (empty repo) → empty map.
 */
export async function readHistory(
  repoDir: string,
  opts: { ref?: string; pathPrefix?: string; trustAnchor?: string; store?: VerificationStore } = {},
): Promise<ArchiveHistory> {
  const ref = opts.ref ?? 'HEAD';
  const prefix = opts.pathPrefix ?? 'records/';
  const st = await stat(repoDir).catch(() => null);
  if (!st?.isDirectory()) throw new GitHistoryError(`not a directory: ${repoDir}`, 'NOT_A_DIRECTORY');

  // git log starts at once, beside the rev-parse that checks the repository and the ref: its
  // topological walk takes far longer, and its first chunks wait here until the reader exists.
  let reader: LogReader | null = null;
  const early: Buffer[] = [];
  const log = streamLog(repoDir, logArgs(ref), (chunk) => { if (reader) reader.push(chunk); else early.push(chunk); });
  log.done.catch(() => {}); // judged after the probe: a bad repository or ref fails both, the probe says why
  try {
    // One rev-parse answers three questions: shallow?, where the shallow file is, and the ref's commit.
    const probe = await git(repoDir, [
      'rev-parse', '--is-shallow-repository', '--git-path', 'shallow',
      '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`,
    ]);
    const [shallowFlag, shallowPath, resolved] = probe.stdout.split('\n');
    if (probe.code !== 0 && shallowPath === undefined) {
      throw new GitHistoryError(`not a git repository: ${repoDir} (${probe.stderr.trim()})`, 'NOT_A_REPOSITORY');
    }
    const shallow = shallowFlag === 'true';
    if (probe.code !== 0 || !resolved) {
      // HEAD of a fresh repository points to an unborn branch: no history yet, not an error.
      const unborn = ref === 'HEAD' && (await git(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD'])).code !== 0;
      if (unborn) return { ref, head: null, shallow, commitsRead: 0, files: new Map(), mainline: [], anchor: null, ignoredChanges: [], criteria: [], attestations: [], keysInForce: '', swapped: new Map(), roomVersions: new Map(), verdicts: new Map() };
      throw new GitHistoryError(`unknown git ref '${ref}' in ${repoDir}`, 'BAD_REF');
    }

    // The shallow file lists the boundary commits (their parents are cut off).
    const boundary = new Set<string>();
    if (shallow && shallowPath) {
      const text = await readFile(resolve(repoDir, shallowPath), 'utf8').catch(() => '');
      for (const line of text.split('\n')) if (line.trim()) boundary.add(line.trim());
    }

    const r = new LogReader(prefix, boundary);
    for (const chunk of early.splice(0)) r.push(chunk);
    reader = r;
    await log.done;
    const files = r.end();
    const mainline = r.mainline.toReversed();
    const judged = await judgeMainline(repoDir, mainline, files, neededCommits(files), { trustAnchor: opts.trustAnchor, store: opts.store });
    const swapped = await swappedMerges(repoDir, r.head ?? resolved, mainline, judged);
    for (const [merge, hidden] of swapped) {
      const c = mainline.find((m) => m.hash === merge)!;
      judged.verdicts.set(merge, { state: 'unapproved', reason: 'parents-swapped', commit: merge, date: c.committerDate, signature: judged.verdicts.get(merge)?.signature ?? 'none', hides: hidden });
    }
    applyVerdicts(files, judged.verdicts);
    applyAttestations(files, judged.attestations, new Map(mainline.map((c, i) => [c.hash, i])));
    const roomVersions = await approvedRoomVersions(repoDir, files, judged.verdicts, judged.anchor?.commit ?? null);
    // The log's own tip: the ref may have moved since the probe.
    return {
      ref, head: r.head ?? resolved, shallow, commitsRead: r.commitsRead, files,
      mainline: mainline.map((c) => c.hash), anchor: judged.anchor, ignoredChanges: judged.ignoredChanges, criteria: judged.criteria, attestations: judged.attestations, keysInForce: judged.keysInForce, swapped, roomVersions, verdicts: judged.verdicts,
    };
  } finally {
    log.kill(); // no-op once git has exited
  }
}
