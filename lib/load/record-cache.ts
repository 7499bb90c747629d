import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../problems.ts';

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  /** Git blob id of the file's bytes: the real key; size/mtime only let us skip re-hashing. */
  blob: string;
  /** Parsed, schema-valid data; null when the file has problems of its own. */
  data: unknown;
  problems: Problem[];
  body?: string;
  bodyLine?: number;
}
export interface RecordCache { entries: Record<string, CacheEntry> }

// Bump when the parse or validation output changes shape, so stale entries are never trusted.
const CACHE_VERSION = 1;
export const CACHE_DIR = '.ronda-cache';
const CACHE_FILE = `records-v${CACHE_VERSION}.json`;

export async function readCache(root: string): Promise<RecordCache> {
  try {
    const parsed = JSON.parse(await readFile(join(root, CACHE_DIR, CACHE_FILE), 'utf8')) as RecordCache & { schemasKey?: string };
    return parsed && typeof parsed.entries === 'object' ? parsed : { entries: {} };
  } catch {
    // A missing or corrupt cache only costs a re-parse.
    return { entries: {} };
  }
}

export async function writeCache(root: string, cache: RecordCache): Promise<void> {
  const dir = join(root, CACHE_DIR);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `${CACHE_FILE}.${process.pid}.tmp`);
  // Write then rename: a concurrent run never reads half a cache.
  await writeFile(tmp, JSON.stringify(cache));
  await rename(tmp, join(dir, CACHE_FILE));
}
