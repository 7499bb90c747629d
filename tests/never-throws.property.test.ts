import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../lib/load/yaml-source.ts';
import { parseMaintenanceSource } from '../lib/load/maintenance-source.ts';
import { validateRecord } from '../lib/validate/schemas.ts';
import { RECORD_KINDS } from '../lib/schema-types.ts';

const VALID = readFileSync(new URL('./fixtures/rounds/valid.yaml', import.meta.url), 'utf8');

/** Arbitrary edits of a valid round: the inputs an admin's typos and editors really produce. */
const mutatedRound = fc
  .array(fc.tuple(fc.nat({ max: VALID.length }), fc.nat({ max: 8 }), fc.string({ maxLength: 6, unit: fc.constantFrom(' ', '\t', '\n', ':', '-', '"', "'", '[', '{', '&', '*', '!', '#', '|', '>', 'a', '1', '.', ',', '%', '@', '`', '\r', '\ufeff', '\0') })), { maxLength: 6 })
  .map((edits) => edits.reduce((text, [at, del, ins]) => text.slice(0, at) + ins + text.slice(at + del), VALID));

describe('the loader and validator never throw', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const r = parseYamlSource(text, 'x.yaml');
      expect('problems' in r || 'data' in r).toBe(true);
    }), { numRuns: 500 });
  });

  it('on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      parseYamlSource(bytes, 'x.yaml');
      parseMaintenanceSource(bytes, 'x.md');
    }), { numRuns: 500 });
  });

  it('on a valid round with random edits, and every problem names a line inside the file', () => {
    fc.assert(fc.property(mutatedRound, (text) => {
      const r = parseYamlSource(text, 'x.yaml');
      const problems = 'problems' in r ? r.problems : validateRecord('round', r.data, r.positions, 'x.yaml');
      const lines = text.split(/\r\n|\r|\n/).length;
      for (const p of problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines + 1);
      }
    }), { numRuns: 400 });
  });

  it('on arbitrary JSON values for every record kind', () => {
    fc.assert(fc.property(fc.constantFrom(...RECORD_KINDS), fc.jsonValue(), (kind, value) => {
      expect(Array.isArray(validateRecord(kind, value, {}, 'x.yaml'))).toBe(true);
    }), { numRuns: 500 });
  });
});

describe('the whole check never throws', () => {
  it('on a valid round with random edits, through loader, schema and cross-record rules', async () => {
    const { mkdtempSync, cpSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { checkArchive } = await import('../lib/check.ts');
    const root = mkdtempSync(join(tmpdir(), 'ronda-prop-'));
    cpSync(new URL('./fixtures/archive', import.meta.url).pathname, root, { recursive: true });
    mkdirSync(join(root, 'records/rounds/2026/11'), { recursive: true });
    const file = 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml';
    await fc.assert(fc.asyncProperty(mutatedRound, async (text) => {
      writeFileSync(join(root, file), text);
      const { problems } = await checkArchive(root, { files: [file], cache: false, today: '2026-11-24' });
      expect(Array.isArray(problems)).toBe(true);
    }), { numRuns: 150 });
  });
});

/** Ids that are also names of properties every object has: records may use them; nothing may break. */
const PROTO = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'prototype', 'isPrototypeOf'];

describe('no name can crash the archive', () => {
  it('config, checklists, a room and a maintenance record with random edits or prototype names: check and the site model never throw', async () => {
    const { mkdtempSync, cpSync, mkdirSync, readFileSync: read, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { checkArchive } = await import('../lib/check.ts');
    const { buildSiteData } = await import('../lib/site-data/site-model.ts');
    const root = mkdtempSync(join(tmpdir(), 'ronda-prop-names-'));
    cpSync(new URL('./fixtures/archive', import.meta.url).pathname, root, { recursive: true });
    mkdirSync(join(root, 'records/rounds/2026/11'), { recursive: true });
    mkdirSync(join(root, 'records/maintenance/2026'), { recursive: true });
    writeFileSync(join(root, 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml'), VALID);
    const maintenance = '---\ndate: "2026-11-20"\ntitle: Uji\nroom: lab\nequipment: [ac-01]\nofficer: budi\nkind: preventif\nstarted_at: "09:00"\nfinished_at: "10:00"\n---\nCatatan.\n';
    const files: Record<string, string> = {
      'records/config.yaml': read(join(root, 'records/config.yaml'), 'utf8'),
      'records/checklists.yaml': read(join(root, 'records/checklists.yaml'), 'utf8'),
      'records/rooms/lab.yaml': read(join(root, 'records/rooms/lab.yaml'), 'utf8'),
      'records/maintenance/2026/2026-11-20-uji.md': maintenance,
    };
    const edit = fc.oneof(
      // A word of the file (an id, a category, a key) replaced by a prototype name.
      fc.tuple(fc.constant('proto' as const), fc.nat(), fc.constantFrom(...PROTO)),
      // A few characters cut or inserted, as an editor or a typo would.
      fc.tuple(fc.constant('typo' as const), fc.nat(), fc.string({ maxLength: 4, unit: fc.constantFrom(' ', '\n', ':', '-', '"', '[', '{', 'a', '1', '_') })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(files)), fc.array(edit, { minLength: 1, maxLength: 3 }), async (path, edits) => {
        let text = files[path]!;
        for (const [kind, at, what] of edits) {
          if (kind === 'proto') {
            const words = [...text.matchAll(/[a-z][a-z0-9-]*/g)];
            const w = words[at % Math.max(words.length, 1)];
            if (w) text = text.slice(0, w.index) + what + text.slice(w.index! + w[0].length);
          } else {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + what + text.slice(i + 1);
          }
        }
        writeFileSync(join(root, path), text);
        try {
          const { archive, problems, evaluations } = await checkArchive(root, { cache: false, today: '2026-11-24' });
          expect(Array.isArray(problems)).toBe(true);
          buildSiteData({ archive, evaluations, problems, history: null, historyError: null, asOf: { date: '2026-11-24', time: '23:59' }, generatedAt: '' });
        } finally {
          writeFileSync(join(root, path), files[path]!);
        }
      }),
      { numRuns: 120 },
    );
  });
});
