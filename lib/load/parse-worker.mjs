// A parse worker (see parse-pool.ts): parses and validates batches of record files off the main thread.
// Plain JS so it starts under any runner; the TypeScript parser is loaded through tsx's scoped import.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { parseRecordFile } = await tsImport('./parse-record.ts', import.meta.url);

// Messages sent before this listener exists wait in the port's queue.
parentPort.on('message', ({ id, items }) => {
  try {
    parentPort.postMessage({ id, results: items.map((it) => parseRecordFile(it.kind, it.bytes, it.path)) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
