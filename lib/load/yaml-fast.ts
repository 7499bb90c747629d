/**
 * The fast path of the YAML loader (see yaml-source.ts and docs/decisions.md, "YAML: js-yaml fast path,
 * yaml exact path"). js-yaml parses an ordinary record ≈10× faster than the `yaml` package, but the two
 * differ at the edges: js-yaml is laxer in places (it reports no problem where `yaml` does) and resolves a
 * few things differently (null keys, tags, anchors). So js-yaml only ever *produces data* for text it and
 * the exact path read the same way; for anything else `fastLoad` returns NO_FAST and the exact path runs.
 * It never reports a problem of its own: errors, warnings and positions always come from the exact path.
 *
 * What declines, and why, is listed at each check below; the differential and property tests in
 * yaml-fast.test.ts compare the two paths on every record in the repository and on fuzzed rounds.
 */
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

/** "Use the exact path". */
export const NO_FAST: unique symbol = Symbol('no-fast-path');

/**
 * How many texts took each path, and why the fast path declined (by check name). For the tests and for
 * measurements; the loader never reads it. `exact` counts every exact parse, lazy positions included.
 */
export const yamlPathStats: { fast: number; exact: number; declined: Record<string, number> } = { fast: 0, exact: 0, declined: {} };

// ---------------------------------------------------------------------------------------------------
// The YAML 1.2 core schema exactly as the `yaml` package (v2) resolves a plain scalar with the options of
// yaml-source.ts (version 1.2, schema core, no custom or known tags, intAsBigInt false): the tags of
// node_modules/yaml/dist/schema/core/schema.js tried in that order, the first whose test matches wins
// (compose-scalar.js findScalarTagByTest), with the same regexes and the same number construction.
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_INT_OCT = /^0o[0-7]+$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_INT_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const NOT_CORE: unique symbol = Symbol('string');

