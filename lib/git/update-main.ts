/**
 * Brings the admin's `main` up to date with origin before a new round (`npm run new` calls it).
 *
 * Why: after `npm run submit` the round file stays in the admin's working tree as an untracked file
 * (submit never touches the working tree). Once the kasi has merged it, a plain `git pull` refuses
 * ("untracked working tree files would be overwritten"). Here, an untracked file whose bytes are
 * exactly the version arriving from origin is removed just before a fast-forward that puts the same
 * bytes back — nothing is lost. Anything else (a local edit, a diverged main, another branch checked
 * out, no network) leaves everything as it is and says why.
 */
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitBlobId } from './blob-id.ts';
import { currentBranch, git, isAncestor, operationInProgress, readWorkingFile, remoteUrl, resolveCommit, showFile, tryGit } from './repo.ts';

export type UpdateMainResult =
  | { status: 'updated'; files: string[] }
  | { status: 'up-to-date' }
  | { status: 'skipped'; reason: 'no-remote' | 'not-on-main' | 'operation-in-progress' | 'offline' | 'diverged' | 'local-changes'; paths?: string[] };

export async function updateMain(root: string, base = 'main'): Promise<UpdateMainResult> {
  if (!(await remoteUrl(root, 'origin'))) return { status: 'skipped', reason: 'no-remote' };
  if ((await currentBranch(root)) !== base) return { status: 'skipped', reason: 'not-on-main' };
  if (await operationInProgress(root)) return { status: 'skipped', reason: 'operation-in-progress' };
  const fetched = await tryGit(root, ['fetch', '--quiet', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`]);
  if (!fetched.ok) return { status: 'skipped', reason: 'offline' };
  const head = await resolveCommit(root, 'HEAD');
  const target = await resolveCommit(root, `refs/remotes/origin/${base}`);
  if (!head || !target) return { status: 'skipped', reason: 'offline' };
  if (head === target) return { status: 'up-to-date' };
  if (!(await isAncestor(root, head, target))) return { status: 'skipped', reason: 'diverged' };

  const added = (await git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=A', head, target])).split('\0').filter(Boolean);
  const identical: { path: string; bytes: Buffer }[] = [];
  const differing: string[] = [];
  for (const path of added) {
    const bytes = await readWorkingFile(root, path);
    if (!bytes) continue;
    const tracked = (await git(root, ['ls-files', '-z', '--', path])).length > 0;
    if (tracked) continue; // staged as new: git's own fast-forward decides
    const incoming = await showFile(root, target, path);
    if (incoming && gitBlobId(bytes) === gitBlobId(incoming)) identical.push({ path, bytes });
    else differing.push(path);
  }
  if (differing.length) return { status: 'skipped', reason: 'local-changes', paths: differing };

  for (const f of identical) await unlink(join(root, f.path));
  const ff = await tryGit(root, ['merge', '--ff-only', '--quiet', target]);
  if (!ff.ok) {
    for (const f of identical) await writeFile(join(root, f.path), f.bytes); // put them back as they were
    return { status: 'skipped', reason: 'local-changes' };
  }
  const changed = (await git(root, ['diff', '--name-only', '-z', head, target, '--', 'records/'])).split('\0').filter(Boolean);
  return { status: 'updated', files: changed };
}
