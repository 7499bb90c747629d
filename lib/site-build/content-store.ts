/**
 * A folder of build outputs (round pages, charts, download parts) filed under the hash of what they
 * were made from, so a rebuild makes only what is new or changed — the page-level counterpart of the
 * record cache. Files are written aside and renamed (a killed build never leaves a torn file under a
 * valid key), and `prune()` removes what this build did not use, so the store never outgrows the site.
 * Without a folder (--no-cache) it is a temporary folder and nothing is reused.
 *
 * What the store holds is listed once when it is opened (one readdir per shard folder) instead of one
 * existsSync per page: a build asks for every page's key (22,000 at 11,000 rounds, 400,000 at 200,000),
 * and prune() needs the same listing anyway.
 *
 * A stored page is published as it is, so whoever could write the folder could publish anything: each
 * build seals (lib/load/cache-seal.ts) a list of the SHA-256 of every file it used, and an entry is reused
 * only when its bytes still hash to what that sealed list says; anything else is made again.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seal, unseal } from '../load/cache-seal.ts';

const SEALS = 'seals.json';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export const hashOf = (...parts: string[]): string => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

/**
 * Writes a store file aside and renames it into place: a killed build never leaves a torn file under a
 * valid key. Text in pieces is written piece by piece, never joined into one more copy.
 */
export function fillStoreFile(file: string, text: string | readonly string[]): void {
  if (typeof text === 'string') writeFileSync(`${file}.tmp`, text);
  else {
    const fd = openSync(`${file}.tmp`, 'w');
    try {
      for (const piece of text) writeSync(fd, piece);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(`${file}.tmp`, file);
}

export class ContentStore {
  readonly dir: string;
  readonly persistent: boolean;
  private readonly used = new Set<string>();
  /** Keys stored when the store was opened (by earlier builds). */
  private readonly existing = new Set<string>();
  /** Shard folders known to exist. */
  private readonly shards = new Set<string>();
  /** key → SHA-256 of its file, from the last build's sealed list (and this build's reuses). */
  private readonly sealed = new Map<string, string>();
  /** Keys reused because their bytes matched the sealed list. */
  private readonly verified = new Set<string>();
  made = 0;
  reused = 0;

  constructor(dir: string | null) {
    this.persistent = dir !== null;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'ronda-store-'));
    mkdirSync(this.dir, { recursive: true });
    if (this.persistent) {
      try {
        const list = JSON.parse(unseal(readFileSync(join(this.dir, SEALS), 'utf8')) ?? '{}') as Record<string, string>;
        for (const [k, h] of Object.entries(list)) if (typeof h === 'string') this.sealed.set(k, h);
      } catch {
        // No list (or not ours): nothing is reused.
      }
    }
    for (const sub of readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      const shard = join(this.dir, sub.name);
      this.shards.add(shard);
      for (const name of readdirSync(shard)) {
        // A `.tmp` file is a write a killed build never finished: never a valid entry.
        if (name.endsWith('.tmp')) unlinkSync(join(shard, name));
        else this.existing.add(name);
      }
    }
  }

  fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  /**
   * Marks `key` as used by this build; `missing` when nobody has made it yet — the caller then writes
   * `file` (aside and renamed, see `ensure`), perhaps on another thread.
   */
  reserve(key: string): { file: string; missing: boolean } {
    const file = this.fileOf(key);
    if (this.used.has(key)) return { file, missing: false };
    this.used.add(key);
    if (this.existing.has(key) && this.intact(key, file)) {
      this.verified.add(key);
      this.reused++;
      return { file, missing: false };
    }
    const shard = dirname(file);
    if (!this.shards.has(shard)) {
      mkdirSync(shard, { recursive: true });
      this.shards.add(shard);
    }
    this.made++;
    return { file, missing: true };
  }

  /** The file's bytes still hash to what the sealed list says. */
  private intact(key: string, file: string): boolean {
    const want = this.sealed.get(key);
    try {
      return want !== undefined && sha256(readFileSync(file)) === want;
    } catch {
      return false;
    }
  }

  /** The file stored under `key`, made by `make` unless this or an earlier build already made it. */
  ensure(key: string, make: () => string | readonly string[]): string {
    const { file, missing } = this.reserve(key);
    if (missing) fillStoreFile(file, make());
    return file;
  }

  /** Like ensure, returning the text. */
  text(key: string, make: () => string): string {
    let made: string | null = null;
    const file = this.ensure(key, () => (made = make()));
    return made ?? readFileSync(file, 'utf8');
  }

  /** Removes every stored file this build did not use (or the whole temporary folder). */
  prune(): void {
    if (!this.persistent) {
      rmSync(this.dir, { recursive: true, force: true });
      return;
    }
    for (const name of this.existing) if (!this.used.has(name)) unlinkSync(this.fileOf(name));
    this.sealUsed();
  }

  /** Seals the hashes of every file this build used (made ones read back: workers wrote them). */
  private sealUsed(): void {
    const list: Record<string, string> = {};
    for (const key of this.used) {
      try {
        list[key] = this.verified.has(key) ? this.sealed.get(key)! : sha256(readFileSync(this.fileOf(key)));
      } catch {
        // Not written (a failed build): not listed, made again next time.
      }
    }
    const text = seal(JSON.stringify(list));
    if (text !== null) fillStoreFile(join(this.dir, SEALS), text);
    else rmSync(join(this.dir, SEALS), { force: true });
  }
}
