/**
 * The one git-history reader: ONE streamed `git log` pass over every commit
 * reachable from a ref → per-file history (who created/changed what, when) and
 * the approval state of each file's current version (DESIGN.md "Approval").
 *
 * Layout: pure parsing/assembly functions first (LogParser, assembleHistory,
 * approvalOf, …), the process I/O (`readHistory`, `git`) at the bottom.
 */
import { spawn, execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface StaffIdentity { id: string; name: string; email: string; role: 'admin' | 'kasi'; nip?: string }

export interface CommitRef {
  hash: string;
  authorName: string;
  authorEmail: string;
  authorDate: string; // ISO 8601 with offset (%aI)
  committerName: string;
  committerEmail: string;
  committerDate: string; // ISO 8601 with offset (%cI)
  subject: string;
  /** Trailer key as written in the message (case kept) → values; see `trailerValues` for case-insensitive lookup. */
  trailers: Record<string, string[]>;
  /** Parent hashes (first parent first). Empty for a root commit — and for a shallow-boundary commit. */
  parents: string[];
  /** True when this commit sits on the shallow boundary: its parents are cut off, so its diff lists the whole tree as added. */
  shallowBoundary?: boolean;
}

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
  via?: 'merge-author' | 'trailer';
  /** 'shallow-history': the version arrived in a commit at the shallow boundary, so how it arrived is unknown. */
  reason?: 'direct-push' | 'squash-or-rebase' | 'merge-by-non-kasi' | 'not-on-mainline' | 'shallow-history';
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
const FIELD_COUNT = 10; // tokens after the sentinel

export function logArgs(head: string): string[] {
  return [
    '--no-replace-objects', // replace refs could rewrite who merged what
    '-c', 'log.showSignature=false', // would inject text into the stream
    'log', head,
    '--topo-order', // children before parents, so reversing gives ancestry order
    '--root', // the root commit's files appear as added
    '--diff-merges=first-parent', // a merge shows what it brought to the mainline
    '--raw', '--no-abbrev', '--no-renames', '-z',
    '--no-mailmap', // identities as recorded: a repo-controlled .mailmap must not forge a kasi
    '--no-color',
    `--format=${LOG_FORMAT}`,
    '--',
  ];
}

export interface RawChange { path: string; status: 'A' | 'M' | 'D'; blob: string | null }
export interface RawCommit { commit: CommitRef; changes: RawChange[] }

const RAW_HEADER = /^:[0-7]{6} [0-7]{6} [0-9a-f]{40,64} ([0-9a-f]{40,64}) ([A-Z])[0-9]*$/;
const ZERO_ID = /^0+$/;

export function parseRawHeader(s: string): { status: 'A' | 'M' | 'D'; blob: string | null } {
  const m = RAW_HEADER.exec(s);
  if (!m) throw new GitHistoryError(`unexpected raw diff line from git log: ${JSON.stringify(s.slice(0, 120))}`, 'BAD_OUTPUT');
  const letter = m[2]!;
  // T (type change), U, X count as modifications: the path still exists.
  const status = letter === 'A' ? 'A' : letter === 'D' ? 'D' : 'M';
  return { status, blob: status === 'D' || ZERO_ID.test(m[1]!) ? null : m[1]! };
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

/** Values of a trailer key, case-insensitively (`Approved-by` = `approved-by`). */
export function trailerValues(c: Pick<CommitRef, 'trailers'>, key: string): string[] {
  const k = key.toLowerCase();
  return Object.entries(c.trailers).flatMap(([name, v]) => (name.toLowerCase() === k ? v : []));
}

/** Splits a byte stream on NUL into UTF-8 tokens (multi-byte chars never contain a 0 byte). */
export class NulSplitter {
  private rest = '';
  private readonly dec = new StringDecoder('utf8');
  constructor(private readonly emit: (token: string) => void) {}
  push(chunk: Buffer): void {
    const s = this.rest + this.dec.write(chunk);
    let start = 0;
    for (let i = s.indexOf('\0'); i !== -1; i = s.indexOf('\0', start)) {
      this.emit(s.slice(start, i));
      start = i + 1;
    }
    this.rest = s.slice(start);
  }
  end(): void {
    const s = this.rest + this.dec.end();
    this.rest = '';
    if (s !== '') this.emit(s);
  }
}

/** State machine over the NUL-separated tokens of `git log` with `logArgs`. */
export class LogParser {
  private fields: string[] | null = null;
  private current: RawCommit | null = null;
  private pending: { status: 'A' | 'M' | 'D'; blob: string | null } | null = null;

  constructor(
    private readonly keepPath: (path: string) => boolean,
    private readonly onCommit: (c: RawCommit) => void,
  ) {}

  token(t: string): void {
    if (this.fields) {
      this.fields.push(t);
      if (this.fields.length === FIELD_COUNT) {
        this.current = { commit: commitFromFields(this.fields), changes: [] };
        this.fields = null;
      }
      return;
    }
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      if (this.keepPath(t)) this.current!.changes.push({ path: t, ...p });
      return;
    }
    if (t === SENTINEL) {
      this.flush();
      this.fields = [];
      return;
    }
    const s = t.startsWith('\n') ? t.slice(1) : t; // git puts a newline between header and diff
    if (s === '') return;
    if (s.startsWith(':') && this.current) {
      this.pending = parseRawHeader(s);
      return;
    }
    throw new GitHistoryError(`unexpected git log output: ${JSON.stringify(t.slice(0, 120))}`, 'BAD_OUTPUT');
  }

  end(): void {
    if (this.fields || this.pending) throw new GitHistoryError('git log output ended in the middle of a commit', 'BAD_OUTPUT');
    this.flush();
  }

  private flush(): void {
    if (this.current) this.onCommit(this.current);
    this.current = null;
  }
}

function commitFromFields(f: string[]): CommitRef {
  const [hash, parents, authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, subject, trailers] =
    f as [string, string, string, string, string, string, string, string, string, string];
  if (!/^[0-9a-f]{40,64}$/.test(hash)) throw new GitHistoryError(`unexpected commit id in git log output: ${JSON.stringify(hash)}`, 'BAD_OUTPUT');
  return {
    hash,
    parents: parents === '' ? [] : parents.split(' '),
    authorName, authorEmail, authorDate, committerName, committerEmail, committerDate, subject,
    trailers: parseTrailers(trailers),
  };
}

// ---------------------------------------------------------------------------
// Pure assembly

/** Collected output of one log pass: all commits (for the mainline) and the kept paths' changes, newest first. */
export class HistoryCollector {
  readonly commits = new Map<string, CommitRef>();
  readonly byPath = new Map<string, { commit: CommitRef; change: RawChange }[]>();
  constructor(private readonly boundary: ReadonlySet<string> = new Set()) {}

  add({ commit, changes }: RawCommit): void {
    if (this.boundary.has(commit.hash)) commit.shallowBoundary = true;
    this.commits.set(commit.hash, commit);
    for (const change of changes) {
      let list = this.byPath.get(change.path);
      if (!list) this.byPath.set(change.path, (list = []));
      list.push({ commit, change });
    }
  }
}

/** The ref's first-parent chain: the commits that were "on main" when made. */
export function mainline(commits: ReadonlyMap<string, CommitRef>, head: string): Set<string> {
  const out = new Set<string>();
  for (let h: string | undefined = head; h && !out.has(h); h = commits.get(h)?.parents[0]) out.add(h);
  return out;
}

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Finds the kasi a trailer value names. With an email in <…> only the email counts
 * (a name alone is ambiguous); otherwise the value may be a staff id, name or bare email.
 */
export function kasiNamedBy(value: string, staff: readonly StaffIdentity[]): StaffIdentity | undefined {
  const kasi = staff.filter((s) => s.role === 'kasi');
  const email = /<([^<>]+)>/.exec(value)?.[1];
  if (email !== undefined) return kasi.find((s) => s.email && normalize(s.email) === normalize(email));
  const v = normalize(value);
  return kasi.find((s) => normalize(s.id) === v || normalize(s.name) === v || (s.email && normalize(s.email) === v));
}

/**
 * DESIGN.md rule, applied to the mainline commit that brought a version to the ref:
 * a merge authored by a kasi, or a merge with `Approved-by:` naming a kasi.
 * Any non-merge mainline commit is unapproved; "squash-or-rebase" vs "direct-push" is
 * a heuristic (a rewritten commit has a committer or date differing from its author,
 * or a GitHub-style "(#12)" subject).
 */
export function approvalOf(c: CommitRef, staff: readonly StaffIdentity[]): Approval {
  const base = { commit: c.hash, date: c.committerDate };
  if (c.shallowBoundary) return { state: 'unapproved', reason: 'shallow-history', ...base };
  if (c.parents.length >= 2) {
    const author = staff.find((s) => s.role === 'kasi' && s.email && normalize(s.email) === normalize(c.authorEmail));
    if (author) return { state: 'approved', by: author, via: 'merge-author', ...base };
    for (const v of trailerValues(c, 'Approved-by')) {
      const by = kasiNamedBy(v, staff);
      if (by) return { state: 'approved', by, via: 'trailer', ...base };
    }
    return { state: 'unapproved', reason: 'merge-by-non-kasi', ...base };
  }
  const rewritten =
    normalize(c.committerEmail) !== normalize(c.authorEmail) ||
    Date.parse(c.committerDate) !== Date.parse(c.authorDate) ||
    /\(#\d+\)\s*$/.test(c.subject);
  return { state: 'unapproved', reason: rewritten ? 'squash-or-rebase' : 'direct-push', ...base };
}

export function assembleHistory(
  collected: HistoryCollector,
  head: string,
  staff: readonly StaffIdentity[],
): Map<string, FileHistory> {
  const onMain = mainline(collected.commits, head);
  const files = new Map<string, FileHistory>();
  for (const [path, newestFirst] of collected.byPath) {
    const changes: FileChange[] = [];
    for (let i = newestFirst.length - 1; i >= 0; i--) {
      const { commit, change } = newestFirst[i]!;
      changes.push({ ...commit, status: change.status, blob: change.blob, onMainline: onMain.has(commit.hash) });
    }
    const created = changes[0]!;
    let landed: FileChange | undefined;
    const approvedVersions: FileHistory['approvedVersions'] = [];
    for (const ch of changes) {
      if (!ch.onMainline) continue;
      landed = ch;
      if (ch.blob && !approvedVersions.some((v) => v.blob === ch.blob)) {
        const a = approvalOf(ch, staff);
        if (a.state === 'approved') approvedVersions.push({ blob: ch.blob, approval: a });
      }
    }
    const blob = landed?.blob ?? null;
    files.set(path, {
      path,
      created,
      changes,
      landed: landed && commitOnly(landed),
      approval: landed ? approvalOf(landed, staff) : { state: 'unapproved', reason: 'not-on-mainline' },
      approvedVersions,
      blob,
      deleted: blob === null,
      truncated: created.shallowBoundary === true,
    });
  }
  return files;
}

function commitOnly(ch: FileChange): CommitRef {
  const { status: _s, blob: _b, onMainline: _o, ...commit } = ch;
  return commit;
}

// ---------------------------------------------------------------------------
// I/O

/** Without these, a caller running inside a git hook would read the hook's repo instead of `repoDir`. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX']) delete env[k];
  return env;
}

function spawnError(err: NodeJS.ErrnoException): GitHistoryError {
  return err.code === 'ENOENT'
    ? new GitHistoryError('git is not installed or not on PATH (spawn git: ENOENT)', 'GIT_NOT_FOUND')
    : new GitHistoryError(`could not run git: ${err.message}`, 'GIT_FAILED');
}

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    execFile('git', args, { cwd, env: gitEnv(), maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return rej(spawnError(err as NodeJS.ErrnoException));
      res({ code: err ? (err.code as unknown as number) : 0, stdout, stderr });
    });
  });
}

/** Streams `git log` into the parser; never holds the whole output. */
function streamLog(cwd: string, args: string[], onToken: (t: string) => void): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const splitter = new NulSplitter(onToken);
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
      try { splitter.push(d); } catch (e) { fail(e); }
    });
    child.on('close', (code) => {
      if (failed) return rej(failed);
      if (code !== 0) return rej(new GitHistoryError(`git log failed (exit ${code}) in ${cwd}: ${stderr.trim()}`, 'GIT_FAILED'));
      try { splitter.end(); res(); } catch (e) { rej(e); }
    });
  });
}

