import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gitBlobId } from '../git/blob-id.ts';
import { problem, type Problem } from '../problems.ts';
import { CHECKLISTS_PATH, CONFIG_PATH, recordKindOf, RECORDS_DIR } from '../paths.ts';
import type { ChecklistsRecord, ConfigRecord, MaintenanceFrontMatter, RoomRecord, RoundRecord } from '../types.generated.ts';
import { RecordStore, shardOf, type CacheEntry } from './record-cache.ts';
import { parseMaintenanceSource } from './maintenance-source.ts';
import { parseRecordFile, type ParsedRecord } from './parse-record.ts';
import { ParsePool, POOL_THRESHOLD, type ParseJob } from './parse-pool.ts';
import { MAX_RECORD_BYTES, parseYamlSource, type PositionIndex } from './yaml-source.ts';

export { parseRecordFile } from './parse-record.ts';

export interface LoadedRecord<T> {
  path: string;
  /** Git blob id of the bytes that were parsed: the content hash that keys the cache. */
  blob: string;
  data: T;
}
export interface LoadedMaintenance extends LoadedRecord<MaintenanceFrontMatter> {
  body: string;
  bodyLine: number;
}

export interface Archive {
  root: string;
  config?: LoadedRecord<ConfigRecord>;
  checklists?: LoadedRecord<ChecklistsRecord>;
  /** By room id (the file name). */
  rooms: Map<string, LoadedRecord<RoomRecord>>;
  /** Sorted by path, which is by date within a room. */
  rounds: LoadedRecord<RoundRecord>[];
  maintenance: LoadedMaintenance[];
  /** Problems found while reading, parsing and schema-validating each file on its own. */
  problems: Problem[];
  /** Every record path under records/, loaded or not (for rules that only need names). */
  allPaths: string[];
  /** Content hash of everything loaded (each loaded path and its blob id): equal ⇔ same records. */
  fingerprint: string;
  stats: { files: number; parsed: number; fromCache: number };
}

export interface LoadOptions {
  /** Load only these round/maintenance files (plus config, checklists and rooms). Default: all. */
  only?: string[];
  /** Read and write the content-hash cache in <root>/.ronda-cache. Default true. */
  cache?: boolean;
  /** Parse on worker threads from this many files to parse on (default POOL_THRESHOLD). */
  poolThreshold?: number;
  /** listRecordFiles(root), when the caller has just listed them (saves listing a large archive twice). */
  listing?: string[];
}

/**
 * The one archive loader. Each file is parsed at most once per run, and not at all when the cache
 * holds its content hash; positions are kept only for files with problems (see resolveLines).
 * Records served from the cache are materialised lazily: their data is read from the cache the first
 * time a caller touches it, so a caller that needs only names and problems reads no data at all.
 */
export async function loadArchive(root: string, opts: LoadOptions = {}): Promise<Archive> {
  const store = await RecordStore.open(root, opts.cache ?? true);
  const allPaths = opts.listing ?? (await listRecordFiles(root));
  const wanted = opts.only ? new Set(opts.only) : undefined;
  const archive: Archive = { root, rooms: new Map(), rounds: [], maintenance: [], problems: [], allPaths, fingerprint: '', stats: { files: 0, parsed: 0, fromCache: 0 } };

  for (const what of [CONFIG_PATH, CHECKLISTS_PATH]) {
    if (!allPaths.includes(what)) archive.problems.push(problem(what, { line: 1, col: 1 }, 'archive-missing', { what }));
  }
  const toLoad = allPaths.filter((p) => {
    const kind = recordKindOf(p);
    if (kind === 'round' || kind === 'maintenance') return !wanted || wanted.has(p);
    return true;
  });
  if (wanted) {
    for (const p of wanted) if (!allPaths.includes(p)) archive.problems.push(problem(p, { line: 1, col: 1 }, existsSync(join(root, p)) ? 'unknown-file' : 'file-not-found'));
  }
  archive.stats.files = toLoad.length;

  const loaded = await loadEntries(root, toLoad, store, archive.stats, opts.poolThreshold ?? POOL_THRESHOLD);
  const hash = createHash('sha1');
  for (const path of toLoad) {
    const entry = loaded.get(path)!;
    // A file refused before hashing (too large, vanished) has no blob: its problem stands for it.
    hash.update(`${path}\0${entry.blob || JSON.stringify(entry.problems)}\n`);
    addToArchive(archive, path, entry, store);
  }
  archive.fingerprint = hash.digest('hex');
  archive.rounds.sort((a, b) => (a.path < b.path ? -1 : 1));
  archive.maintenance.sort((a, b) => (a.path < b.path ? -1 : 1));
  if (!wanted) store.retainOnly(new Set(toLoad));
  await store.save();
  return archive;
}

