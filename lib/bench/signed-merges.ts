/**
 * A history of `n` kasi merges, each signed with a fresh SSH key, for timing signature verification
 * (the bench's verify line): git verifies each with one ssh-keygen run, whatever the archive's size.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitPayload, putPath, writeCommit, writeObject, writeTree, type TreeNode } from '../git/git-objects.ts';

export function writeSignedMerges(dir: string, n: number): { merges: string[]; signers: string } {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const key = join(dir, '.git', 'bench-key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bench', '-f', key]);
  const signers = `kasi@bench.test ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`;
  const gitDir = join(dir, '.git');
  const tree: TreeNode = {};
  const who = (t: number) => ({ name: 'Kasi', email: 'kasi@bench.test', time: 1_790_000_000 + t * 3600, tz: '+0700' });
  let main = writeCommit(gitDir, commitPayload({ tree: writeTree(gitDir, tree), parents: [], author: who(0), committer: who(0), message: 'awal\n' }));
  const merges: string[] = [];
  for (let i = 1; i <= n; i++) {
    putPath(tree, `records/r${i}.yaml`, writeObject(gitDir, 'blob', Buffer.from(`n: ${i}\n`)));
    const t = writeTree(gitDir, tree);
    const side = writeCommit(gitDir, commitPayload({ tree: t, parents: [main], author: who(i), committer: who(i), message: `ronde ${i}\n` }));
    const payload = commitPayload({ tree: t, parents: [main, side], author: who(i), committer: who(i), message: `setujui ${i}\n` });
    main = writeCommit(gitDir, payload, execFileSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', 'git'], { input: payload, encoding: 'utf8' }));
    merges.push(main);
  }
  execFileSync('git', ['update-ref', 'refs/heads/main', main], { cwd: dir });
  return { merges, signers };
}
