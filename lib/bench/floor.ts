/**
 * The Eleventy floor: a tiny Eleventy project that renders as many pages as the real build writes
 * (both languages' forms, lists, overviews) from ONE pre-parsed JSON array of the rounds with a trivial
 * Nunjucks template — what Eleventy itself costs for that many pages, with no loading, validation,
 * history or search index. Run through Eleventy's CLI in a child process, so its time and memory are
 * measured apart from the bench.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runMeasured, type ChildRun } from './measure.ts';

export const FLOOR_TEMPLATE = `---
pagination:
  data: rounds
  size: 1
  alias: r
permalink: "ronde/{{ pagination.pageNumber }}/index.html"
---
<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ r.room }} {{ r.date }} {{ r.shift }}</title></head>
<body><h1>{{ r.room }} · {{ r.date }} · {{ r.shift }}</h1>
<p>{{ r.officer }}, {{ r.started_at }}–{{ r.finished_at }}, {{ r.checks_count }} perangkat</p>
<table>{% for x in r.readings %}<tr><td>{{ x.point }}</td><td>{{ x.time }}</td><td>{{ x.temperature_c }}</td><td>{{ x.humidity_pct }}</td></tr>{% endfor %}</table>
</body></html>
`;

/**
 * Writes the floor project. The caller writes the rounds (one JSON array) to `roundsFile`, then
 * `expandFloorData(roundsFile, dataFile, pages)` fills the array Eleventy paginates.
 */
export function floorProject(dir: string): { roundsFile: string; dataFile: string } {
  mkdirSync(join(dir, '_data'), { recursive: true });
  writeFileSync(join(dir, 'round.njk'), FLOOR_TEMPLATE);
  return { roundsFile: join(dir, 'rounds.json'), dataFile: join(dir, '_data', 'rounds.json') };
}

/**
 * Writes the floor's data file with `pages` entries: the rounds, repeated in order as often as needed
 * (the build writes about two pages per round, one per language, plus lists and overviews). Written
 * in chunks: at 200,000 rounds the array is ≈350 MB of JSON. Returns the entry count.
 */
export function expandFloorData(roundsFile: string, dataFile: string, pages: number): number {
  const rounds = JSON.parse(readFileSync(roundsFile, 'utf8')) as unknown[];
  if (rounds.length === 0 || pages <= 0) {
    writeFileSync(dataFile, '[]\n');
    return 0;
  }
  const texts = rounds.map((r) => JSON.stringify(r));
  const fd = openSync(dataFile, 'w');
  try {
    const CHUNK = 2000;
    for (let k = 0; k < pages; k += CHUNK) {
      const part: string[] = [];
      for (let i = k; i < Math.min(pages, k + CHUNK); i++) part.push(texts[i % texts.length]!);
      writeSync(fd, (k === 0 ? '[\n' : ',\n') + part.join(',\n'));
    }
    writeSync(fd, '\n]\n');
  } finally {
    closeSync(fd);
  }
  return pages;
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