/** The value `yaml` gives a plain scalar, or NOT_CORE when it stays a string. Exported for the tests. */
export function coreScalar(s: string): null | boolean | number | typeof NOT_CORE {
  // Every core pattern starts with one of these (or is empty): most text is decided by one comparison.
  const c = s.charCodeAt(0);
  if (!(s === '' || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e || 'nNtTfF'.includes(s[0]!))) {
    return NOT_CORE;
  }
  if (CORE_NULL.test(s)) return null;
  if (CORE_BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (CORE_INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (CORE_INT.test(s)) return parseInt(s, 10);
  if (CORE_INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (CORE_FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (CORE_FLOAT_EXP.test(s)) return parseFloat(s);
  if (CORE_FLOAT.test(s)) return parseFloat(s);
  return NOT_CORE;
}

// js-yaml calls an implicit type's resolve(text) and, when it returns true, construct(text) right after:
// resolve keeps the value so the patterns run once per scalar.
let resolved: null | boolean | number = null;

let engine: { load: typeof JsYaml.load; schema: JsYaml.Schema } | undefined;

/**
 * js-yaml and RONDA_CORE, made on first use: a run answered from the cache parses nothing and loads neither
 * YAML library. RONDA_CORE is FAILSAFE (str, seq, map; no implicit types) plus the core resolution above.
 * Explicit tags never reach it: text that may carry a tag is declined before js-yaml runs (MAY_HAVE_PROPERTY).
 */
function jsYaml(): { load: typeof JsYaml.load; schema: JsYaml.Schema } {
  if (engine) return engine;
  const lib = createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
  const coreScalarType = new lib.Type('tag:ronda:core-scalar', {
    kind: 'scalar',
    resolve(s: string) {
      const v = coreScalar(s);
      if (v === NOT_CORE) return false;
      resolved = v;
      return true;
    },
    construct: () => resolved,
  });
  engine = { load: lib.load, schema: lib.FAILSAFE_SCHEMA.extend({ implicit: [coreScalarType] }) };
  return engine;
}

// ---------------------------------------------------------------------------------------------------
// Declined before parsing, on the raw text. Each pattern is a superset of what it guards against: a false
// alarm only costs the exact path.

/**
 * A tag (`!foo`, `!!str`, `! x`), an anchor (`&a`) or an alias (`*a`). js-yaml reads these only where a node
 * starts: after a blank, a line break, `[ { , : ? -` or `---`/`...` — never right after a letter or digit.
 * An anchor or alias needs a name (js-yaml throws on `& ` or `* `), so "Suhu & kelembapan" and "a * b" pass.
 * Tags: `yaml` resolves them differently (or warns); anchors and aliases: `yaml` counts and caps them.
 */
const MAY_HAVE_PROPERTY = /(?<![\p{L}\p{N}])(?:!|[&*][^ \t\r\n,[\]{}])/u;
/** A directive (`%YAML 1.1` switches `yaml` to another schema; `%TAG` defines handles). */
const MAY_HAVE_DIRECTIVE = /^%/m;
/** An explicit key (`? key`): complex keys are stringified differently by the two. */
const MAY_HAVE_EXPLICIT_KEY = /(?:^|[ \t\r\n[{,])\?(?:[ \t\r\n]|$)/;
/** A flow collection used as a key (`[a, b]: c`, `{a: 1}: b`): js-yaml joins it, `yaml` writes it as YAML. */
const MAY_HAVE_COLLECTION_KEY = /[\]}][ \t]*:/;
/**
 * A flow collection as a key inside a flow mapping (`{[a, b]}`, `{a, {b: 1}}`: keys without `:`): any
 * collection right after `{` or `,`, or first on its line (after a comment line inside a flow collection).
 * js-yaml stringifies such keys its own way.
 */
const MAY_HAVE_FLOW_COLLECTION_KEY = /[{,]\s*[[{]|^ *[[{]/m;
/**
 * Content on a `---` or `...` line: js-yaml reads `--- k: v` as a map and `---k: v` as `k: v`; `yaml` refuses
 * the one and reads the other as the key "---k". A comment there is declined too (harmless).
 */
const MARKER_WITH_CONTENT = /^(?:---|\.\.\.)(?![ \t]*\r?$)/m;
/**
 * A comment line whose `#` is followed by a non-blank (`#a`, `##`). The `yaml` lexer lowers its expected
 * indentation on such a line (lexer.js parseLineStart), so a plain scalar after it runs on into the next
 * key (`k:⏎#a⏎ x⏎b: c` is refused by `yaml`, read as {k: x, b: c} by js-yaml). `# a` does not do this.
 */
const GLUED_COMMENT_LINE = /^ *#[^ \t\r\n]/m;
/**
 * A `#` right after something other than a blank, a letter or a digit (`"a"#c`, `[]#c`, `[#c`): js-yaml
 * takes it for a comment after a quoted scalar or a flow indicator, `yaml` refuses a comment not preceded
 * by a blank. (After a letter or digit, `a#b`, both read plain text.)
 */
const GLUED_COMMENT = /[^ \t\r\n\p{L}\p{N}]#/u;
/**
 * An empty block-sequence entry (`-` then the end of the line, or a comment): after one, js-yaml takes the
 * next `-` into the same sequence whatever its indentation (`q:\n -\n-` gives `q: [null, null]`), where
 * `yaml` refuses it.
 */
const EMPTY_SEQ_ENTRY = /(?:^|[ \t])-[ \t]*(?:#|\r?$)/m;
/**
 * Double-quoted escapes the two read differently: `\U` beyond U+10FFFF (js-yaml makes garbage of it, `yaml`
 * refuses it) and an escaped line break followed by blank lines (`"a\⏎⏎ b"`).
 */
const ODD_ESCAPE = /\\(?:U|\r?\n)/;
/** A block scalar header (`|`, `>-`, `|2+`, then the end of the line or a comment), or something like one. */
const BLOCK_SCALAR = /[|>][-+0-9]*[ \t]*(?:#|\r?$)/m;
/**
 * Where a block scalar is, two things it may contain are declined: an explicit indentation indicator (`|2`)
 * and a line of blanks only. With them js-yaml and `yaml` disagree on the trailing blanks (`|2⏎   ` gives
 * " \n" and "") and on more-indented leading blank lines (`yaml` refuses them).
 */
const BLOCK_SCALAR_DOUBT = /[|>][-+]?[0-9]|^ +\r?$/m;
/** A lone carriage return: js-yaml breaks the line there, `yaml` does not (CRLF is fine for both). */
const LONE_CR = /\r(?!\n)/;
/** `yaml` refuses an implicit key whose `:` is more than 1024 characters after its start; js-yaml has no limit. */
const MAX_LINE = 1000;

function hasLongLine(text: string): boolean {
  if (text.length <= MAX_LINE) return false;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > MAX_LINE) return true;
    if (nl === -1) return false;
    start = nl + 1;
  }
}

/**
 * The checks on the raw text, by name (the name is what the tests and the stats see). Each runs in linear
 * time; the long-line check comes first so no later pattern meets a line of more than MAX_LINE characters.
 */
const TEXT_CHECKS: readonly [string, (text: string) => boolean][] = [
  ['long-line', hasLongLine],
  ['tag-anchor-alias', (t) => MAY_HAVE_PROPERTY.test(t)],
  ['directive', (t) => MAY_HAVE_DIRECTIVE.test(t)],
  ['explicit-key', (t) => MAY_HAVE_EXPLICIT_KEY.test(t)],
  ['collection-key', (t) => MAY_HAVE_COLLECTION_KEY.test(t) || MAY_HAVE_FLOW_COLLECTION_KEY.test(t)],
  ['marker-with-content', (t) => MARKER_WITH_CONTENT.test(t)],
  // Tabs: `yaml` refuses them as indentation in more places than js-yaml does; records have no use for them.
  ['tab', (t) => t.includes('\t')],
  ['lone-cr', (t) => LONE_CR.test(t)],
  // A byte-order mark past the start (the first is stripped): `yaml` drops it in places, js-yaml keeps it.
  ['bom', (t) => t.includes('\ufeff')],
  ['escape', (t) => ODD_ESCAPE.test(t)],
  ['block-scalar', (t) => BLOCK_SCALAR.test(t) && BLOCK_SCALAR_DOUBT.test(t)],
  ['glued-comment', (t) => GLUED_COMMENT.test(t) || GLUED_COMMENT_LINE.test(t)],
  ['empty-seq-entry', (t) => EMPTY_SEQ_ENTRY.test(t)],
  // A merge key: `yaml` (1.2, no merge option) keeps it as a plain key; not worth proving js-yaml agrees.
  ['merge-key', (t) => t.includes('<<')],
];

// ---------------------------------------------------------------------------------------------------
// Declined after parsing, on the data.

/**
 * True when the parsed data is what the exact path would return: no non-finite number (the exact path
 * reports `not-finite-number` with its line) and no key "null" (js-yaml turns a null key — `~:`, `null:`,
 * `{: x}` — into "null", `yaml` into ""; a quoted "null" key is declined too, which is harmless).
 */
function plainData(v: unknown, depth: number): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === null || typeof v !== 'object') return true;
  if (depth > 200) return false;
  if (Array.isArray(v)) {
    for (const item of v) if (!plainData(item, depth + 1)) return false;
    return true;
  }
  for (const key of Object.keys(v)) {
    if (key === 'null') return false;
    if (!plainData((v as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

let warned = false;
const onWarning = () => {
  warned = true;
};

/**
 * The data of `text` (already decoded, BOM stripped, not empty) when the fast path can vouch that the exact
 * path gives exactly this with no problem; otherwise why not (a check's name).
 */
function tryFast(text: string): { data: Record<string, unknown> } | { declined: string } {
  for (const [name, test] of TEXT_CHECKS) if (test(text)) return { declined: name };
  let data: unknown;
  warned = false;
  try {
    // js-yaml throws on anything it finds wrong (syntax, duplicate keys, several documents, depth > 100):
    // the exact path then finds the problem and its line.
    const { load, schema } = jsYaml();
    data = load(text, { schema, onWarning });
  } catch {
    return { declined: 'js-yaml-error' };
  }
  if (warned) return { declined: 'js-yaml-warning' };
  // Not a map at the top: the exact path reports `top-level-not-map`.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { declined: 'not-a-map' };
  if (!plainData(data, 0)) return { declined: 'non-finite-or-null-key' };
  return { data: data as Record<string, unknown> };
}

/** The fast path: the data, or NO_FAST for "run the exact path". */
export function fastLoad(text: string): Record<string, unknown> | typeof NO_FAST {
  const r = tryFast(text);
  if ('data' in r) {
    yamlPathStats.fast++;
    return r.data;
  }
  yamlPathStats.declined[r.declined] = (yamlPathStats.declined[r.declined] ?? 0) + 1;
  return NO_FAST;
}

/** Which path a text takes: 'fast', or the name of the check that declined it. For the tests. */
export function fastPathVerdict(text: string): string {
  const r = tryFast(text);
  return 'data' in r ? 'fast' : r.declined;
}
