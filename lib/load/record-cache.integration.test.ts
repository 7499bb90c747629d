import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArchive, type Archive } from './archive.ts';
import { createHmac } from 'node:crypto';
import { seal, unseal } from './cache-seal.ts';
import { CACHE_DIR, readCacheFile, shardOf, writeCacheFile } from './record-cache.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the repository's demo archive (≈180 rounds, two maintenance records). */
function demoCopy(): string {
  const d = mkdtempSync(join(tmpdir(), 'ronda-cache-test-'));
  dirs.push(d);
  cpSync(join(REPO, 'records'), join(d, 'records'), { recursive: true });
  return d;
}
const STORE = (root: string) => join(root, CACHE_DIR, 'records-v2');
/** A cache file's JSON, under its seal. */
const readSealed = (file: string) => JSON.parse(unseal(readFileSync(file, 'utf8'))!) as Record<string, unknown>;
/** What someone without the key can write: well-formed JSON with a seal made under another key. */
const forge = (file: string, value: unknown) => {
  const text = JSON.stringify(value);
  writeFileSync(file, `${createHmac('sha256', 'geen-sleutel').update(text).digest('hex')}\n${text}`);
};
/** Everything a caller can see of an archive, data included (reading it materialises lazy records). */
const view = (a: Archive) => ({
  config: a.config?.data,
  checklists: a.checklists?.data,
  rooms: [...a.rooms].map(([id, r]) => [id, r.path, r.blob, r.data]),
  rounds: a.rounds.map((r) => [r.path, r.blob, r.data]),
  maintenance: a.maintenance.map((m) => [m.path, m.blob, m.data, m.body, m.bodyLine]),
  problems: a.problems,
  fingerprint: a.fingerprint,
});
const firstRound = (root: string) => {
  const month = readdirSync(join(root, 'records/rounds/2026')).sort()[0]!;
  const name = readdirSync(join(root, 'records/rounds/2026', month)).sort()[0]!;
  return `records/rounds/2026/${month}/${name}`;
};

describe('shardOf', () => {
  it('groups files by folder, rounds by room and month', () => {
    expect(shardOf('records/rounds/2026/11/2026-11-24-lab-pagi.yaml')).toBe('rounds-2026-11--lab');
    expect(shardOf('records/rounds/2026/11/2026-11-25-ruang-server-01-malam.yaml')).toBe('rounds-2026-11--ruang-server-01');
    expect(shardOf('records/rounds/2026/11/catatan.yaml')).toBe('rounds-2026-11');
    expect(shardOf('records/rooms/lab.yaml')).toBe('rooms');
    expect(shardOf('records/config.yaml')).toBe('records');
    expect(shardOf('records/maintenance/2026/2026-10-01-x.md')).toBe('maintenance-2026');
  });
});

