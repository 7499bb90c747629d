import { git } from './repo.ts';

export interface ChangedFile { path: string; status: 'A' | 'M' | 'D' }

/**
 * Record files changed on this branch since it left `baseRef` (three-dot diff from the merge base),
 * plus uncommitted changes in the working tree (new files not yet added too), so a review or check run
 * locally sees what CI would once they are committed.
 */
export async function changedRecordFiles(root: string, baseRef: string, prefix = 'records/'): Promise<ChangedFile[]> {
  const [committed, uncommitted, untracked] = await Promise.all([
    git(root, ['diff', '--name-status', '--no-renames', '-z', `${baseRef}...HEAD`, '--', prefix]),
    git(root, ['diff', '--name-status', '--no-renames', '-z', 'HEAD', '--', prefix]),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', prefix]),
  ]);
  const byPath = new Map<string, ChangedFile>();
  for (const out of [committed, uncommitted]) {
    const parts = out.split('\0');
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const status = parts[i]!.charAt(0) as ChangedFile['status'];
      const path = parts[i + 1]!;
      if (status !== 'A' && status !== 'M' && status !== 'D') continue;
      const prev = byPath.get(path);
      // Added on the branch and edited since is still "added".
      byPath.set(path, { path, status: prev?.status === 'A' && status === 'M' ? 'A' : status });
    }
  }
  for (const path of untracked.split('\0')) if (path) byPath.set(path, { path, status: 'A' });
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}
