/**
 * The fast path (js-yaml) must give exactly what the exact path (`yaml`) gives, for every input: the same
 * data (values, -0, key order), the same problems, the same positions when read. These tests compare the
 * two on every record in the repository, on a few hundred generated rounds, on a table of tricky texts and
 * on fuzzed rounds; and they pin that an ordinary round does take the fast path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { syntheticConfig, syntheticRoom } from '../bench/synthetic-records.ts';
import { generateDemoArchive } from '../demo/generate-rounds.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord } from '../types.generated.ts';
import { validateRecord } from '../validate/schemas.ts';
import { parseMaintenanceSource } from './maintenance-source.ts';
import { parseRecordFile } from './parse-record.ts';
import { coreScalar, fastPathVerdict, yamlPathStats } from './yaml-fast.ts';
import { parseYamlSource, parseYamlSourceExact, type YamlSource } from './yaml-source.ts';
import { expectSame, generatedRounds } from '../../tests/helpers/yaml-corpus.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const repoFiles = (dir: string, ext: RegExp): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (ext.test(p)) out.push(p);
    }
  };
  walk(join(REPO, dir));
  return out.sort();
};

/** Same as expectSame, as a boolean, for the property tests (reading positions too). */
function same(input: string): boolean {
  try {
    expectSame(input);
    return true;
  } catch {
    return false;
  }
}

// A moderate corpus here; tests/scale/yaml-fast-corpus.scale.test.ts runs a year of rounds in many layouts.
const ROUNDS = generatedRounds({ demoDays: 40, benchRooms: [9], benchDays: 30 });
const VALID_ROUND = readFileSync(join(REPO, 'tests/fixtures/rounds/valid.yaml'), 'utf8');

describe('the fast path equals the exact path', () => {
  it('on every YAML file of the repository (fixtures, demo records)', () => {
    const files = [...repoFiles('tests/fixtures', /\.ya?ml$/), ...repoFiles('records', /\.ya?ml$/)];
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expectSame(readFileSync(f), f);
  });

  it('on the front matter of every maintenance record, positions shifted past the opening ---', () => {
    const files = [...repoFiles('records', /\.md$/), ...repoFiles('tests/fixtures', /\.md$/)];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(f);
      const src = parseMaintenanceSource(bytes, f);
      const front = /^---\r?\n([\s\S]*?)^---/m.exec(bytes.toString('utf8'))?.[1];
      if ('problems' in src || front === undefined) continue;
      const exact = parseYamlSourceExact(front, f);
      if ('problems' in exact) throw new Error(`${f}: front matter has problems`);
      expect(src.data).toStrictEqual(exact.data);
      const shifted = Object.fromEntries(Object.entries(exact.positions).map(([k, [l, c]]) => [k, [l + 1, c]]));
      expect(src.positions).toStrictEqual(shifted);
    }
  });

  it(`on ${ROUNDS.length} generated rounds, every one through the fast path`, () => {
    expect(ROUNDS.length).toBeGreaterThan(150);
    ROUNDS.forEach((text, i) => {
      // The common round must stay on the fast path, or the optimisation has silently vanished.
      expect(fastPathVerdict(text)).toBe('fast');
      expectSame(text);
      // Some as bytes with Windows line ends, as an editor there saves them.
      if (i % 8 === 0) expectSame(Buffer.from(text.replace(/\n/g, '\r\n')));
    });
  });
});

