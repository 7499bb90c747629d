/**
 * Turns a JSON pointer into a label an admin recognises: list items are named by their id
 * ("checks › ups-01 › status") rather than by a zero-based index.
 */
export function fieldLabel(pointer: string, data: unknown): string {
  if (pointer === '') return '(berkas)';
  const parts: string[] = [];
  let node: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const item: unknown = node[Number(seg)];
      parts.push(itemName(item) ?? `#${Number(seg) + 1}`);
      node = item;
    } else {
      parts.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return parts.join(' › ');
}

function itemName(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const name = o.id ?? o.equipment ?? (o.point !== undefined ? `${o.point}${o.time ? ` ${o.time}` : ''}` : undefined);
  return typeof name === 'string' ? name : undefined;
}
