/**
 * The content-hash cache of parsed records, in <root>/.ronda-cache/records-v2/:
 *
 *   index.json        path → [size, mtimeMs, blob, ok, problems?]   small: read on every run
 *   <shard>.json      path → { b: blob, d: data, body?, bl? }         one per folder (records/rounds/YYYY/MM …)
 *
 * The index alone answers "is this file unchanged, and what were its problems"; the parsed data sits in
 * per-folder shards that are read only when a record's data is used, and rewritten only when one of
 * their files changed. So checking one new round reads and writes one month's shard, not the whole
 * archive, and no single JSON string grows past V8's string limit however large the archive gets.
 * The index is keyed by a fingerprint of the loader, validator and schemas: new code never trusts
 * results of old code. Every file is sealed (lib/load/cache-seal.ts): one written by anyone else is
 * ignored, so a planted entry can never stand in for a record's real content.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Problem } from '../problems.ts';
import { RECORD_CODE, sourceFingerprint } from './fingerprint.ts';
import type { ParsedRecord } from './parse-record.ts';
import { seal, unseal } from './cache-seal.ts';

export const CACHE_DIR = '.ronda-cache';
const STORE_DIR = 'records-v2';
const INDEX_FILE = 'index.json';
/** Caches of earlier layouts; removed when the new one is written. */
const OLD_FILES = ['records-v1.json'];

export interface CacheEntry extends ParsedRecord {
  size: number;
  mtimeMs: number;
  /** Git blob id of the file's bytes: the real key; size/mtime only let us skip re-hashing. */
  blob: string;
}

/** What the index keeps of a file: enough to skip it, and its own problems. */
export interface IndexEntry {
  size: number;
  mtimeMs: number;
  blob: string;
  /** The file parsed and passed its schema: its data is in the shard. */
  ok: boolean;
  problems: Problem[];
}

type IndexRow = [number, number, string, 0 | 1, Problem[]?];
interface ShardRow { b: string; d: unknown; body?: string; bl?: number }
type Shard = Record<string, ShardRow>;

/**
 * Shard of a path: its folder, and for rounds also the room named in the file name — one shard per
 * room and month (records/rounds/2026/11/2026-11-24-lab-pagi.yaml → rounds-2026-11--lab), so a room's
 * rounds are read together and a shard stays small (≈100 rounds) however many rooms there are.
 */
