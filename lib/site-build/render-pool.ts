/**
 * Stored pages rendered on worker threads: rendering is most of a cold build's time (≈1 ms a page,
 * 2 × N round pages) and is independent page by page. The build's room-by-room pass is synchronous, so the
 * pool keeps a bounded number of pages in flight with a shared counter and Atomics.wait — the main
 * thread blocks only when the workers are that far behind, and memory stays bounded at any N.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PageRenderError, pageFailure, type PageFailure, type RendererSetup, type StoredPageKind } from './page-renderer.ts';

const MAX_IN_FLIGHT_PER_WORKER = 16;
/** A page needs a few MB to render; the templates and words, tens. */
const WORKER_HEAP_MB = 192;
/** Without progress for this long, a worker is assumed lost. */
const STALL_MS = 120_000;

/** One output of a render job: the language to render in, and the store file to write. */
export interface RenderTarget {
  lang: number;
  file: string;
}

export class RenderPool {
  private readonly workers: Worker[];
  private readonly counter = new Int32Array(new SharedArrayBuffer(4));
  private readonly failures: PageFailure[] = [];
  /** A worker stopped (crash, out of memory): its pages in flight are lost, so the build must stop. */
  private broken = false;
  private closing = false;
  private readonly limit: number;
  private next = 0;

  constructor(setup: RendererSetup, size = Math.max(1, availableParallelism())) {
    const url = new URL('./render-worker.mjs', import.meta.url);
    this.limit = size * MAX_IN_FLIGHT_PER_WORKER;
    this.workers = Array.from({ length: size }, () => {
      // No inherited flags (--cpu-prof, --import …): the worker brings its own TypeScript loader.
      // A small heap limit makes V8 collect often: a worker's garbage never piles up into the build's peak memory.
      const w = new Worker(url, { execArgv: [], workerData: { setup, counter: this.counter.buffer }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      w.on('message', (m: PageFailure) => this.failures.push(m));
      w.on('error', (e) => {
        this.broken = true;
        this.failures.push(pageFailure(e, { kind: null, url: null, lang: null }));
      });
      w.on('exit', (code) => {
        if (this.closing || code === 0) return;
        this.broken = true;
        this.failures.push({ kind: null, url: null, lang: null, message: `pekerja render keluar dengan kode ${code}` });
      });
      return w;
    });
  }

  /**
   * Queues one page (`data` as JSON) to be rendered in each target's language into its file — or, with
   * kind 'chart', one chart (`data` a ChartSpec as JSON, see chart-files.ts); blocks while too many
   * jobs are in flight.
   */
  render(job: { kind: StoredPageKind | 'chart'; url: string; data: string; targets: RenderTarget[] }): void {
    this.waitBelow(this.limit);
    // A failed page stops the build at once: rendering the rest would only repeat the same fault.
    if (this.failures.length) throw new PageRenderError(this.failures);
    Atomics.add(this.counter, 0, 1);
    this.workers[this.next++ % this.workers.length]!.postMessage(job);
  }

  /** Waits for every queued page and chart, keeping the workers; throws PageRenderError if any failed. */
  async drain(): Promise<void> {
    await this.settle();
    if (this.failures.length) throw new PageRenderError(this.failures);
  }

  /** Waits for every queued page, stops the workers, and throws PageRenderError if any page failed. */
  async close(): Promise<void> {
    await this.settle();
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    if (this.failures.length) throw new PageRenderError(this.failures);
  }

  /** Until nothing is in flight, a worker stopped, or no progress for STALL_MS. */
  private async settle(): Promise<void> {
    let last = Atomics.load(this.counter, 0);
    let since = Date.now();
    while (last > 0 && !this.broken) {
      await new Promise((r) => setTimeout(r, 5)); // lets worker messages (failures, crashes) arrive
      const now = Atomics.load(this.counter, 0);
      if (now !== last) [last, since] = [now, Date.now()];
      else if (Date.now() - since > STALL_MS) {
        this.failures.push({ kind: null, url: null, lang: null, message: `pekerja render tidak maju selama ${STALL_MS / 1000} detik` });
        break;
      }
    }
    await new Promise((r) => setImmediate(r));
  }

  /** Stops the workers without waiting for their pages (the build is failing anyway). */
  async terminate(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private waitBelow(limit: number): void {
    let last = Atomics.load(this.counter, 0);
    let since = Date.now();
    while (last >= limit) {
      Atomics.wait(this.counter, 0, last, 1000);
      const now = Atomics.load(this.counter, 0);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (this.broken) throw new PageRenderError(this.failures);
      else if (Date.now() - since > STALL_MS) throw new PageRenderError([...this.failures, { kind: null, url: null, lang: null, message: `pekerja render tidak maju selama ${STALL_MS / 1000} detik` }]);
    }
  }
}