describe('loadArchive with the sharded cache', () => {
  it('serves an unchanged archive from the cache, lazily, with exactly the data a fresh parse gives', async () => {
    const root = demoCopy();
    const fresh = await loadArchive(root, { cache: false });
    const cold = await loadArchive(root);
    expect(cold.stats).toEqual({ files: fresh.stats.files, parsed: fresh.stats.files, fromCache: 0 });
    const warm = await loadArchive(root);
    expect(warm.stats).toEqual({ files: fresh.stats.files, parsed: 0, fromCache: fresh.stats.files });
    // Not read yet: the record's data is a getter over its shard.
    expect(Object.getOwnPropertyDescriptor(warm.rounds[0]!, 'data')?.get).toBeTypeOf('function');
    expect(view(warm)).toEqual(view(fresh));
    expect(readdirSync(STORE(root))).toContain('index.json');
  });

  it('re-parses a changed file and rewrites only its shard', async () => {
    const root = demoCopy();
    await loadArchive(root);
    const target = firstRound(root);
    const shards = readdirSync(STORE(root)).filter((f) => f !== 'index.json');
    const before = new Map(shards.map((f) => [f, statSync(join(STORE(root), f)).mtimeMs]));
    writeFileSync(join(root, target), readFileSync(join(root, target), 'utf8').replace(/^notes: .*$/m, 'notes: "diubah"'));
    const again = await loadArchive(root);
    expect(again.stats.parsed).toBe(1);
    expect(again.rounds.find((r) => r.path === target)?.data.notes).toBe('diubah');
    const rewritten = shards.filter((f) => statSync(join(STORE(root), f)).mtimeMs !== before.get(f));
    expect(rewritten).toEqual([`${shardOf(target)}.json`]);
    expect(view(await loadArchive(root))).toEqual(view(await loadArchive(root, { cache: false })));
  });

  it('forgets deleted files, keeps problems of bad files in the index, and survives a lost shard', async () => {
    const root = demoCopy();
    const target = firstRound(root);
    const bad = target.replace(/\.yaml$/, '-x.yaml');
    writeFileSync(join(root, bad), 'room: [\n');
    const first = await loadArchive(root);
    expect(first.problems.some((p) => p.file === bad)).toBe(true);
    const cached = await loadArchive(root);
    expect(cached.stats.parsed).toBe(0);
    expect(cached.problems).toEqual(first.problems);

    rmSync(join(root, target));
    rmSync(join(root, bad));
    await loadArchive(root);
    const index = readSealed(join(STORE(root), 'index.json')) as { entries: Record<string, unknown> };
    expect(index.entries[target]).toBeUndefined();
    expect(index.entries[bad]).toBeUndefined();
    const shard = readSealed(join(STORE(root), `${shardOf(target)}.json`));
    expect(shard[target]).toBeUndefined();

    // A shard deleted behind the cache's back: its records are parsed again from the files.
    const other = (await loadArchive(root)).rounds[0]!;
    rmSync(join(STORE(root), `${shardOf(other.path)}.json`));
    const after = await loadArchive(root);
    expect(view(after)).toEqual(view(await loadArchive(root, { cache: false })));
  });

  it('ignores an index written by other code (its key is the fingerprint of loader, validator and schemas)', async () => {
    const root = demoCopy();
    await loadArchive(root);
    const file = join(STORE(root), 'index.json');
    const index = readSealed(file);
    writeFileSync(file, seal(JSON.stringify({ ...index, key: 'older-code' }))!);
    expect((await loadArchive(root)).stats.parsed).toBeGreaterThan(0);
  });

  it('ignores a well-formed entry under the right key with other content, unless sealed with the key', async () => {
    const root = demoCopy();
    await loadArchive(root);
    const target = firstRound(root);
    const shardFile = join(STORE(root), `${shardOf(target)}.json`);
    const shard = readSealed(shardFile) as Record<string, { b: string; d: { readings: { temperature_c: number }[] } }>;
    const real = shard[target]!.d.readings[0]!.temperature_c;
    shard[target]!.d.readings[0]!.temperature_c = 24.9;
    forge(shardFile, shard);
    const tampered = await loadArchive(root);
    expect(tampered.rounds.find((r) => r.path === target)!.data.readings[0]!.temperature_c).toBe(real);
    // The control: the same entry sealed with the key is believed (the seal is all that stands between).
    writeFileSync(shardFile, seal(JSON.stringify(shard))!);
    expect((await loadArchive(root)).rounds.find((r) => r.path === target)!.data.readings[0]!.temperature_c).toBe(24.9);
  });

  it('ignores a planted index and check result', async () => {
    const root = demoCopy();
    await loadArchive(root);
    const file = join(STORE(root), 'index.json');
    forge(file, readSealed(file));
    expect((await loadArchive(root)).stats.parsed).toBeGreaterThan(0);
    writeCacheFile(root, 'check-result.json', { key: 'k', problems: [] });
    expect(readCacheFile(root, 'check-result.json')).toEqual({ key: 'k', problems: [] });
    forge(join(root, CACHE_DIR, 'check-result.json'), { key: 'k', problems: [] });
    expect(readCacheFile(root, 'check-result.json')).toBeNull();
  });

  it('parses on worker threads when many files changed, with the same result as inline parsing', async () => {
    const root = demoCopy();
    writeFileSync(join(root, firstRound(root).replace(/\.yaml$/, '-x.yaml')), 'room: [\n');
    const inline = await loadArchive(root, { cache: false });
    const pooled = await loadArchive(root, { cache: false, poolThreshold: 1 });
    expect(pooled.stats.parsed).toBe(inline.stats.parsed);
    expect(view(pooled)).toEqual(view(inline));
  });
});
