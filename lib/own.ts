/**
 * `obj[key]` only when `obj` has `key` itself: ids come from records, and an id such as `constructor`,
 * `toString` or `valueOf` is an ordinary name, never a property every object inherits.
 */
export function own<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