/**
 * Reads the whole history reachable from `opts.ref` (default HEAD) in one `git log` pass.
 * Keeps only paths under `opts.pathPrefix` (default 'records/'; '' keeps all), but reads
 * every commit so the mainline is exact. Unborn HEAD (empty repo) → empty map.
 */
export async function readHistory(
  repoDir: string,
  staff: StaffIdentity[],
  opts: { ref?: string; pathPrefix?: string } = {},
): Promise<ArchiveHistory> {
  const ref = opts.ref ?? 'HEAD';
  const prefix = opts.pathPrefix ?? 'records/';
  const st = await stat(repoDir).catch(() => null);
  if (!st?.isDirectory()) throw new GitHistoryError(`not a directory: ${repoDir}`, 'NOT_A_DIRECTORY');

  const probe = await git(repoDir, ['rev-parse', '--is-shallow-repository', '--git-path', 'shallow']);
  if (probe.code !== 0) {
    throw new GitHistoryError(`not a git repository: ${repoDir} (${probe.stderr.trim()})`, 'NOT_A_REPOSITORY');
  }
  const [shallowFlag, shallowPath] = probe.stdout.split('\n');
  const shallow = shallowFlag === 'true';

  const resolved = await git(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const head = resolved.code === 0 ? resolved.stdout.trim() : null;
  if (!head) {
    // HEAD of a fresh repository points to an unborn branch: no history yet, not an error.
    const unborn = ref === 'HEAD' && (await git(repoDir, ['rev-parse', '--verify', '--quiet', 'HEAD'])).code !== 0;
    if (unborn) return { ref, head: null, shallow, commitsRead: 0, files: new Map() };
    throw new GitHistoryError(`unknown git ref '${ref}' in ${repoDir}`, 'BAD_REF');
  }

  // The shallow file lists the boundary commits (their parents are cut off).
  const boundary = new Set<string>();
  if (shallow && shallowPath) {
    const text = await readFile(resolve(repoDir, shallowPath), 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.trim()) boundary.add(line.trim());
  }

  const collected = new HistoryCollector(boundary);
  let commitsRead = 0;
  const parser = new LogParser(
    (p) => p.startsWith(prefix),
    (c) => { commitsRead++; collected.add(c); },
  );
  await streamLog(repoDir, logArgs(head), (t) => parser.token(t));
  parser.end();
  return { ref, head, shallow, commitsRead, files: assembleHistory(collected, head, staff) };
}
