/**
 * HTML for the TypeScript templates: `html` escapes every interpolated value exactly as Nunjucks'
 * autoescape does (& " ' < > \), except markup it made itself (an `Html`) and what `raw()` marks as
 * already rendered. So escaping is the default: a forgotten call shows `&lt;`, never injects markup.
 */

/** Markup: inserted into `html` as it is. Made only by `html` and `raw`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What a template may interpolate: null, undefined and false print nothing; arrays are joined. */
export type Value = string | number | Html | null | undefined | false | readonly Value[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };
const SPECIAL = /[&"'<>\\]/g;
const ANY_SPECIAL = /[&"'<>\\]/;

/** Text as HTML: node_modules/nunjucks/src/lib.js `escape`, character for character. */
export function esc(text: string): string {
  // Most values need nothing: testing first is cheaper than replace() with a callback.
  return ANY_SPECIAL.test(text) ? text.replace(SPECIAL, (ch) => ESCAPES[ch]!) : text;
}

/** Markup rendered elsewhere and trusted (the records' Markdown notes, rendered by lib/site-data/markdown.ts). */
export function raw(markup: string): Html {
  return new Html(markup);
}

function put(v: Value): string {
  if (typeof v === 'string') return esc(v);
  if (v instanceof Html) return v.value;
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) {
    let out = '';
    for (const x of v) out += put(x);
    return out;
  }
  return esc(String(v));
}

/**
 * A template's fixed text with its source indentation collapsed (a line break and the spaces around it
 * become one line break, other runs of spaces one space): the same page to a browser — no template has
 * <pre>, <textarea> or pre-wrap text — and ≈15 % fewer bytes on 2 × N forms. Kept per call site: a
 * tagged template's strings array is the same object every time that template runs.
 */
const collapsed = new WeakMap<TemplateStringsArray, readonly string[]>();
const collapse = (strings: TemplateStringsArray): readonly string[] => {
  let c = collapsed.get(strings);
  if (!c) collapsed.set(strings, (c = strings.map((s) => s.replace(/[ \t]*\n\s*/g, '\n').replace(/[ \t]{2,}/g, ' '))));
  return c;
};

export function html(template: TemplateStringsArray, ...values: Value[]): Html {
  const strings = collapse(template);
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += put(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Words with every text escaped once, as Html: strings, lists, records, and functions returning text. */
export type HtmlWords<T> = T extends string
  ? Html
  : T extends (...args: infer A) => string
    ? (...args: A) => Html
    : T extends readonly (infer E)[]
      ? HtmlWords<E>[]
      : T extends object
        ? { [K in keyof T]: HtmlWords<T[K]> }
        : T;

const escapedWords = new WeakMap<object, unknown>();

/**
 * One language's words (lib/i18n/site-strings.ts) as HTML, escaped once and kept: a round page prints
 * ≈400 of them, and escaping each on every page was a third of its cost.
 */
export function htmlWords<T extends object>(words: T): HtmlWords<T> {
  let w = escapedWords.get(words) as HtmlWords<T> | undefined;
  if (!w) escapedWords.set(words, (w = convert(words) as HtmlWords<T>));
  return w;
}

function convert(x: unknown): unknown {
  if (typeof x === 'string') return new Html(esc(x));
  if (typeof x === 'function') return (...args: unknown[]) => convert(x(...args));
  if (Array.isArray(x)) return x.map(convert);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, convert(v)]));
  return x;
}
