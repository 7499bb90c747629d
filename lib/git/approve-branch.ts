/**
 * `npm run approve <branch> [<commit>]`: the kasi's approval without the web UI — a `--no-ff` merge into main
 * signed with the kasi's SSH key (DESIGN.md "Approval"); its `Approved-by:` trailer is information only.
 *
 * Order of work, so that a refusal changes nothing:
 * 1. refuse unless the git identity is a kasi in main's config.yaml (not the branch's: a branch cannot
 *    make its author a kasi), and unless the branch only touches records/;
 * 2. merge in a TEMPORARY worktree (`git worktree add --detach`, at main), without committing; check the
 *    merged records there (checkArchive on the changed files + compareWithBase against main); refuse on
 *    any error — the kasi's own working tree, index and branch are never used for this;
 * 3. commit the signed merge in the temporary worktree and verify it as the archive will (keys and staff of
 *    main); refuse when the signature would not count; then move main to it: with `git merge --ff-only` in the
 *    kasi's working tree when main is checked out there (so the files appear; refused if that would
 *    overwrite local changes), else with a compare-and-swap `update-ref`;
 * 4. push main to origin when there is one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkArchive } from '../check.ts';
import { parseYamlSource } from '../load/yaml-source.ts';
import { CONFIG_PATH, recordKindOf } from '../paths.ts';
import { hasErrors, type Problem } from '../problems.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { compareWithBase } from './integrity.ts';
import { readHistory } from './history.ts';
import { VerificationStore } from './verification-store.ts';
import { currentIdentity, git, isAncestor, isRepository, operationInProgress, remoteUrl, resolveCommit, showFile, tryGit } from './repo.ts';
import { summariseRound, type RoundSummary } from './round-summary.ts';
import { workflowFailure, type WorkflowFailure } from './workflow-output.ts';
import { staffByEmail } from '../staff.ts';

export interface ApproveOptions {
  push?: boolean;
  /** The commit the kasi reviewed: merged only if it is still the branch's tip (on origin when there is one). */
  commit?: string;
  base?: string;
  today?: string;
}

export type ApproveFailure = WorkflowFailure;
export interface ApproveSuccess {
  ok: true;
  branch: string;
  /** The merge commit now at the tip of main. */
  merge: string;
  kasi: { id: string; name: string; email: string };
  files: string[];
  summaries: RoundSummary[];
  /** True when main is checked out in the working tree and its files were updated. */
  workingTreeUpdated: boolean;
  pushed: boolean;
  pushError?: string;
  warnings: Problem[];
}
export type ApproveResult = ApproveSuccess | ApproveFailure;

const fail = workflowFailure;

