/**
 * Signature verdicts kept between builds: git runs ssh-keygen (or gpg) once per signed commit, so a year
 * of merges costs seconds on every build. A verdict depends only on the commit and the keys it was judged
 * with, so it is kept under (commit id, hash of the allowed-signers text, hash of the forge-key set).
 * A planted verdict would be a forged approval: the file is sealed like every cache file
 * (lib/load/cache-seal.ts), and one that does not verify is ignored as a whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheSecret, seal, unseal } from '../load/cache-seal.ts';
import type { KeySet, SignatureCheck } from './signatures.ts';

const FILE = join('.ronda-cache', 'signatures-v1.json');

/** One id for the keys a verdict was made with. */
export function keySetId(keys: KeySet): string {
  return createHash('sha256').update(keys.signers).update('\0').update([...keys.forgeKeys].sort().join('\0')).digest('hex').slice(0, 32);
}

export class VerificationStore {
  private dirty = false;
  private constructor(
    private readonly file: string,
    private readonly writable: boolean,
    private readonly entries: Map<string, SignatureCheck>,
  ) {}

  /** The store of the archive at `root`; empty when its seal does not verify. Only writers save it. */
  static open(root: string, opts: { write: boolean }): VerificationStore {
    const file = join(root, FILE);
    const entries = new Map<string, SignatureCheck>();
    const text = existsSync(file) ? unseal(readFileSync(file, 'utf8')) : null;
    try {
      for (const [k, v] of Object.entries((text ? JSON.parse(text) : {}) as Record<string, SignatureCheck>)) entries.set(k, v);
    } catch {
      entries.clear();
    }
    return new VerificationStore(file, opts.write && cacheSecret() !== null, entries);
  }

  get(commit: string, keys: string): SignatureCheck | undefined {
    return this.entries.get(`${commit} ${keys}`);
  }

  /** Keeps a verdict; never E (the tools were missing, not the signature). */
  set(commit: string, keys: string, check: SignatureCheck): void {
    if (check.code === 'E' || !this.writable) return;
    this.entries.set(`${commit} ${keys}`, check);
    this.dirty = true;
  }

  /** Writes the file (atomically) if this store may write and learned something. */
  save(): void {
    const sealed = this.writable && this.dirty ? seal(JSON.stringify(Object.fromEntries(this.entries))) : null;
    if (sealed === null) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, sealed);
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}
