/**
 * Signature verdicts kept between builds: git runs ssh-keygen (or gpg) once per signed commit, so a year
 * of merges costs seconds on every build. A verdict depends only on the commit and the keys it was judged
 * with, so it is kept under (commit id, hash of the allowed-signers text, hash of the forge-key set).
 *
 * A planted verdict would be a forged approval, so the file carries an HMAC under a key that is not in the
 * repository (RONDA_CACHE_SECRET in CI, else a per-user key in ~/.config/ronda/); a file without a valid
 * one (committed to the repository, copied from elsewhere, edited) is ignored as a whole. Only the site
 * build writes it.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KeySet, SignatureCheck } from './signatures.ts';

const FILE = join('.ronda-cache', 'signatures-v1.json');

interface Saved { mac: string; entries: Record<string, SignatureCheck> }

/** One id for the keys a verdict was made with. */
export function keySetId(keys: KeySet): string {
  return createHash('sha256').update(keys.signers).update('\0').update([...keys.forgeKeys].sort().join('\0')).digest('hex').slice(0, 32);
}

export class VerificationStore {
  private dirty = false;
  private constructor(
    private readonly file: string,
    private readonly secret: Buffer | null,
    private readonly entries: Map<string, SignatureCheck>,
  ) {}

  /** The store of the archive at `root`; empty when its MAC does not verify or there is no key to check it. */
  static open(root: string, opts: { write: boolean }): VerificationStore {
    const file = join(root, FILE);
    const secret = cacheSecret(opts.write);
    const entries = new Map<string, SignatureCheck>();
    const saved = secret && existsSync(file) ? readSaved(file) : null;
    if (saved && secret && macMatches(secret, saved)) for (const [k, v] of Object.entries(saved.entries)) entries.set(k, v);
    return new VerificationStore(file, opts.write ? secret : null, entries);
  }

  get(commit: string, keys: string): SignatureCheck | undefined {
    return this.entries.get(`${commit} ${keys}`);
  }

  /** Keeps a verdict; never E (the tools were missing, not the signature). */
  set(commit: string, keys: string, check: SignatureCheck): void {
    if (check.code === 'E' || !this.secret) return;
    this.entries.set(`${commit} ${keys}`, check);
    this.dirty = true;
  }

  /** Writes the file (atomically) if this store may write and learned something. */
  save(): void {
    if (!this.secret || !this.dirty) return;
    const entries = Object.fromEntries(this.entries);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ mac: macOf(this.secret, entries), entries } satisfies Saved));
    renameSync(tmp, this.file);
    this.dirty = false;
  }
}

function readSaved(file: string): Saved | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Saved;
    return typeof s?.mac === 'string' && s.entries && typeof s.entries === 'object' ? s : null;
  } catch {
    return null;
  }
}

const macOf = (secret: Buffer, entries: Record<string, SignatureCheck>) => createHmac('sha256', secret).update(JSON.stringify(entries)).digest('hex');

function macMatches(secret: Buffer, saved: Saved): boolean {
  const want = Buffer.from(macOf(secret, saved.entries), 'hex');
  const got = Buffer.from(saved.mac, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** RONDA_CACHE_SECRET, else this user's key file (made, readable by the user only, when a writer needs it). */
function cacheSecret(create: boolean): Buffer | null {
  if (process.env.RONDA_CACHE_SECRET) return Buffer.from(process.env.RONDA_CACHE_SECRET, 'utf8');
  const file = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ronda', 'cache-key');
  try {
    if (existsSync(file)) return readFileSync(file);
    if (!create) return null;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32), { mode: 0o600 });
    chmodSync(file, 0o600);
    return readFileSync(file);
  } catch {
    return null; // no home to keep a key in: verify every time
  }
}
