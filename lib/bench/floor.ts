/**
 * The Eleventy floor: a tiny Eleventy project that renders one page per round from ONE pre-parsed JSON
 * array with a trivial Nunjucks template — what Eleventy itself costs for that many pages, with no
 * loading, validation, history or search index. Run through Eleventy's CLI in a child process, so its
 * time and memory are measured apart from the bench.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runMeasured, type ChildRun } from './measure.ts';

export const FLOOR_TEMPLATE = `---
pagination:
  data: rounds
  size: 1
  alias: r
permalink: "ronde/{{ r.room }}/{{ r.date }}-{{ r.shift }}/index.html"
---
<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ r.room }} {{ r.date }} {{ r.shift }}</title></head>
<body><h1>{{ r.room }} · {{ r.date }} · {{ r.shift }}</h1>
<p>{{ r.officer }}, {{ r.started_at }}–{{ r.finished_at }}, {{ r.checks_count }} perangkat</p>
<table>{% for x in r.readings %}<tr><td>{{ x.point }}</td><td>{{ x.time }}</td><td>{{ x.temperature_c }}</td><td>{{ x.humidity_pct }}</td></tr>{% endfor %}</table>
</body></html>
`;

/** Writes the floor project around an existing data file path: `<dir>/_data/rounds.json` must be written by the caller. */
export function floorProject(dir: string): { dataFile: string } {
  mkdirSync(join(dir, '_data'), { recursive: true });
  writeFileSync(join(dir, 'round.njk'), FLOOR_TEMPLATE);
  return { dataFile: join(dir, '_data', 'rounds.json') };
}

/** Eleventy's CLI entry, resolved from this repository's node_modules. */
export function eleventyCli(): string {
  // cmd.cjs is the package's bin, not an export: find it beside the resolved package.json's folder.
  const main = createRequire(import.meta.url).resolve('@11ty/eleventy');
  return join(main.slice(0, main.lastIndexOf('/src/')), 'cmd.cjs');
}

/**
 * Runs Eleventy over the floor project. `heapMb` raises V8's heap limit so a large N measures
 * Eleventy's cost instead of its crash (the default limit here is ≈4 GB).
 */
export function runFloor(dir: string, heapMb?: number): Promise<ChildRun> {
  const args = [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), eleventyCli(), '--input=.', '--output=_site', '--quiet'];
  return runMeasured(process.execPath, args, { cwd: dir });
}
