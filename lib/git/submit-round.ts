/**
 * `npm run submit`: puts one checked round (and the maintenance records of its date that are new or
 * changed) on the branch `ronde/<room>-<date>-<shift>`, pushes it and returns the pull-request link.
 *
 * Safety: the admin's working tree, index and current branch are never touched. The commit is built
 * with plumbing against a TEMPORARY index file (GIT_INDEX_FILE): read-tree of the base commit, the
 * round's bytes added with hash-object/update-index, write-tree, commit-tree; then the branch ref is
 * created with `update-ref <new> <expected-old>` (all zeros = "must not exist yet"), which is atomic:
 * two submits racing for the same branch cannot overwrite each other. Only unreferenced objects are
 * written before that point, so a refusal leaves branches, HEAD, index and files exactly as they were.
 * Nothing is done while a merge/rebase is in progress or while other changes are staged (the admin may
 * believe those would be submitted too).
 *
 * Base: `origin/main` (fetched first) when the remote has a main branch, else the local `main`: the
 * branch that the pull request will be merged into.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';
import { checkArchive } from '../check.ts';
import type { Lang } from '../i18n/lang.ts';
import { recordKindOf, toPosixRelative } from '../paths.ts';
import { hasErrors, type Problem } from '../problems.ts';
import { gitBlobId } from './blob-id.ts';
import { compareWithBase } from './integrity.ts';
import { pullRequestUrl } from './remote-url.ts';
import {
  currentIdentity,
  git,
  isAncestor,
  isRepository,
  operationInProgress,
  remoteUrl,
  resolveCommit,
  stagedPaths,
  tryGit,
  uncommittedPaths,
} from './repo.ts';
import { summariseRound, type RoundSummary } from './round-summary.ts';
import { workflowFailure, type WorkflowFailure } from './workflow-output.ts';

export interface SubmitOptions {
  /** The round file (relative to root, or absolute); default: the newest uncommitted round. */
  path?: string;
  /** Push to origin when there is one (default true). */
  push?: boolean;
  /** Name of the main branch (default 'main'). */
  base?: string;
  /** For the check's future-date rule; default today in WIB. */
  today?: string;
  lang?: Lang;
}

export type SubmitFailure = WorkflowFailure;
export interface SubmitSuccess {
  ok: true;
  branch: string;
  commit: string;
  /** The files the branch carries for this round. */
  files: string[];
  summary: RoundSummary;
  /** False when the branch already held exactly these files: nothing new was committed. */
  committed: boolean;
  /** Commit the branch was based on. */
  base: string;
  remote: string | null;
  pushed: boolean;
  pushError?: string;
  pullRequestUrl: string | null;
  /** Warnings of the check (errors block the submit). */
  warnings: Problem[];
}
export type SubmitResult = SubmitSuccess | SubmitFailure;

const fail = workflowFailure;
const ZERO = '0'.repeat(40);

