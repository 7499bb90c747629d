/**
 * Small git helpers over simple-git for the workflow commands (submit, approve, integrity).
 *
 * simple-git drops ambient GIT_* variables (GIT_DIR from a hook, GIT_INDEX_FILE, …) from the child
 * environment, so every command here runs against `dir` itself; variables we pass on purpose (the
 * temporary index of submit) are listed in `allowEnvironment`.
 *
 * Note: simple-git resolves (does not reject) when git exits non-zero without writing to stderr, as
 * `rev-parse --verify --quiet` and `merge-base --is-ancestor` do; the helpers below therefore decide
 * on output, never on exit status alone.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

const GUARDED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'PREFIX', 'SSH_ASKPASS']);

export function gitIn(dir: string, env: Record<string, string> = {}): SimpleGit {
  const keys = Object.keys(env);
  const git = simpleGit({ baseDir: dir, allowEnvironment: keys, maxConcurrentProcesses: 4, trimmed: false });
  if (keys.length === 0) return git;
  // An explicit environment must not carry what simple-git guards (git's own and editor/pager/askpass variables).
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.toUpperCase().startsWith('GIT_') && !GUARDED.has(k.toUpperCase())),
  ) as Record<string, string>;
  return git.env({ ...base, ...env });
}

/** `git <args>` with its stdout, trailing newline removed. Rejects on failure (non-zero exit with stderr). */
export async function git(dir: string, args: string[], env?: Record<string, string>): Promise<string> {
  // Objects as they are: replace refs (anyone who can push may push them) never stand in for a commit or file.
  const out = await gitIn(dir, env).raw(['--no-replace-objects', ...args]);
  return out.replace(/\n$/, '');
}

/** Like `git`, but failures become `{ ok: false, error }`. */
export async function tryGit(dir: string, args: string[], env?: Record<string, string>): Promise<{ ok: true; out: string } | { ok: false; error: string }> {
  try {
    return { ok: true, out: await git(dir, args, env) };
  } catch (err) {
    return { ok: false, error: String((err as Error).message).trim() };
  }
}

/** Commit id a ref names, or null. */
export async function resolveCommit(dir: string, ref: string): Promise<string | null> {
  const r = await tryGit(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return r.ok && /^[0-9a-f]{40,64}$/.test(r.out.trim()) ? r.out.trim() : null;
}

/** True when commit `a` is an ancestor of (or equal to) `b`. */
export async function isAncestor(dir: string, a: string, b: string): Promise<boolean> {
  const r = await tryGit(dir, ['merge-base', a, b]);
  return r.ok && r.out.trim() === a;
}

export async function isRepository(dir: string): Promise<boolean> {
  const r = await tryGit(dir, ['rev-parse', '--is-inside-work-tree']);
  return r.ok && r.out.trim() === 'true';
}

/** The identity git commits with (config user.name/user.email; GIT_AUTHOR_* are dropped by simple-git). */
export async function currentIdentity(dir: string): Promise<{ name: string; email: string } | null> {
  const r = await tryGit(dir, ['var', 'GIT_AUTHOR_IDENT']);
  if (!r.ok) return null;
  const m = /^(.*) <([^<>]*)> \d+ [+-]\d{4}$/.exec(r.out.trim());
  return m ? { name: m[1]!.trim(), email: m[2]!.trim() } : null;
}

/** The configured user.email only (empty when unset): what `npm run new` matches against staff. */
export async function configuredEmail(dir: string): Promise<string | null> {
  const r = await tryGit(dir, ['config', '--get', 'user.email']);
  return r.ok && r.out.trim() ? r.out.trim() : null;
}

export async function currentBranch(dir: string): Promise<string | null> {
  const r = await tryGit(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  return r.ok && r.out.trim() ? r.out.trim() : null;
}

/** A merge, rebase, cherry-pick, revert or bisect under way in `dir`, or null. */
export async function operationInProgress(dir: string): Promise<string | null> {
  const markers: [string, string][] = [
    ['MERGE_HEAD', 'merge'],
    ['rebase-merge', 'rebase'],
    ['rebase-apply', 'rebase'],
    ['CHERRY_PICK_HEAD', 'cherry-pick'],
    ['REVERT_HEAD', 'revert'],
    ['BISECT_LOG', 'bisect'],
  ];
  for (const [marker, name] of markers) {
    const p = await git(dir, ['rev-parse', '--git-path', marker]);
    const abs = isAbsolute(p) ? p : join(dir, p);
    if (await stat(abs).then(() => true, () => false)) return name;
  }
  return null;
}

/** Paths with staged changes (index differs from HEAD; every indexed path on an unborn branch). */
export async function stagedPaths(dir: string): Promise<string[]> {
  const head = await resolveCommit(dir, 'HEAD');
  const out = head
    ? await git(dir, ['diff', '--cached', '--name-only', '-z', '--no-renames'])
    : await git(dir, ['ls-files', '-z']);
  return out.split('\0').filter(Boolean);
}

/** Untracked or modified paths under `prefix` (working tree vs HEAD/index), from `git status`. */
export async function uncommittedPaths(dir: string, prefix: string): Promise<string[]> {
  const out = await git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', prefix]);
  const paths: string[] = [];
  for (const entry of out.split('\0')) {
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    if (xy.includes('D')) continue;
    paths.push(entry.slice(3));
  }
  return paths;
}

export async function remoteUrl(dir: string, remote = 'origin'): Promise<string | null> {
  const r = await tryGit(dir, ['remote', 'get-url', remote]);
  return r.ok && r.out.trim() ? r.out.trim() : null;
}

/** A file's content at a commit, or null when it is not there. */
export async function showFile(dir: string, commit: string, path: string): Promise<Buffer | null> {
  try {
    const out = await gitIn(dir).binaryCatFile(['blob', `${commit}:${path}`]);
    return Buffer.isBuffer(out) ? out : Buffer.from(out as unknown as string);
  } catch {
    return null;
  }
}

/** Path → blob id of every file under `prefix` in a commit's tree. */
export async function treeBlobs(dir: string, commit: string, prefix: string): Promise<Map<string, string>> {
  const out = await git(dir, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix]);
  const map = new Map<string, string>();
  for (const entry of out.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (m) map.set(m[2]!, m[1]!);
  }
  return map;
}

export async function readWorkingFile(root: string, path: string): Promise<Buffer | null> {
  try {
    return await readFile(join(root, path));
  } catch {
    return null;
  }
}
