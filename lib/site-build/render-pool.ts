/**
 * Stored pages rendered on worker threads: rendering is most of a cold build's time (2 × N round pages)
 * and is independent page by page; trend charts are jobs here too. The build's
 * room-by-room pass is synchronous, so the pool bounds the work in flight — in jobs and in bytes of job
 * data — with shared counters and Atomics.wait: the main thread blocks only when the workers are that far
 * behind, and memory stays bounded at any N. The bound is deep (megabytes, hundreds of pages) so the
 * main thread can do its own work (the downloads, the next room) while the workers render.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DeviceSheet } from '../site-data/round-page.ts';
import { PageRenderError, pageFailure, type JobKind, type PageFailure, type RendererSetup } from './page-renderer.ts';

const MAX_JOBS_PER_WORKER = 512;
/** Job data in flight per worker, in KB (a round page's data is ≈9 KB of JSON, counted at two bytes a character). */
const MAX_KB_PER_WORKER = 16 * 1024;
/** Slots of the shared counters: jobs in flight, their KB, and those of them the main thread will wait for (drainNeeded). */
const JOBS = 0;
const KB = 1;
const NEEDED = 2;
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
  private readonly counter = new Int32Array(new SharedArrayBuffer(4 * 3));
  private readonly failures: PageFailure[] = [];
  /** A worker stopped (crash, out of memory): its pages in flight are lost, so the build must stop. */
  private broken = false;
  private closing = false;
  private readonly maxJobs: number;
  private readonly maxKb: number;
  private next = 0;

  constructor(setup: RendererSetup, size = Math.max(1, availableParallelism())) {
    const url = new URL('./render-worker.mjs', import.meta.url);
    this.maxJobs = size * MAX_JOBS_PER_WORKER;
    this.maxKb = size * MAX_KB_PER_WORKER;
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
   * kind 'chart', one chart (`data` a ChartSpec as JSON, see chart-files.ts); blocks while too much is in flight.
   * `needed`: the main thread will wait for this job before the rest (drainNeeded).
   */
  render(job: { kind: JobKind; url: string; data: string; targets: RenderTarget[] }, needed = false): void {
    // Two bytes per character: a JS string's worst case, and what the copy in the port's queue holds.
    const kb = Math.ceil(job.data.length / 512);
    this.waitBelow(kb);
    // A failed page stops the build at once: rendering the rest would only repeat the same fault.
    if (this.failures.length) throw new PageRenderError(this.failures);
    Atomics.add(this.counter, KB, kb);
    if (needed) Atomics.add(this.counter, NEEDED, 1);
    Atomics.add(this.counter, JOBS, 1);
    this.workers[this.next++ % this.workers.length]!.postMessage({ ...job, kb, needed });
  }

  /**
   * Gives every worker a device sheet (round-page.ts). A worker takes its messages in order, so the
   * sheet is there for every page queued after this call.
   */
  addSheet(id: string, sheet: DeviceSheet): void {
    for (const w of this.workers) w.postMessage({ sheet: [id, sheet] });
  }

  /** Waits until every job queued as needed is done (the others may still be in flight). */
  async drainNeeded(): Promise<void> {
    await this.settle(NEEDED);
    if (this.failures.length) throw new PageRenderError(this.failures);
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

  /** Until nothing (of the counter's `slot`) is in flight, a worker stopped, or no progress for STALL_MS. */
  private async settle(slot = JOBS): Promise<void> {
    let last = Atomics.load(this.counter, slot);
    let since = Date.now();
    while (last > 0 && !this.broken) {
      await new Promise((r) => setTimeout(r, 5)); // lets worker messages (failures, crashes) arrive
      const now = Atomics.load(this.counter, slot);
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

  /** Blocks until one more job of `kb` fits (always when nothing is in flight). */
  private waitBelow(kb: number): void {
    const full = () => {
      const jobs = Atomics.load(this.counter, JOBS);
      return jobs > 0 && (jobs >= this.maxJobs || Atomics.load(this.counter, KB) + kb > this.maxKb);
    };
    let last = Atomics.load(this.counter, JOBS);
    let since = Date.now();
    while (full()) {
      Atomics.wait(this.counter, JOBS, last, 1000);
      const now = Atomics.load(this.counter, JOBS);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (this.broken) throw new PageRenderError(this.failures);
      else if (Date.now() - since > STALL_MS) throw new PageRenderError([...this.failures, { kind: null, url: null, lang: null, message: `pekerja render tidak maju selama ${STALL_MS / 1000} detik` }]);
    }
  }
}