export function shardOf(path: string): string {
  const dir = dirname(path).replace(/^records\/?/, '');
  let name = dir === '' || dir === '.' ? 'records' : dir;
  const round = /^records\/rounds\/.*\/\d{4}-\d{2}-\d{2}-(.+)-[^-/]+\.ya?ml$/.exec(path);
  if (round) name += `--${round[1]}`;
  return name.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/** Shards kept in memory (least recently used dropped first): a few room-months, ≈10 MB at most. */
const MAX_SHARDS = 128;
/** Parsed rows waiting to be written before the loader writes their shards early (bounds a cold load's memory). */
const FLUSH_ROWS = 8_000;

export class RecordStore {
  /** Shards read (or being written), least recently used first. */
  private readonly shards = new Map<string, Shard>();
  /** Rows to write, by shard. */
  private readonly pending = new Map<string, Map<string, ShardRow>>();
  private pendingRows = 0;
  private dirty = false;

  private constructor(
    readonly root: string,
    readonly enabled: boolean,
    private readonly key: string,
    private readonly index: Map<string, IndexEntry>,
  ) {}

  /** Reads the index (never the shards). A missing, corrupt or foreign-code index is an empty cache. */
  static async open(root: string, enabled = true): Promise<RecordStore> {
    const key = sourceFingerprint(RECORD_CODE);
    const index = new Map<string, IndexEntry>();
    if (enabled) {
      try {
        const parsed = JSON.parse(unseal(await readFile(join(root, CACHE_DIR, STORE_DIR, INDEX_FILE), 'utf8')) ?? 'null') as { key?: string; entries?: Record<string, IndexRow> } | null;
        if (parsed?.key === key && parsed.entries && typeof parsed.entries === 'object') {
          for (const [path, [size, mtimeMs, blob, ok, problems]] of Object.entries(parsed.entries)) {
            index.set(path, { size, mtimeMs, blob, ok: ok === 1, problems: problems ?? [] });
          }
        }
      } catch {
        // A missing or corrupt cache only costs a re-parse.
      }
    }
    return new RecordStore(root, enabled, key, index);
  }

  lookup(path: string): IndexEntry | undefined {
    return this.index.get(path);
  }

  /** Same bytes seen with a new size/mtime (a checkout, a touch): remember it so the next run skips the hash. */
  refresh(path: string, size: number, mtimeMs: number): void {
    const e = this.index.get(path);
    if (!e || (e.size === size && e.mtimeMs === mtimeMs)) return;
    this.index.set(path, { ...e, size, mtimeMs });
    this.dirty = true;
  }

  put(path: string, entry: CacheEntry): void {
    const ok = entry.data !== null;
    this.index.set(path, { size: entry.size, mtimeMs: entry.mtimeMs, blob: entry.blob, ok, problems: entry.problems });
    this.dirty = true;
    if (!ok) return;
    const shard = shardOf(path);
    let rows = this.pending.get(shard);
    if (!rows) this.pending.set(shard, (rows = new Map()));
    const row: ShardRow = { b: entry.blob, d: entry.data };
    if (entry.body !== undefined) row.body = entry.body;
    if (entry.bodyLine !== undefined) row.bl = entry.bodyLine;
    if (!rows.has(path)) this.pendingRows++;
    rows.set(path, row);
    // A shard already in memory keeps serving reads.
    const loaded = this.shards.get(shard);
    if (loaded) loaded[path] = row;
  }

  /** After a whole-archive load: forget files that are gone. */
  retainOnly(paths: ReadonlySet<string>): void {
    for (const path of this.index.keys()) {
      if (paths.has(path)) continue;
      this.index.delete(path);
      this.dirty = true;
      // Its shard is rewritten without it.
      if (!this.pending.has(shardOf(path))) this.pending.set(shardOf(path), new Map());
    }
  }

  /**
   * The cached data of a file whose index entry says `ok` with this blob, reading its shard when it
   * is not in memory (synchronously: records are materialised when a caller touches their data).
   * Undefined when the shard lacks it (deleted or written by a concurrent run): parse the file again.
   * `shard` is shardOf(path), passed by callers that read the same record often.
   */
  read(path: string, blob: string, shard = shardOf(path)): ParsedRecord | undefined {
    const row = this.shard(shard)[path];
    if (!row || row.b !== blob) return undefined;
    return { data: row.d, problems: [], ...(row.body !== undefined ? { body: row.body } : {}), ...(row.bl !== undefined ? { bodyLine: row.bl } : {}) };
  }

  private shard(name: string): Shard {
    const hit = this.shards.get(name);
    if (hit) {
      // Most recently used goes last.
      this.shards.delete(name);
      this.shards.set(name, hit);
      return hit;
    }
    let shard: Shard = {};
    if (this.enabled) {
      try {
        shard = (JSON.parse(unseal(readFileSync(join(this.root, CACHE_DIR, STORE_DIR, `${name}.json`), 'utf8')) ?? '{}') as Shard | null) ?? {};
      } catch {
        shard = {};
      }
    }
    // Rows parsed in this run win over what the file had.
    for (const [path, row] of this.pending.get(name) ?? []) shard[path] = row;
    this.shards.set(name, shard);
    for (const old of this.shards.keys()) {
      if (this.shards.size <= MAX_SHARDS) break;
      this.shards.delete(old);
    }
    return shard;
  }

  /** Writes the shards with pending rows now if many rows wait (a cold load of a large archive). */
  async flushIfLarge(): Promise<void> {
    if (this.pendingRows >= FLUSH_ROWS) await this.flush();
  }

  /** Writes every shard with pending rows (each write-then-rename). */
  private async flush(): Promise<void> {
    if (!this.enabled || this.pending.size === 0) return;
    const dir = join(this.root, CACHE_DIR, STORE_DIR);
    await mkdir(dir, { recursive: true });
    for (const name of [...this.pending.keys()]) {
      const shard = this.shard(name);
      const out: Shard = {};
      // Keep only rows the index still vouches for: stale versions and deleted files drop out here.
      for (const [path, row] of Object.entries(shard)) {
        const e = this.index.get(path);
        if (e?.ok && e.blob === row.b) out[path] = row;
      }
      this.pending.delete(name);
      await atomicWrite(join(dir, `${name}.json`), JSON.stringify(out));
    }
    this.pendingRows = 0;
  }

  /** Writes the changed shards and then the index. */
  async save(): Promise<void> {
    if (!this.enabled || !this.dirty) return;
    await this.flush();
    const dir = join(this.root, CACHE_DIR, STORE_DIR);
    await mkdir(dir, { recursive: true });
    const entries: Record<string, IndexRow> = {};
    for (const [path, e] of this.index) entries[path] = e.problems.length ? [e.size, e.mtimeMs, e.blob, e.ok ? 1 : 0, e.problems] : [e.size, e.mtimeMs, e.blob, e.ok ? 1 : 0];
    await atomicWrite(join(dir, INDEX_FILE), JSON.stringify({ key: this.key, entries }));
    for (const f of OLD_FILES) rmSync(join(this.root, CACHE_DIR, f), { force: true });
    this.dirty = false;
  }
}

async function atomicWrite(file: string, text: string): Promise<void> {
  const sealed = seal(text);
  if (sealed === null) return; // no key to seal with: nothing is cached
  const tmp = `${file}.${process.pid}.tmp`;
  // Write then rename: a concurrent run never reads half a file.
  await writeFile(tmp, sealed);
  await rename(tmp, file);
}

/** A small JSON file in the cache folder (the check command's result cache); null when absent or corrupt. */
export function readCacheFile<T>(root: string, name: string): T | null {
  try {
    return JSON.parse(unseal(readFileSync(join(root, CACHE_DIR, name), 'utf8')) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export function writeCacheFile(root: string, name: string, value: unknown): void {
  const dir = join(root, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const sealed = seal(JSON.stringify(value));
  if (sealed === null) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, sealed);
  renameSync(tmp, file);
}
