/** git as a child process for the history reader and signature checks (not simple-git: input and env). */
import { execFile } from 'node:child_process';

/**
 * Without the GIT_DIR family removed, a caller inside a git hook would read the hook's repo instead of
 * `repoDir`. Replace refs (`refs/replace/*`, which anyone who can push may push) and a grafts file would let
 * git show other objects than the real ones: signatures and files are read from the objects as they are.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_NO_REPLACE_OBJECTS: '1', GIT_GRAFT_FILE: '/nonexistent/ronda-no-grafts' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX']) delete env[k];
  return env;
}

/** `git <args>` in `cwd`; resolves with stdout, rejects with git's message on a non-zero exit. */
export function runGit(cwd: string, args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
  return new Promise((ok, fail) => {
    const child = execFile('git', args, { cwd, env: { ...gitEnv(), ...opts.env }, maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`git ${args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''} failed in ${cwd}: ${String(stderr).trim() || err.message}`));
      else ok(stdout);
    });
    // git may exit before reading its input (a command that takes none, or one that fails at once): a closed
    // pipe is then not an error of ours; the exit code and stderr say what happened.
    child.stdin?.on('error', () => {});
    child.stdin?.end(opts.input ?? '');
  });
}

/** Blob contents by id, through one `git cat-file --batch`. Missing ids are left out. */
export async function readBlobs(cwd: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const raw = await new Promise<Buffer>((ok, fail) => {
    const child = execFile('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: 1 << 30 }, (err, stdout) => (err ? fail(err) : ok(stdout)));
    child.stdin?.on('error', () => {}); // git gone early: its exit says why
    child.stdin?.end(`${unique.join('\n')}\n`);
  });
  let at = 0;
  while (at < raw.length) {
    const nl = raw.indexOf(0x0a, at);
    const [id, type, size] = raw.toString('latin1', at, nl).split(' ');
    at = nl + 1;
    if (type === 'missing' || size === undefined) continue;
    out.set(id!, raw.toString('utf8', at, at + Number(size)));
    at += Number(size) + 1;
  }
  return out;
}
