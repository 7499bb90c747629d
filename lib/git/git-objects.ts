/**
 * Git objects written straight into a repository's object store (loose, zlib-compressed, named by their
 * SHA-1 as git names them), for generated histories (the demo, the benchmark): hundreds of signed merges
 * through git commands would take many seconds, each spawning several processes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

export type ObjectType = 'blob' | 'tree' | 'commit';

/** Writes one object (if absent) and returns its id. */
export function writeObject(gitDir: string, type: ObjectType, body: Buffer): string {
  const raw = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
  const id = createHash('sha1').update(raw).digest('hex');
  const dir = join(gitDir, 'objects', id.slice(0, 2));
  const file = join(dir, id.slice(2));
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, deflateSync(raw));
  }
  return id;
}

/** A directory as nested maps: name → blob id (a file) or a subtree. */
export interface TreeNode { [name: string]: string | TreeNode }

/** Puts `blob` at `path` (slash-separated) in `root`, creating directories; returns `root`. */
export function putPath(root: TreeNode, path: string, blob: string): TreeNode {
  const parts = path.split('/');
  let node = root;
  for (const dir of parts.slice(0, -1)) {
    const next = node[dir];
    node = typeof next === 'object' ? next : (node[dir] = {});
  }
  node[parts.at(-1)!] = blob;
  return root;
}

/** Writes the tree objects of `node` bottom-up; entries in git's order (directories sort as "name/"). */
export function writeTree(gitDir: string, node: TreeNode): string {
  const entries = Object.entries(node).map(([name, v]) =>
    typeof v === 'string' ? { name, key: name, mode: '100644', id: v } : { name, key: `${name}/`, mode: '40000', id: writeTree(gitDir, v) },
  );
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const body = Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.id, 'hex')]));
  return writeObject(gitDir, 'tree', body);
}

export interface Signature { name: string; email: string; /** seconds */ time: number; tz: string }
export interface CommitFields { tree: string; parents: string[]; author: Signature; committer: Signature; message: string }

/** The commit text git signs (everything but the signature header). */
export function commitPayload(c: CommitFields): string {
  const who = (s: Signature) => `${s.name} <${s.email}> ${s.time} ${s.tz}`;
  const head = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${who(c.author)}`, `committer ${who(c.committer)}`];
  return `${head.join('\n')}\n\n${c.message.endsWith('\n') ? c.message : `${c.message}\n`}`;
}

/** Writes a commit; `signature` (an armored SSH signature of the payload) goes in a gpgsig header as git puts it. */
export function writeCommit(gitDir: string, payload: string, signature?: string): string {
  if (!signature) return writeObject(gitDir, 'commit', Buffer.from(payload, 'utf8'));
  const split = payload.indexOf('\n\n');
  const header = `gpgsig ${signature.trimEnd().split('\n').join('\n ')}\n`;
  return writeObject(gitDir, 'commit', Buffer.from(`${payload.slice(0, split + 1)}${header}${payload.slice(split + 1)}`, 'utf8'));
}