export async function submitRound(root: string, opts: SubmitOptions = {}): Promise<SubmitResult> {
  if (!(await isRepository(root))) return fail('refused', 'not-a-repository', { dir: root });
  const operation = await operationInProgress(root);
  if (operation) return fail('refused', 'operation-in-progress', { operation });

  // 1. Which round.
  let path: string;
  if (opts.path !== undefined) {
    path = toPosixRelative(isAbsolute(opts.path) ? relative(root, opts.path) : opts.path);
    if (recordKindOf(path) !== 'round') return fail('usage', 'not-a-round', { path });
    if (!(await stat(join(root, path)).then((s) => s.isFile(), () => false))) return fail('usage', 'file-not-found', { path });
  } else {
    const candidates = (await uncommittedPaths(root, 'records/rounds')).filter((p) => recordKindOf(p) === 'round');
    if (candidates.length === 0) return fail('refused', 'nothing-to-submit');
    const times = await Promise.all(candidates.map(async (p) => ({ p, t: (await stat(join(root, p))).mtimeMs })));
    times.sort((a, b) => b.t - a.t || (a.p < b.p ? 1 : -1));
    path = times[0]!.p;
  }
  const date = /(\d{4}-\d{2}-\d{2})-[^/]+\.yaml$/.exec(path)?.[1] ?? '';
  const maintenance = (await uncommittedPaths(root, 'records/maintenance')).filter(
    (p) => recordKindOf(p) === 'maintenance' && basename(p).startsWith(`${date}-`),
  );
  const files = [path, ...maintenance.sort()];

  // 2. Nothing else staged.
  const staged = (await stagedPaths(root)).filter((p) => !files.includes(p));
  if (staged.length) return fail('refused', 'other-changes-staged', { paths: staged.slice(0, 10).join(', ') });

  // 3. The check: any error and nothing is committed.
  const { archive, problems } = await checkArchive(root, { files, today: opts.today });
  if (hasErrors(problems)) return fail('invalid', 'check-failed', { path }, problems);
  const round = archive.rounds.find((r) => r.path === path);
  if (!round || !archive.config || !archive.checklists) return fail('invalid', 'check-failed', { path }, problems);
  const config = archive.config.data;
  const summary = summariseRound(round.data, { config, checklists: archive.checklists.data, room: archive.rooms.get(round.data.room)?.data }, 'id');

  const identity = await currentIdentity(root);
  if (!identity || !identity.email) return fail('refused', 'no-identity');

  // 4. Base: origin/main when the remote has it (fetched first), else the local main.
  const baseName = opts.base ?? 'main';
  const remote = await remoteUrl(root, 'origin');
  if (remote && opts.push !== false) await tryGit(root, ['fetch', '--quiet', 'origin', `+refs/heads/${baseName}:refs/remotes/origin/${baseName}`]);
  const base = (remote ? await resolveCommit(root, `refs/remotes/origin/${baseName}`) : null) ?? (await resolveCommit(root, `refs/heads/${baseName}`));
  if (!base) return fail('refused', 'no-main-branch', { base: baseName });

  // An approved round changed without a new amendments entry would be refused on review: refuse it now.
  const integrity = (await compareWithBase(root, base, archive)).filter((p) => files.includes(p.file) && p.severity === 'error');
  if (integrity.length) return fail('invalid', 'check-failed', { path }, integrity);

  // 5. The branch: new, or already holding this round (a re-submit after a correction or a failed push).
  const branch = `ronde/${round.data.room}-${round.data.date}-${round.data.shift}`;
  const ref = `refs/heads/${branch}`;
  const blobs = new Map<string, string>();
  for (const f of files) blobs.set(f, gitBlobId(await readFile(join(root, f))));
  const tip = await resolveCommit(root, ref);
  let parent = base;
  let committed = true;
  let commit: string;
  if (tip) {
    const changed = (await git(root, ['diff', '--name-only', '-z', '--no-renames', `${base}...${tip}`])).split('\0').filter(Boolean);
    const other = changed.filter((f) => !files.includes(f) && !(recordKindOf(f) === 'maintenance' && basename(f).startsWith(`${date}-`)));
    if (other.length) return fail('refused', 'branch-has-other-content', { branch, paths: other.slice(0, 10).join(', ') });
    const same = await Promise.all(
      files.map(async (f) => {
        const r = await tryGit(root, ['rev-parse', '--verify', '--quiet', `${tip}:${f}`]);
        return r.ok && r.out.trim() === blobs.get(f);
      }),
    );
    if (same.every(Boolean)) committed = false;
    else parent = (await isAncestor(root, tip, base)) ? base : tip;
  }

  if (committed) {
    const message = [summary.subject, '', ...summary.body, '', `Ronda-Round: ${path}`, `Ronda-Officer: ${round.data.officer}`, ''].join('\n');
    commit = await commitFiles(root, parent, files, message);
    const swap = await tryGit(root, ['update-ref', '-m', `ronda submit: ${path}`, ref, commit, tip ?? ZERO]);
    if (!swap.ok) return fail('refused', 'branch-changed-meanwhile', { branch });
  } else {
    commit = tip!;
  }

  // 6. Push and the pull-request link.
  let pushed = false;
  let pushError: string | undefined;
  if (remote && opts.push !== false) {
    const r = await tryGit(root, ['push', '--quiet', 'origin', `${ref}:${ref}`]);
    if (r.ok) pushed = true;
    else pushError = r.error;
  }
  const warnings = problems.filter((p) => p.severity === 'warning');
  return {
    ok: true,
    branch,
    commit,
    files,
    summary,
    committed,
    base,
    remote,
    pushed,
    pushError,
    pullRequestUrl: remote ? pullRequestUrl(remote, branch, baseName) : null,
    warnings,
  };
}

/** A commit of `parent`'s tree plus the working-tree bytes of `files`, built in a temporary index. */
async function commitFiles(root: string, parent: string, files: string[], message: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ronda-submit-'));
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    await git(root, ['read-tree', parent], env);
    for (const f of files) {
      const blob = (await git(root, ['hash-object', '-w', '--', f])).trim();
      await git(root, ['update-index', '--add', '--cacheinfo', `100644,${blob},${f}`], env);
    }
    const tree = (await git(root, ['write-tree'], env)).trim();
    const msgFile = join(dir, 'message');
    await writeFile(msgFile, message);
    return (await git(root, ['commit-tree', tree, '-p', parent, '-F', msgFile])).trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
