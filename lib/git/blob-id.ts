import { createHash } from 'node:crypto';

/**
 * Git blob id of some content: sha1 of `blob <len>\0<content>`, the same id as
 * `git hash-object --no-filters` (and as the blob ids in `readHistory`), so a
 * parse cache keyed on it can be filled from the working tree or from history.
 * Strings are hashed as UTF-8. SHA-1 object format only (git's default).
 * Note: with `core.autocrlf`/clean filters the stored blob can differ from the
 * working-tree bytes; hash the bytes you actually parse.
 */
export function gitBlobId(content: Buffer | string): string {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}
