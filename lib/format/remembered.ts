/**
 * Formatted values, kept: a build formats the same few hundred values (22,4 °C, 45 %, a few thousand
 * dates) millions of times, and one ICU call costs several times a map lookup. One table per kind of
 * text (its name must say everything besides the value the text depends on: kind, language, digits),
 * keyed by the value itself — a number stays a number, no key string is built per call. Bounded, so odd
 * inputs cannot grow a table forever.
 */
const tables = new Map<string, Map<string | number, string>>();
const MAX_PER_TABLE = 20_000;

export function remembered(table: string, value: string | number, make: () => string): string {
  let kept = tables.get(table);
  if (!kept) tables.set(table, (kept = new Map()));
  let s = kept.get(value);
  if (s === undefined) {
    if (kept.size >= MAX_PER_TABLE) kept.clear();
    s = make();
    kept.set(value, s);
  }
  return s;
}
