import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gitBlobId } from '../git/blob-id.ts';
import { problem, type Problem } from '../problems.ts';
import { CHECKLISTS_PATH, CONFIG_PATH, recordKindOf, RECORDS_DIR, type RecordFileKind } from '../paths.ts';
import type { ChecklistsRecord, ConfigRecord, MaintenanceFrontMatter, RoomRecord, RoundRecord } from '../types.generated.ts';
import { validateRecord } from '../validate/schemas.ts';
import { readCache, writeCache, type CacheEntry, type RecordCache } from './record-cache.ts';
import { parseMaintenanceSource } from './maintenance-source.ts';
import { MAX_RECORD_BYTES, parseYamlSource, type PositionIndex } from './yaml-source.ts';

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
  stats: { files: number; parsed: number; fromCache: number };
}

export interface LoadOptions {
  /** Load only these round/maintenance files (plus config, checklists and rooms). Default: all. */
  only?: string[];
  /** Read and write the content-hash cache in <root>/.ronda-cache. Default true. */
  cache?: boolean;
}

/**
 * The one archive loader. Each file is parsed at most once per run, and not at all when the
 * cache holds its content hash; positions are kept only for files with problems (see resolveLines).
 */
export async function loadArchive(root: string, opts: LoadOptions = {}): Promise<Archive> {
  const useCache = opts.cache ?? true;
  const cache: RecordCache = useCache ? await readCache(root) : { entries: {} };
  const allPaths = await listRecordFiles(root);
  const wanted = opts.only ? new Set(opts.only) : undefined;
  const archive: Archive = { root, rooms: new Map(), rounds: [], maintenance: [], problems: [], allPaths, stats: { files: 0, parsed: 0, fromCache: 0 } };

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

  const nextEntries: Record<string, CacheEntry> = wanted ? { ...cache.entries } : {};
  // Reads run concurrently in small batches: I/O-bound on many small files.
  const BATCH = 64;
  for (let i = 0; i < toLoad.length; i += BATCH) {
    const batch = toLoad.slice(i, i + BATCH);
    const entries = await Promise.all(batch.map((path) => loadEntry(root, path, cache.entries[path], archive)));
    batch.forEach((path, j) => (nextEntries[path] = entries[j]!));
  }
  for (const path of toLoad) addToArchive(archive, path, nextEntries[path]!);
  archive.rounds.sort((a, b) => (a.path < b.path ? -1 : 1));
  archive.maintenance.sort((a, b) => (a.path < b.path ? -1 : 1));
  if (useCache && archive.stats.parsed > 0) await writeCache(root, { entries: nextEntries });
  return archive;
}

async function loadEntry(root: string, path: string, cached: CacheEntry | undefined, archive: Archive): Promise<CacheEntry> {
  archive.stats.files++;
  const abs = join(root, path);
  const st = await stat(abs);
  // Refuse an oversized file from its size alone: a 20 MB paste is never read into memory.
  if (st.size > MAX_RECORD_BYTES) {
    return { size: st.size, mtimeMs: st.mtimeMs, blob: '', data: null, problems: [problem(path, { line: 1, col: 1 }, 'file-too-large', { size: st.size, max: MAX_RECORD_BYTES })] };
  }
  // Same size and mtime as when hashed: trust the stored hash without reading (as git's index does).
  if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) {
    archive.stats.fromCache++;
    return cached;
  }
  const bytes = await readFile(abs);
  const blob = gitBlobId(bytes);
  if (cached && cached.blob === blob) {
    archive.stats.fromCache++;
    return { ...cached, size: st.size, mtimeMs: st.mtimeMs };
  }
  archive.stats.parsed++;
  return { size: st.size, mtimeMs: st.mtimeMs, blob, ...parseRecordFile(recordKindOf(path)!, bytes, path) };
}

/** Parses and schema-validates one file; the result is what the cache stores. */
export function parseRecordFile(kind: RecordFileKind, bytes: Uint8Array, path: string): Pick<CacheEntry, 'data' | 'problems' | 'body' | 'bodyLine'> {
  if (kind === 'maintenance') {
    const source = parseMaintenanceSource(bytes, path);
    if ('problems' in source) return { data: null, problems: source.problems };
    const problems = validateRecord(kind, source.data, source.positions, path);
    return { data: problems.length ? null : source.data, problems, body: source.body, bodyLine: source.bodyLine };
  }
  const source = parseYamlSource(bytes, path);
  if ('problems' in source) return { data: null, problems: source.problems };
  const problems = validateRecord(kind, source.data, source.positions, path);
  return { data: problems.length ? null : source.data, problems };
}

function addToArchive(archive: Archive, path: string, entry: CacheEntry): void {
  archive.problems.push(...entry.problems);
  if (entry.data === null) return;
  const rec = { path, blob: entry.blob, data: entry.data };
  switch (recordKindOf(path)) {
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
      archive.maintenance.push({ ...(rec as LoadedRecord<MaintenanceFrontMatter>), body: entry.body ?? '', bodyLine: entry.bodyLine ?? 1 });
      break;
  }
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