export async function approveBranch(root: string, branchArg: string, opts: ApproveOptions = {}): Promise<ApproveResult> {
  if (!(await isRepository(root))) return fail('refused', 'not-a-repository', { dir: root });
  const operation = await operationInProgress(root);
  if (operation) return fail('refused', 'operation-in-progress', { operation });
  const baseName = opts.base ?? 'main';
  const mainRef = `refs/heads/${baseName}`;

  const remote = await remoteUrl(root, 'origin');
  if (remote) await tryGit(root, ['fetch', '--quiet', '--prune', 'origin']);

  const main = await resolveCommit(root, mainRef);
  if (!main) return fail('refused', 'no-main-branch', { base: baseName });
  const originMain = remote ? await resolveCommit(root, `refs/remotes/origin/${baseName}`) : null;
  if (originMain && originMain !== main && (await isAncestor(root, main, originMain))) return fail('refused', 'main-behind', { base: baseName });

  // 1. Who: a kasi of main's config.
  const identity = await currentIdentity(root);
  const configBytes = await showFile(root, main, CONFIG_PATH);
  const configSource = configBytes ? parseYamlSource(configBytes, CONFIG_PATH) : null;
  const config = configSource && !('problems' in configSource) ? (configSource.data as ConfigRecord) : null;
  const kasiList = (config?.staff ?? []).filter((s) => s.role === 'kasi');
  const kasi = identity ? staffByEmail(kasiList, identity.email) : undefined;
  if (!kasi) return fail('refused', 'not-kasi', { email: identity?.email ?? '', kasi: kasiList.map((s) => `${s.name} <${s.email}>`).join(', ') || '—' });
  const signingKey = await tryGit(root, ['config', 'user.signingkey']);
  if (!signingKey.ok || !signingKey.out.trim()) return fail('refused', 'no-signing-key', {});

  // What: the branch, not yet merged, touching records only.
  const branch = branchArg.replace(/^refs\/heads\//, '').replace(/^origin\//, '');
  // The branch as pushed (origin's, just fetched) wins over a local copy the kasi may have checked out long ago.
  let tip: string | null = null;
  for (const ref of remote ? [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`] : [`refs/heads/${branch}`]) {
    tip = await resolveCommit(root, ref);
    if (tip) break;
  }
  if (!tip) {
    const known = await git(root, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/ronde/', 'refs/remotes/origin/ronde/']);
    return fail('usage', 'branch-not-found', { branch, known: [...new Set(known.split('\n').filter(Boolean).map((b) => b.replace(/^origin\//, '')))].join(', ') || '—' });
  }
  if (opts.commit) {
    const reviewed = await resolveCommit(root, opts.commit);
    if (!reviewed) return fail('usage', 'commit-not-found', { reviewed: opts.commit });
    if (reviewed !== tip) return fail('refused', 'tip-moved', { branch, tip: tip.slice(0, 12), reviewed: reviewed.slice(0, 12) });
  }
  if (await isAncestor(root, tip, main)) return fail('refused', 'already-merged', { branch, base: baseName });
  const files = (await git(root, ['diff', '--name-only', '-z', '--no-renames', `${main}...${tip}`])).split('\0').filter(Boolean);
  if (files.length === 0) return fail('refused', 'nothing-to-merge', { branch });
  const outside = files.filter((f) => !f.startsWith('records/'));
  if (outside.length) return fail('refused', 'outside-records', { branch, paths: outside.slice(0, 10).join(', ') });

  // Where main is checked out decides how it moves.
  const worktrees = await git(root, ['worktree', 'list', '--porcelain']);
  const mainAt = worktrees
    .split('\n\n')
    .filter((block) => block.split('\n').includes(`branch ${mainRef}`))
    .map((block) => /^worktree (.+)$/m.exec(block)?.[1] ?? '');
  const top = (await git(root, ['rev-parse', '--show-toplevel'])).trim();
  const checkedOutHere = mainAt.some((p) => resolve(p) === resolve(top));
  const elsewhere = mainAt.find((p) => resolve(p) !== resolve(top));
  if (elsewhere) return fail('refused', 'main-checked-out-elsewhere', { path: elsewhere });
  if (checkedOutHere) {
    const dirty = await git(root, ['status', '--porcelain', '--untracked-files=no']);
    if (dirty.trim()) return fail('refused', 'working-tree-dirty', { paths: dirty.split('\n').filter(Boolean).slice(0, 10).map((l) => l.slice(3)).join(', ') });
  }

  // 2–3. Merge, check and commit in a temporary worktree.
  const tmp = await mkdtemp(join(tmpdir(), 'ronda-approve-'));
  const wt = join(tmp, 'worktree');
  let merge: string;
  let summaries: RoundSummary[] = [];
  let warnings: Problem[] = [];
  try {
    await git(root, ['worktree', 'add', '--quiet', '--detach', wt, main]);
    const merged = await tryGit(wt, ['merge', '--no-ff', '--no-commit', '--quiet', tip]);
    // git reports conflicts on stdout (simple-git may then resolve): look at the result instead.
    const unmerged = (await git(wt, ['ls-files', '--unmerged'])).trim();
    if (!merged.ok || unmerged || !(await resolveCommit(wt, 'MERGE_HEAD'))) {
      return fail('refused', 'merge-conflict', { branch, detail: merged.ok ? unmerged.split('\n')[0]?.split('\t')[1] ?? '' : merged.error.split('\n')[0] ?? '' });
    }

    const records = files.filter((f) => recordKindOf(f) === 'round' || recordKindOf(f) === 'maintenance');
    const { archive, problems } = await checkArchive(wt, { files: records, today: opts.today, cache: false });
    const integrity = await compareWithBase(wt, main, archive);
    const all = [...problems.filter((p) => records.includes(p.file) || recordKindOf(p.file) !== 'round'), ...integrity];
    if (hasErrors(all)) return fail('invalid', 'check-failed', { branch }, all);
    warnings = all.filter((p) => p.severity === 'warning');

    const rounds = archive.rounds.filter((r) => files.includes(r.path));
    const own = rounds.filter((r) => r.data.officer === kasi.id);
    if (own.length) return fail('refused', 'self-approval', { paths: own.map((r) => r.path).join(', ') });
    if (archive.config && archive.checklists) {
      summaries = rounds.map((r) => summariseRound(r.data, { config: archive.config!.data, checklists: archive.checklists!.data, room: archive.rooms.get(r.data.room)?.data }, 'id'));
    }
    const subject = rounds.length === 1 ? `Persetujuan ronde ${rounds[0]!.data.room} ${rounds[0]!.data.date} ${rounds[0]!.data.shift}` : `Persetujuan ${branch}`;
    const message = [
      subject,
      '',
      `Merge ${branch} ke ${baseName}, disetujui ${kasi.name}.`,
      ...summaries.map((s) => `- ${s.subject}`),
      '',
      ...rounds.map((r) => `Ronda-Round: ${r.path}`),
      `Approved-by: ${kasi.name} <${kasi.email}>`,
      '',
    ].join('\n');
    const msgFile = join(tmp, 'message');
    await writeFile(msgFile, message);
    const signed = await tryGit(wt, ['commit', '--quiet', '--no-verify', '-S', '-F', msgFile]);
    if (!signed.ok) return fail('refused', 'no-signing-key', { detail: signed.error });
    merge = (await git(wt, ['rev-parse', 'HEAD'])).trim();
    const verdict = await verifyAsArchive(root, merge);
    if (verdict.state !== 'approved') {
      return fail('refused', 'signature-not-accepted', { reason: verdict.reason ?? '', key: verdict.key ?? '', email: kasi.email, base: baseName });
    }
  } finally {
    await tryGit(root, ['worktree', 'remove', '--force', wt]);
    await rm(tmp, { recursive: true, force: true });
    await tryGit(root, ['worktree', 'prune']);
  }

  // Move main.
  if (checkedOutHere) {
    const ff = await tryGit(root, ['merge', '--ff-only', '--quiet', merge]);
    if (!ff.ok) return fail('refused', 'working-tree-blocks', { detail: ff.error.split('\n').slice(0, 4).join(' ') });
  } else {
    const swap = await tryGit(root, ['update-ref', '-m', `ronda approve: ${branch}`, mainRef, merge, main]);
    if (!swap.ok) return fail('refused', 'main-changed-meanwhile', { base: baseName });
  }

  let pushed = false;
  let pushError: string | undefined;
  if (remote && opts.push !== false) {
    const r = await tryGit(root, ['push', '--quiet', 'origin', `${mainRef}:${mainRef}`]);
    if (r.ok) pushed = true;
    else pushError = r.error;
  }
  return { ok: true, branch, merge, kasi: { id: kasi.id, name: kasi.name, email: kasi.email }, files, summaries, workingTreeUpdated: checkedOutHere, pushed, pushError, warnings };
}

/**
 * The approval the archive will read from `merge`: the same history walk the site build makes, on the merge
 * as if it were main (keys and staff as approved, not as main's files say after an unapproved edit).
 */
async function verifyAsArchive(root: string, merge: string) {
  const history = await readHistory(root, { ref: merge, store: VerificationStore.open(root, { write: false }) });
  return history.verdicts.get(merge) ?? { state: 'unapproved' as const, reason: 'no-trust-anchor' as const };
}
