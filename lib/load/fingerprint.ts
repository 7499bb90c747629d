import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (lib/load/ is two levels down). */
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, keep));
    else if (e.isFile() && keep(e.name)) out.push(p);
  }
  return out;
}

const memo = new Map<string, string>();

/**
 * A hash of the code and schemas a cached result was computed with, so a cache never outlives the
 * code that wrote it (no version number to remember to bump). `parts` are paths relative to the
 * repository: a file, or a folder whose .ts/.json files count (tests excluded). A few milliseconds.
 */
export function sourceFingerprint(parts: readonly string[]): string {
  const key = parts.join('\n');
  const hit = memo.get(key);
  if (hit) return hit;
  const keep = (name: string) => /\.(ts|json|mjs|njk)$/.test(name) && !name.includes('.test.');
  const files = parts.flatMap((p) => (/\.(ts|json|mjs|njk)$/.test(p) ? [join(REPO, p)] : filesUnder(join(REPO, p), keep))).sort();
  const h = createHash('sha1');
  for (const f of files) {
    h.update(relative(REPO, f)).update('\0');
    try {
      h.update(readFileSync(f));
    } catch {
      h.update('(missing)');
    }
    h.update('\0');
  }
  const out = h.digest('hex');
  memo.set(key, out);
  return out;
}

/** What the parse-and-validate result of one file depends on: the loader, the validator, the schemas. */
export const RECORD_CODE = ['lib/load', 'lib/validate/schemas.ts', 'lib/validate/field-label.ts', 'lib/problems.ts', 'lib/paths.ts', 'schemas'];
/** What a whole check depends on: all of lib (rules, evaluation, loader) and the schemas. */
export const CHECK_CODE = ['lib', 'schemas'];
/** What a rendered round page depends on: the code (lib: data, filters, words) and the page templates. */
export const PAGE_CODE = ['lib', 'schemas', 'site/_includes'];
