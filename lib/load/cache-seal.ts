/**
 * The seal on every cache file (parsed records, the check's result, signature verdicts): whoever can
 * write `.ronda-cache/` (a pull request that commits it, a shared CI cache, a copied folder) must not be
 * able to change what is checked or published. Each file carries an HMAC-SHA256 under a key the cache
 * never holds: RONDA_CACHE_SECRET (CI), else a per-user key in ~/.config/ronda/cache-key made on first use.
 * A file whose seal does not verify is treated as absent and rebuilt.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

let cached: Buffer | null | undefined;

/** The sealing key; null when there is none and none can be made (then nothing is cached). */
export function cacheSecret(): Buffer | null {
  if (process.env.RONDA_CACHE_SECRET) return Buffer.from(process.env.RONDA_CACHE_SECRET, 'utf8');
  if (cached !== undefined) return cached;
  const file = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'ronda', 'cache-key');
  try {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    cached = readFileSync(file);
  } catch {
    cached = existsSync(file) ? readFileSync(file) : null; // another process made it first, or no home
  }
  return cached;
}

/** Forget the key read (tests switch keys within one process). */
export function forgetCacheSecret(): void {
  cached = undefined;
}

const macOf = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** `text` with its seal as the first line. */
export function seal(text: string, secret = cacheSecret()): string | null {
  return secret ? `${macOf(secret, text)}\n${text}` : null;
}

/** The text under a valid seal, else null. */
export function unseal(sealed: string, secret = cacheSecret()): string | null {
  if (!secret) return null;
  const nl = sealed.indexOf('\n');
  if (nl !== 64) return null;
  const text = sealed.slice(65);
  const want = Buffer.from(macOf(secret, text), 'hex');
  const got = Buffer.from(sealed.slice(0, 64), 'hex');
  return got.length === want.length && timingSafeEqual(got, want) ? text : null;
}
