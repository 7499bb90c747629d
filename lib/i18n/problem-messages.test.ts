import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TEXTS } from './problem-messages.ts';

const LIB = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.includes('.test.') ? [p] : [];
  });
}

/** Every code passed to problem()/problemAt() anywhere in lib/, found by reading the source. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const call = /\bproblem(?:At)?\(\s*[^,]+,\s*(?:[^,()]+|\{[^}]*\}|[a-zA-Z.]+\([^)]*\)),\s*'([a-z0-9-]+)'/g;
  for (const file of sources(LIB)) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) codes.add(m[1]!);
  }
  return codes;
}

describe('problem texts', () => {
  it('exist in Indonesian and English for every problem code the library raises', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].flatMap((code) => (['id', 'en'] as const).filter((lang) => !PROBLEM_TEXTS[lang][code]).map((lang) => `${lang}:${code}`));
    expect(missing).toEqual([]);
  });

  it('give a fix for every Indonesian message', () => {
    for (const [code, text] of Object.entries(PROBLEM_TEXTS.id)) {
      expect(text.fix({}).length, code).toBeGreaterThan(0);
    }
  });
});
