/**
 * Formatted values, kept: a build formats the same few hundred values (22,4 °C, 45 %, a few thousand
 * dates) millions of times, and one ICU call costs several times a map lookup. Bounded, so odd inputs
 * cannot grow it forever. The key must name everything the text depends on (kind, language, digits).
 */
const formatted = new Map<string, string>();
const MAX_KEPT = 100_000;

export function remembered(key: string, make: () => string): string {
  let s = formatted.get(key);
  if (s === undefined) {
    if (formatted.size >= MAX_KEPT) formatted.clear();
    s = make();
    formatted.set(key, s);
  }
  return s;
}