/** A file as loaded: its index facts, plus its parsed data when it was parsed in this run. */
interface Loaded { blob: string; ok: boolean; problems: Problem[]; parsed?: ParsedRecord }

/**
 * Stats every file; reads and hashes only those whose size or mtime changed; parses only those whose
 * hash changed — on worker threads when there are many (a cold cache), else inline.
 */
async function loadEntries(root: string, paths: string[], store: RecordStore, stats: Archive['stats'], poolThreshold: number): Promise<Map<string, Loaded>> {
  const out = new Map<string, Loaded>();
  const changed: { path: string; size: number; mtimeMs: number }[] = [];
  for (const path of paths) {
    const st = statSync(join(root, path), { throwIfNoEntry: false });
    if (!st) {
      // Listed a moment ago, gone now: report it like a file asked for that does not exist.
      out.set(path, { blob: '', ok: false, problems: [problem(path, { line: 1, col: 1 }, 'file-not-found')] });
      continue;
    }
    // Refuse an oversized file from its size alone: a 20 MB paste is never read into memory.
    if (st.size > MAX_RECORD_BYTES) {
      out.set(path, { blob: '', ok: false, problems: [problem(path, { line: 1, col: 1 }, 'file-too-large', { size: st.size, max: MAX_RECORD_BYTES })] });
      continue;
    }
    // Same size and mtime as when hashed: trust the stored hash without reading (as git's index does).
    const idx = store.lookup(path);
    if (idx && idx.size === st.size && idx.mtimeMs === st.mtimeMs) {
      stats.fromCache++;
      out.set(path, idx);
    } else changed.push({ path, size: st.size, mtimeMs: st.mtimeMs });
  }

  const pool = changed.length >= poolThreshold ? new ParsePool() : undefined;
  const inFlight: Promise<void>[] = [];
  const finish = (path: string, size: number, mtimeMs: number, blob: string, parsed: ParsedRecord) => {
    stats.parsed++;
    const entry: CacheEntry = { size, mtimeMs, blob, ...parsed };
    store.put(path, entry);
    // With the cache on, the data lives in the store (written out shard by shard) and records read it
    // back on demand: a cold load of 200,000 rounds never holds them all. Without it, records keep it.
    out.set(path, { blob, ok: parsed.data !== null, problems: parsed.problems, ...(store.enabled ? {} : { parsed }) });
  };
  try {
    const CHUNK = 48;
    for (let i = 0; i < changed.length; i += CHUNK) {
      const jobs: (ParseJob & { size: number; mtimeMs: number; blob: string })[] = [];
      for (const { path, size, mtimeMs } of changed.slice(i, i + CHUNK)) {
        // Synchronous: ≈15 µs for a 4 KB file against ≈60 µs for a promise's thread-pool round trip, and
        // the workers never wait on this thread for more than a batch.
        const bytes = readFileSync(join(root, path));
        const blob = gitBlobId(bytes);
        const idx = store.lookup(path);
        if (idx && idx.blob === blob) {
          stats.fromCache++;
          store.refresh(path, size, mtimeMs);
          out.set(path, idx);
        } else jobs.push({ path, kind: recordKindOf(path)!, bytes, size, mtimeMs, blob });
      }
      if (!pool) {
        for (const j of jobs) finish(j.path, j.size, j.mtimeMs, j.blob, parseRecordFile(j.kind, j.bytes, j.path));
        continue;
      }
      inFlight.push(
        pool.parse(jobs.map(({ path, kind, bytes }) => ({ path, kind, bytes }))).then(
          (results) => jobs.forEach((j, k) => finish(j.path, j.size, j.mtimeMs, j.blob, results[k]!)),
          // A worker that failed to start or died: parse its batch here.
          () => jobs.forEach((j) => finish(j.path, j.size, j.mtimeMs, j.blob, parseRecordFile(j.kind, j.bytes, j.path))),
        ),
      );
      // Bounded read-ahead: the bytes of at most a few batches per worker wait in memory.
      if (inFlight.length >= 8) await inFlight.shift();
      await store.flushIfLarge();
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  return out;
}

function addToArchive(archive: Archive, path: string, entry: Loaded, store: RecordStore): void {
  archive.problems.push(...entry.problems);
  if (!entry.ok) return;
  const kind = recordKindOf(path);
  const { parsed, blob } = entry;
  const rec = !parsed
    ? lazyRecord(archive.root, store, path, blob, kind === 'maintenance')
    : kind === 'maintenance'
      ? { path, blob, data: parsed.data, body: parsed.body ?? '', bodyLine: parsed.bodyLine ?? 1 }
      : { path, blob, data: parsed.data };
  switch (kind) {
    case 'config':
      archive.config = rec as LoadedRecord<ConfigRecord>;
      break;
    case 'checklists':
      archive.checklists = rec as LoadedRecord<ChecklistsRecord>;
      break;
    case 'room':
      archive.rooms.set(path.slice('records/rooms/'.length, -'.yaml'.length), rec as LoadedRecord<RoomRecord>);
      break;
    case 'round':
      archive.rounds.push(rec as LoadedRecord<RoundRecord>);
      break;
    case 'maintenance':
      archive.maintenance.push(rec as LoadedMaintenance);
      break;
  }
}

/**
 * A cached record whose data (and body) is read from the cache each time it is touched: the store
 * keeps the most recently used shards in memory, so walking the rounds in order reads each shard
 * once, and a large archive is never held whole. If the cache cannot give it (its shard was removed
 * meanwhile), the file is parsed again and kept; if the file changed since it was listed, that is an
 * error to re-run, not a silent mix of two versions.
 */
function lazyRecord(root: string, store: RecordStore, path: string, blob: string, withBody: boolean): LoadedMaintenance {
  const shard = shardOf(path);
  let kept: ParsedRecord | undefined;
  const get = (): ParsedRecord => {
    const hit = kept ?? store.read(path, blob, shard);
    if (hit) return hit;
    const bytes = readFileSync(join(root, path));
    const again = gitBlobId(bytes) === blob ? parseRecordFile(recordKindOf(path)!, bytes, path) : null;
    if (!again || again.data === null) throw new Error(`${path} berubah selama pemeriksaan; jalankan perintah lagi.`);
    return (kept = again);
  };
  const rec = { path, blob } as LoadedMaintenance;
  const lazy = <K extends 'data' | 'body' | 'bodyLine'>(key: K, read: () => LoadedMaintenance[K]) =>
    Object.defineProperty(rec, key, {
      enumerable: true,
      configurable: true,
      get: read,
      // Assigning replaces the lazy value with a plain one.
      set: (v: LoadedMaintenance[K]) => Object.defineProperty(rec, key, { value: v, enumerable: true, configurable: true, writable: true }),
    });
  lazy('data', () => get().data as MaintenanceFrontMatter);
  if (withBody) {
    lazy('body', () => get().body ?? '');
    lazy('bodyLine', () => get().bodyLine ?? 1);
  }
  return rec;
}

/** Every record file under records/, relative, sorted; files that fit no record kind are reported by rules. */
export async function listRecordFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (e) => {
        const p = `${rel}/${e.name}`;
        if (e.isDirectory()) return walk(p);
        if (e.isFile() && recordKindOf(p)) out.push(p);
      }),
    );
  }
  await walk(RECORDS_DIR);
  return out.sort();
}

/**
 * Cross-record rules report a JSON pointer; the line is looked up here by re-parsing only
 * the files that have such problems (cached files keep no positions, to keep the cache small).
 */
export async function resolveLines(root: string, problems: Problem[]): Promise<Problem[]> {
  const byFile = new Map<string, PositionIndex | null>();
  for (const p of problems) {
    if (p.pointer === undefined || byFile.has(p.file)) continue;
    try {
      const bytes = await readFile(join(root, p.file));
      const kind = recordKindOf(p.file);
      const src = kind === 'maintenance' ? parseMaintenanceSource(bytes, p.file) : parseYamlSource(bytes, p.file);
      byFile.set(p.file, 'problems' in src ? null : src.positions);
    } catch {
      byFile.set(p.file, null);
    }
  }
  return problems.map((p) => {
    if (p.pointer === undefined) return p;
    const positions = byFile.get(p.file);
    if (!positions) return p;
    let ptr = p.pointer;
    for (;;) {
      const hit = positions[ptr];
      if (hit) return { ...p, line: hit[0], col: hit[1] };
      if (ptr === '') return p;
      ptr = ptr.slice(0, ptr.lastIndexOf('/'));
    }
  });
}
