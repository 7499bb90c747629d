// A page render worker (see render-pool.ts): renders pages and writes them into the content store.
// Plain JS so it starts under any runner; the TypeScript renderer is loaded through tsx's scoped import.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { createPageRenderer, pageFailure } = await tsImport('./page-renderer.ts', import.meta.url);
const { fillStoreFile } = await tsImport('./content-store.ts', import.meta.url);
const render = createPageRenderer(workerData.setup);
const inFlight = new Int32Array(workerData.counter);

// Charts are drawn by a module loaded on the first chart job (it brings ECharts). The promise is kept,
// not the module: every tsImport call loads its own copy of the module graph, so jobs arriving while the
// first import runs must wait for that one (16 in flight once made 16 copies of ECharts, ≈1 GB a worker).
let chartModule = null;
let drawChart = null;

// Messages sent before this listener exists wait in the port's queue.
parentPort.on('message', async ({ kind, url, data, targets }) => {
  let lang = null;
  try {
    if (kind === 'chart' && !drawChart) {
      chartModule ??= tsImport('./chart-files.ts', import.meta.url);
      drawChart = (await chartModule).drawChart;
    }
    const parsed = JSON.parse(data);
    for (const target of targets) {
      lang = target.lang;
      fillStoreFile(target.file, kind === 'chart' ? drawChart(parsed) : render(lang, kind, url, parsed));
    }
  } catch (err) {
    parentPort.postMessage(pageFailure(err, { kind, url, lang }));
  }
  Atomics.sub(inFlight, 0, 1);
  Atomics.notify(inFlight, 0);
});
