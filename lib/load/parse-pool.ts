/**
 * Parsing is CPU-bound (the `yaml` parser, ≈1.5 ms per round) and the main thread is otherwise idle
 * while it runs, so a cold load of thousands of files spreads the parsing over worker threads, one
 * per core. Each worker loads the same parseRecordFile; results come back by structured clone.
 * Below a few hundred files the workers' start-up (≈0.3 s) costs more than it saves: parse inline.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RecordFileKind } from '../paths.ts';
import type { ParsedRecord } from './parse-record.ts';

export interface ParseJob { path: string; kind: RecordFileKind; bytes: Uint8Array }

/** Fewer files than this are parsed on the main thread. */
export const POOL_THRESHOLD = 400;

interface Pending { resolve: (r: ParsedRecord[]) => void; reject: (e: Error) => void; worker: Slot }
interface Slot { worker: Worker; inFlight: number; dead: boolean }

export class ParsePool {
  private readonly slots: Slot[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(size = availableParallelism()) {
    const url = new URL('./parse-worker.mjs', import.meta.url);
    this.slots = Array.from({ length: Math.max(1, size) }, () => {
      // No inherited flags (--cpu-prof, --import …): the worker brings its own TypeScript loader.
      const slot: Slot = { worker: new Worker(url, { execArgv: [] }), inFlight: 0, dead: false };
      slot.worker.on('message', (m: { id: number; results?: ParsedRecord[]; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        slot.inFlight--;
        if (m.results) p.resolve(m.results);
        else p.reject(new Error(m.error ?? 'parse worker failed'));
      });
      const die = (err: Error) => {
        slot.dead = true;
        for (const [id, p] of this.pending) {
          if (p.worker !== slot) continue;
          this.pending.delete(id);
          p.reject(err);
        }
      };
      slot.worker.on('error', die);
      slot.worker.on('exit', (code) => die(new Error(`parse worker exited (${code})`)));
      return slot;
    });
  }

  /** Parses one batch on the least busy worker. Rejects if the worker fails: the caller parses inline. */
  parse(jobs: ParseJob[]): Promise<ParsedRecord[]> {
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) return Promise.reject(new Error('no parse worker left'));
    const slot = live.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: slot });
      slot.worker.postMessage({ id, items: jobs });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