describe('tricky texts: same result, and the expected path', () => {
  // [text, 'fast' or the name of the check that declines it]
  const CASES: [string, string][] = [
    // core schema scalars, as `yaml` resolves them
    ['k: 0o17\n', 'fast'],
    ['k: 0x1F\n', 'fast'],
    ['k: +12\n', 'fast'],
    ['k: -0\n', 'fast'],
    ['k: .5\n', 'fast'],
    ['k: 1.\n', 'fast'],
    ['k: 1e3\n', 'fast'],
    ['k: -1.5E-3\n', 'fast'],
    ['k: 012\n', 'fast'],
    ['k: 0b11\n', 'fast'],
    ['k: 1_000\n', 'fast'],
    ['k: 0o8\n', 'fast'],
    ['k: 9007199254740993\n', 'fast'],
    ['k: ~\n', 'fast'],
    ['k: Null\n', 'fast'],
    ['k: nULL\n', 'fast'],
    ['k: TRUE\n', 'fast'],
    ['k: yes\n', 'fast'],
    ['k: 2026-11-24\n', 'fast'],
    ['k: 08:05\n', 'fast'],
    ['k: .inf\n', 'non-finite-or-null-key'],
    ['k: [-.Inf]\n', 'non-finite-or-null-key'],
    ['k: .NaN\n', 'non-finite-or-null-key'],
    ['k: 1e400\n', 'non-finite-or-null-key'],
    // keys
    ['1: a\n0x10: b\n', 'fast'],
    ['true: b\n', 'fast'],
    ['~: c\n', 'non-finite-or-null-key'],
    ['null: c\n', 'non-finite-or-null-key'],
    ['k: {: c}\n', 'non-finite-or-null-key'],
    ['{a: 1}\n', 'collection-key'],
    ['__proto__: x\n', 'fast'],
    ['__proto__: {polluted: 1}\n', 'fast'],
    ['constructor: 1\ntoString: 2\n', 'fast'],
    ['k: v\nk: w\n', 'js-yaml-error'],
    ['1: a\n"1": b\n', 'js-yaml-error'],
    ['[a, b]: c\n', 'collection-key'],
    ['k: {[a, b]}\n', 'collection-key'],
    ['k: {a, {b: 1}}\n', 'collection-key'],
    ['? a\n: b\n', 'explicit-key'],
    ['<<: {a: 1}\n', 'merge-key'],
    // empty and odd values
    ['k:\n', 'fast'],
    ['k: ""\n', 'fast'],
    ['k: []\nl: {}\n', 'fast'],
    ['k: {a, b}\n', 'fast'],
    ['k: [a: 1]\n', 'fast'],
    ['k: [a, b, ]\n', 'fast'],
    ['k: [a, , b]\n', 'js-yaml-error'],
    ['k:\n  -\n  - a\n', 'empty-seq-entry'],
    ['q:\n -\n-\n', 'empty-seq-entry'],
    // block scalars
    ['k: |\n  a\n  b\n', 'fast'],
    ['k: >-\n  a\n  b\n', 'fast'],
    ['k: |+\n  a\n\n', 'fast'],
    ['k: >\n  a\n\n  b\n   c\n  d\n', 'fast'],
    ['k: |2\n   a\n', 'block-scalar'],
    ['k: |\n  a\n  \n', 'block-scalar'],
    // multi-line plain and quoted scalars, escapes
    ['k: a\n  b\n   c\n', 'fast'],
    ['k: a\n\n  b\n', 'fast'],
    ['k: "a\n  b"\n', 'fast'],
    ["k: 'a\n\n  b'\n", 'fast'],
    ['k: "a\\tb\\u00e9\\x41\\n\\\\\\"\\/\\0\\N\\_"\n', 'fast'],
    ["k: 'it''s'\n", 'fast'],
    ['k: "\\U0001F600"\n', 'escape'],
    ['k: "\\U00110000"\n', 'escape'],
    ['k: "a\\\n\n b"\n', 'escape'],
    // tags, anchors, aliases, directives
    ['k: !!str 12\n', 'tag-anchor-alias'],
    ['k: !!int "3"\n', 'tag-anchor-alias'],
    ['k: !!float 1\n', 'tag-anchor-alias'],
    ['k: !!null ""\n', 'tag-anchor-alias'],
    ['k: !!bool true\n', 'tag-anchor-alias'],
    ['k: !!binary aGk=\n', 'tag-anchor-alias'],
    ['k: !!timestamp 2026-01-01\n', 'tag-anchor-alias'],
    ['k: !foo x\n', 'tag-anchor-alias'],
    ['k: ! 12\n', 'tag-anchor-alias'],
    ['k: [!!str 1]\n', 'tag-anchor-alias'],
    ['a: &x 1\nb: *x\n', 'tag-anchor-alias'],
    ['a: &x [1]\nb: [*x, *x]\n', 'tag-anchor-alias'],
    ['k: Suhu & kelembapan\n', 'fast'],
    ['k: a * b\n', 'fast'],
    ['k: Awas!\n', 'fast'],
    ['%YAML 1.2\n---\nk: v\n', 'directive'],
    ['%YAML 1.1\n---\nk: yes\n', 'directive'],
    // documents and markers
    ['---\nk: v\n', 'fast'],
    ['---\nk: v\n...\n', 'fast'],
    ['k: v\n...\n', 'fast'],
    ['--- k: v\n', 'marker-with-content'],
    ['---k: v\n', 'marker-with-content'],
    ['a: 1\n---\nb: 2\n', 'js-yaml-error'],
    ['- a\n', 'not-a-map'],
    ['just text\n', 'not-a-map'],
    ['---\n', 'not-a-map'],
    // comments, line ends, BOM, layout
    ['# head\nk: v # c\n# c\nl: w # c\n', 'fast'],
    ['k: a#b\n', 'fast'],
    ['k: "a"#c\n', 'glued-comment'],
    ['k: []#c\n', 'glued-comment'],
    ['k: [#c\n  ]\n', 'glued-comment'],
    ['k:\n#c\n x\nb: c\n', 'glued-comment'],
    ['k: v\r\nl: w\r\n', 'fast'],
    ['k: v\rl: w\n', 'lone-cr'],
    ['\ufeffk: v\n', 'fast'],
    ['k: v\n\ufeffl: w\n', 'bom'],
    ['k:\n\t- a\n', 'tab'],
    ['k: "a\tb"\n', 'tab'],
    ['  k: v\n  l: w\n', 'fast'],
    ['k:\n- a\n- b\n', 'fast'],
    ['k: [a,\nb]\n', 'js-yaml-warning'],
    ['k: [a,\n  b]\n', 'fast'],
    ['a:\n  b: 1\n c: 2\n', 'js-yaml-error'],
    ['k: é 😀 Ünïcödé\n', 'fast'],
    [`k: ${'x'.repeat(5000)}\n`, 'long-line'],
    [`${'k'.repeat(1100)}: v\n`, 'long-line'],
    ['k: ' + 'a\n  '.repeat(2000) + 'b\n', 'fast'],
    // deeper than js-yaml's limit (100)
    [Array.from({ length: 120 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' v\n', 'js-yaml-error'],
  ];

  it.each(CASES)('%j → %s', (text, path) => {
    expectSame(text);
    // The fast path sees the text as parseYamlSource passes it: leading BOM stripped.
    expect(fastPathVerdict(text.replace(/^\ufeff/, ''))).toBe(path);
  });

  it('resolves plain scalars like the yaml core schema', () => {
    expect(coreScalar('0o17')).toBe(15);
    expect(Object.is(coreScalar('-0'), -0)).toBe(true);
    expect(coreScalar('')).toBe(null);
    expect(coreScalar('.NaN')).toBeNaN();
    expect(typeof coreScalar('0b1')).toBe('symbol');
    expect(typeof coreScalar('True ')).toBe('symbol');
  });
});

describe('positions are read lazily', () => {
  it('a valid round is parsed once, by the fast path; its positions come from the exact path when read', () => {
    const before = { ...yamlPathStats };
    const parsed = parseRecordFile('round', Buffer.from(VALID_ROUND), 'records/rounds/2026/11/x.yaml');
    expect(parsed.problems).toEqual([]);
    expect(yamlPathStats.fast).toBe(before.fast + 1);
    expect(yamlPathStats.exact).toBe(before.exact);

    const src = parseYamlSource(VALID_ROUND, 'x.yaml') as YamlSource;
    expect(yamlPathStats.exact).toBe(before.exact);
    const first = src.positions;
    expect(yamlPathStats.exact).toBe(before.exact + 1);
    expect(src.positions).toBe(first); // computed once
    expect(first).toStrictEqual((parseYamlSourceExact(VALID_ROUND, 'x.yaml') as YamlSource).positions);
  });

  it('a round that fails its schema gets the same problems, lines included, as with the exact path', () => {
    const text = VALID_ROUND.replace(/humidity_pct: \d+/, 'humidity_pct: 150').replace('status: baik', 'status: hancur');
    expect(fastPathVerdict(text)).toBe('fast');
    const exact = parseYamlSourceExact(text, 'x.yaml') as YamlSource;
    const expected = validateRecord('round', exact.data, exact.positions, 'x.yaml');
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected.some((p) => p.line > 1)).toBe(true);
    expect(parseRecordFile('round', Buffer.from(text), 'x.yaml')).toStrictEqual({ data: null, problems: expected });
  });

  it('what parseRecordFile returns (posted by the parse workers, kept by the record cache) holds no getter', () => {
    for (const text of [VALID_ROUND, VALID_ROUND.replace(/humidity_pct: \d+/, 'humidity_pct: 150')]) {
      const parsed = parseRecordFile('round', Buffer.from(text), 'x.yaml');
      for (const d of Object.values(Object.getOwnPropertyDescriptors(parsed))) expect(d.get).toBeUndefined();
      expect(structuredClone(parsed)).toStrictEqual(parsed);
    }
    const md = readFileSync(repoFiles('records', /\.md$/)[0]!);
    const parsed = parseRecordFile('maintenance', md, 'records/maintenance/2026/x.md');
    expect(Object.keys(parsed).sort()).toEqual(['body', 'bodyLine', 'data', 'problems']);
    expect(structuredClone(parsed)).toStrictEqual(parsed);
  });
});

describe('fuzzed rounds: the fast path never decides differently', () => {
  const SEEDS = [VALID_ROUND, ...ROUNDS.filter((_, i) => i % 60 === 0)];
  // The YAML-ish alphabet of the edits: indicators, quotes, escapes, numbers, blanks and line ends.
  const UNIT = fc.constantFrom(':', '-', '#', "'", '"', '&', '*', '!', '|', '>', '{', '}', '[', ']', ',', ' ', ' ', '\n', '\n', '\t', '0', '.', '9', 'e', 'E', '+', '?', '~', '\\', 'a', '\r\n', '\r', '%', '  ', '- ', ': ', '\n  ', '\n- ', '...', '---', 'null', '.inf', '0x', '\ufeff', 'é');
  type Edit = [kind: number, at: number, n: number, text: string];
  const EDIT: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constant(0), fc.nat(), fc.nat({ max: 6 }), fc.array(UNIT, { maxLength: 4 }).map((a) => a.join(''))) },
    { weight: 1, arbitrary: fc.tuple(fc.constant(1), fc.nat(), fc.nat({ max: 3 }), fc.constant('')) },
    { weight: 1, arbitrary: fc.tuple(fc.constant(2), fc.nat(), fc.integer({ min: -4, max: 4 }), fc.constant('')) },
  );
  /** Insert/delete/replace characters, duplicate lines, change a line's indentation. */
  const apply = (text: string, edits: Edit[]) => {
    for (const [kind, at0, n, ins] of edits) {
      if (kind === 0) {
        const at = at0 % (text.length + 1);
        text = text.slice(0, at) + ins + text.slice(at + n);
      } else {
        const lines = text.split('\n');
        const i = at0 % lines.length;
        if (kind === 1) lines.splice(i, 0, ...lines.slice(i, i + n + 1));
        else lines[i] = n >= 0 ? ' '.repeat(n) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-n}}`), '');
        text = lines.join('\n');
      }
    }
    return text;
  };
  const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(EDIT, { minLength: 1, maxLength: 4 })).map(([t, e]) => apply(t, e));
  // Raise locally (FC_RUNS=20000) to hunt for disagreements; a few hundred keep the suite quick.
  const RUNS = Number(process.env.FC_RUNS ?? 300);

  it('on valid rounds with random edits', () => {
    fc.assert(fc.property(mutated, (text) => same(text)), { numRuns: RUNS });
  });

  it('on small documents of every scalar style and collection', () => {
    const scalar = fc.constantFrom('a', 'b c', '"q"', "'s'", '1', '-0', '0o17', '0x1F', '+12', '.5', '1.', '1e3', '.inf', '.NaN', '~', 'Null', 'TRUE', 'false', '', '[]', '{}', '[1, 2]', '{a: 1}', '"a\\tb"', "'it''s'", 'x #c', '2026-01-01', '12:30', 'a: b', '- a', '|\n  x', '>-\n  a\n  b', '"a\n  b"');
    const key = fc.constantFrom('k', 'k2', '1', 'true', '~', '"q"', 'a b', '__proto__', 'toString', '.inf', '-0', '""');
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }).map((a) => (a.length ? '\n' + a.map((s) => `  - ${s}`).join('\n') : ' []')));
    const doc = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    const edited = fc.tuple(doc, fc.array(EDIT, { maxLength: 2 })).map(([t, e]) => apply(t, e));
    fc.assert(fc.property(edited, (text) => same(text)), { numRuns: RUNS });
  });
});
