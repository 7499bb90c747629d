// A render worker (see render-pool.ts): renders pages and trend charts into the content store.
// Plain JS so it starts under any runner; the TypeScript renderer is loaded through tsx's scoped import.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { createPageRenderer, pageFailure } = await tsImport('./page-renderer.ts', import.meta.url);
const { fillStoreFile } = await tsImport('./content-store.ts', import.meta.url);
// The device sheets round pages name, sent by the pool before the first page that names each.
const sheets = new Map();
const render = createPageRenderer(workerData.setup, sheets);
// Shared with the pool: jobs in flight, their KB, and how many of them the main thread waits for.
const counter = new Int32Array(workerData.counter);

// Charts (which bring ECharts) are drawn by a module loaded on the first chart job. The promise is
// kept, not the module: every tsImport call loads its own copy of the module graph, so jobs arriving
// while the first import runs must wait for that one (16 in flight once made 16 copies of ECharts,
// ≈1 GB a worker).
let chartModule = null;
const drawChart = async () => (await (chartModule ??= tsImport('./chart-files.ts', import.meta.url))).drawChart;

// Messages sent before this listener exists wait in the port's queue.
parentPort.on('message', async ({ sheet, kind, url, data, targets, kb, needed }) => {
  if (sheet) {
    sheets.set(sheet[0], sheet[1]);
    return;
  }
  let lang = null;
  try {
    const draw = kind === 'chart' ? await drawChart() : null;
    const parsed = JSON.parse(data);
    for (const target of targets) {
      lang = target.lang;
      fillStoreFile(target.file, draw ? draw(parsed) : render(lang, kind, url, parsed));
    }
  } catch (err) {
    parentPort.postMessage(pageFailure(err, { kind, url, lang }));
  }
  Atomics.sub(counter, 1, kb);
  if (needed) Atomics.sub(counter, 2, 1);
  Atomics.sub(counter, 0, 1);
  Atomics.notify(counter, 0);
});
