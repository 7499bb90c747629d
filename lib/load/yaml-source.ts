import { createRequire } from 'node:module';
import type * as YamlLib from 'yaml';
import type { Node } from 'yaml';
import { problem, type Problem } from '../problems.ts';
import { fastLoad, NO_FAST, yamlPathStats } from './yaml-fast.ts';

/** Position of a node as [line, col], both 1-based. */
export type Position = [number, number];
/** JSON-pointer-like path ("/checks/3/status") → where that field's key (or item) starts. */
export type PositionIndex = Record<string, Position>;

export interface YamlSource {
  data: unknown;
  positions: PositionIndex;
}

// A round is ~4 KB; a 1 MiB limit leaves ample room and refuses hostile files before any parsing.
export const MAX_RECORD_BYTES = 1024 * 1024;
// Records have no reason to use aliases at scale; a low cap defeats "billion laughs" expansion.
const MAX_ALIAS_COUNT = 50;

const START: { line: number; col: number } = { line: 1, col: 1 };

// The `yaml` package is required on the first exact parse: a run answered from the cache or by the fast
// path never needs it (≈25 ms of start-up).
let yamlLib: typeof YamlLib | undefined;
const yaml = () => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YamlLib);

/** Decodes bytes as UTF-8 text, refusing binary content; strips a BOM. */
export function decodeText(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  if (bytes.length > MAX_RECORD_BYTES) {
    return { problem: problem(file, START, 'file-too-large', { size: bytes.length, max: MAX_RECORD_BYTES }) };
  }
  if (bytes.includes(0)) return { problem: problem(file, START, 'binary-file') };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: problem(file, START, 'not-utf8') };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * The one YAML loader. Keeps source positions so every later problem can name a line;
 * returns problems instead of throwing, whatever the input.
 *
 * Two paths give the same result for every input. The fast path (yaml-fast.ts, js-yaml, ≈10× faster)
 * produces the data of an ordinary, well-formed record and declines anything else; the exact path (the
 * `yaml` package, below) is the only source of problems and of positions. On the fast path `positions`
 * is a getter that runs the exact path the first time it is read — only a problem that must name a line
 * reads it (validateRecord on failure, resolveLines).
 */
export function parseYamlSource(input: string | Uint8Array, file: string): YamlSource | { problems: Problem[] } {
  const prepared = prepareText(input, file);
  if (typeof prepared !== 'string') return prepared;
  const data = fastLoad(prepared);
  if (data === NO_FAST) return parseYamlText(prepared, file);
  return withLazyPositions({ data }, () => {
    const exact = parseYamlText(prepared, file);
    // Cannot happen (the fast path only accepts what the exact path accepts); never throw for it.
    return 'problems' in exact ? {} : exact.positions;
  });
}

/** The exact path alone: what parseYamlSource must equal. For the tests. */
export function parseYamlSourceExact(input: string | Uint8Array, file: string): YamlSource | { problems: Problem[] } {
  const prepared = prepareText(input, file);
  return typeof prepared === 'string' ? parseYamlText(prepared, file) : prepared;
}

/**
 * Gives `target` a `positions` property computed on first read and kept. Enumerable, so a spread or a
 * deep comparison sees (and computes) it; nothing that crosses a thread or enters the record cache holds
 * a YamlSource (ParsedRecord keeps data and problems only).
 */
export function withLazyPositions<T extends object>(target: T, compute: () => PositionIndex): T & { positions: PositionIndex } {
  let cached: PositionIndex | undefined;
  return Object.defineProperty(target, 'positions', {
    get: () => (cached ??= compute()),
    enumerable: true,
    configurable: true,
  }) as T & { positions: PositionIndex };
}

/** Size, encoding, BOM, NUL and empty-file checks shared by both paths: the text to parse, or its problem. */
function prepareText(input: string | Uint8Array, file: string): string | { problems: Problem[] } {
  let text: string;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input) > MAX_RECORD_BYTES) {
      return { problems: [problem(file, START, 'file-too-large', { size: Buffer.byteLength(input), max: MAX_RECORD_BYTES })] };
    }
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decodeText(input, file);
    if ('problem' in decoded) return { problems: [decoded.problem] };
    text = decoded.text;
  }
  if (text.includes('\0')) return { problems: [problem(file, START, 'binary-file')] };
  if (text.trim() === '' || /^(\s*#[^\n]*\n?)*\s*$/.test(text)) return { problems: [problem(file, START, 'empty-file')] };
  return text;
}

/** The exact path: the `yaml` package's document, its errors and warnings, and a position for every field. */
function parseYamlText(text: string, file: string): YamlSource | { problems: Problem[] } {
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  yamlPathStats.exact++;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    // YAML 1.2 core schema: dates and times stay strings, no custom or binary tags.
    version: '1.2',
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };

  const problems: Problem[] = [];
  for (const err of doc.errors) {
    problems.push(problem(file, at(err.pos[0]), yamlErrorCode(err.code), { detail: firstLine(err.message) }));
  }
  // Unknown tags (!!binary, !js/function, …) are warnings to the yaml package; a record must not carry them.
  for (const warn of doc.warnings) {
    problems.push(problem(file, at(warn.pos[0]), warn.code === 'TAG_RESOLVE_FAILED' ? 'yaml-custom-tag' : 'yaml-syntax', { detail: firstLine(warn.message) }));
  }
  if (problems.length > 0) return { problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return { problems: [problem(file, START, 'yaml-alias-bomb', { detail: firstLine(String((err as Error).message)) })] };
  }
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? 'list' : 'value';
    return { problems: [problem(file, at(doc.contents?.range?.[0] ?? 0), 'top-level-not-map', { kind })] };
  }

  const positions: PositionIndex = {};
  indexPositions(doc.contents, '', positions, (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return [line, col];
  }, problems, file);
  if (problems.length > 0) return { problems };
  return { data, positions };
}

/** Walks the node tree once, recording where each field starts and refusing non-finite numbers. */
function indexPositions(
  node: Node | null | undefined,
  pointer: string,
  out: PositionIndex,
  pos: (offset: number) => Position,
  problems: Problem[],
  file: string,
): void {
  if (!node) return;
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  if (out[pointer] === undefined && node.range) out[pointer] = pos(node.range[0]);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const child = `${pointer}/${escapePointer(key)}`;
      // Point at the key: an empty value ("temperature_c:") has no node of its own.
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) out[child] = pos(keyNode.range[0]);
      indexPositions(pair.value as Node | null, child, out, pos, problems, file);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => indexPositions(item as Node, `${pointer}/${i}`, out, pos, problems, file));
  } else if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
    const [line, col] = pos(node.range?.[0] ?? 0);
    problems.push(problem(file, { line, col }, 'not-finite-number', { field: pointer, value: String(node.source ?? node.value) }));
  } else if (isAlias(node)) {
    // Aliases resolve to data already indexed at their anchor; nothing more to record.
  }
}

export const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where a pointer lands; a missing field falls back to its nearest present parent. */
export function locate(positions: PositionIndex, pointer: string): { line: number; col: number } {
  let p = pointer;
  for (;;) {
    const hit = positions[p];
    if (hit) return { line: hit[0], col: hit[1] };
    if (p === '') return { line: 1, col: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function yamlErrorCode(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'yaml-duplicate-key';
    case 'TAB_AS_INDENT':
      return 'yaml-tab-indent';
    case 'MULTIPLE_DOCS':
      return 'yaml-multiple-documents';
    default:
      return 'yaml-syntax';
  }
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();
