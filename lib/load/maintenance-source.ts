import { createRequire } from 'node:module';
import type matterType from 'gray-matter';
import { problem, type Problem } from '../problems.ts';
import { decodeText, parseYamlSource, withLazyPositions, type PositionIndex, type YamlSource } from './yaml-source.ts';

export interface MaintenanceSource extends YamlSource {
  body: string;
  /** Line where the body starts, for problems inside the narrative. */
  bodyLine: number;
}

let matter: typeof matterType | undefined;

/**
 * Maintenance records are Markdown with YAML front matter. gray-matter finds the fences;
 * the front matter itself goes through the one YAML loader so limits and positions are the same.
 */
export function parseMaintenanceSource(bytes: Uint8Array, file: string): MaintenanceSource | { problems: Problem[] } {
  const decoded = decodeText(bytes, file);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  const text = decoded.text.replace(/\r\n/g, '\n');
  if (!/^---\n/.test(text)) return { problems: [problem(file, { line: 1, col: 1 }, 'missing-front-matter')] };
  // Only the fence-finding of gray-matter is used; its own YAML engine never runs on the front matter.
  // Required on first use: most runs parse no maintenance record, and gray-matter loads js-yaml (≈20 ms).
  matter ??= createRequire(import.meta.url)('gray-matter') as typeof matterType;
  const parsed = matter(text, { engines: { yaml: () => ({}) } });
  const front = parsed.matter;
  const source = parseYamlSource(front.replace(/^\n/, ''), file);
  if ('problems' in source) {
    // The front matter starts on line 2 (after the opening ---).
    return { problems: source.problems.map((p) => ({ ...p, line: p.line + 1 })) };
  }
  const bodyLine = front.split('\n').length + 2;
  // Shifted on first read, like the positions themselves: a valid record never needs them.
  return withLazyPositions({ data: source.data, body: parsed.content.replace(/^\n/, ''), bodyLine }, () => {
    const shifted: PositionIndex = {};
    for (const [key, [line, col]] of Object.entries(source.positions)) shifted[key] = [line + 1, col];
    return shifted;
  });
}
