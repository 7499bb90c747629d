/**
 * Measurement helpers for the benchmark: a child process's wall time and peak memory, and the
 * targets of the "Benchmark and scale" issue with the table printed for people.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRun {
  code: number | null;
  seconds: number;
  /** Peak resident memory of the process (largest of it and its children under GNU time), MiB. */
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTime: boolean | undefined;

/** GNU time writes the peak RSS of the child (and its waited-for children) with -f %M. */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) gnuTime = existsSync(GNU_TIME);
  return gnuTime;
}

/** Keeps the tail of a stream: enough to show why a child failed, never its whole output. */
function tail(limit: number) {
  let text = '';
  return {
    push: (d: Buffer) => {
      text += d.toString();
      if (text.length > 2 * limit) text = text.slice(-limit);
    },
    get: () => text.slice(-limit),
  };
}

/**
 * Runs a command and measures it. With GNU time present the peak RSS is its %M; otherwise
 * /proc/<pid>/status VmHWM is polled (the child alone; 50 ms resolution, but VmHWM is a high-water mark).
 */
export function runMeasured(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; outputLimit?: number }): Promise<ChildRun> {
  const limit = opts.outputLimit ?? 64 * 1024;
  const timeFile = join(tmpdir(), `ronda-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const viaTime = hasGnuTime();
  const [file, argv] = viaTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = tail(limit);
    const err = tail(limit);
    child.stdout.on('data', out.push);
    child.stderr.on('data', err.push);
    let hwmKb = 0;
    const poll = viaTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
          } catch {
            // The process is gone or /proc is missing: keep what we have.
          }
        }, 50);
    child.on('error', (e) => {
      if (poll) clearInterval(poll);
      reject(e);
    });
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (poll) clearInterval(poll);
      let peakKb: number | null = hwmKb || null;
      if (viaTime) {
        try {
          // GNU time prints "Command exited with non-zero status N" before the format line on failure.
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const kb = Number(lines.at(-1));
          peakKb = Number.isFinite(kb) ? kb : null;
        } catch {
          peakKb = null;
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ code, seconds, peakRssMb: peakKb === null ? null : Math.round(peakKb / 1024), stdout: out.get(), stderr: err.get() });
    });
  });
}

/** Times an async function in this process. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - start) / 1000, value };
}

// --- results, targets, table ----------------------------------------------------------------------

export interface BenchResult {
  rounds: number;
  rooms: number;
  seed: number;
  commits: number;
  floor_s: number | null;
  /** Pages the floor rendered: as many as the build wrote (or two per round without a build). */
  floor_pages: number;
  floor_rss_mb: number | null;
  build_s: number | null;
  ratio: number | null;
  /** The rebuild CI does: the cache of the previous build restored, one new round added. */
  build_warm_s: number | null;
  ratio_warm: number | null;
  peak_rss_warm_mb: number | null;
  check_cold_s: number | null;
  check_warm_s: number | null;
  check_one_s: number | null;
  history_s: number | null;
  git_log_s: number | null;
  history_ratio: number | null;
  /** Cold signature verification, seconds per signed merge (git + ssh-keygen), outside every ratio. */
  verify_s_per_merge: number | null;
  /** The same 200 merges again with the kept verdicts. */
  verify_warm_s: number | null;
  peak_rss_mb: number | null;
  generate_s: number;
  /** Runs of each short measure (history, git log, warm and one-file check) whose median is shown. */
  repeat: number;
  machine: { nproc: number; memory_gb: number; node: string; git: string };
  /** Steps that failed or were skipped, with why. */
  notes: string[];
  targets: TargetResult[];
}

export interface TargetResult { name: string; key: keyof BenchResult; limit: string; value: number | null; met: boolean | null }

interface Target { key: keyof BenchResult; max: number | ((r: BenchResult) => number); limit: string; when: (r: BenchResult) => boolean }

const TARGETS: Target[] = [
  { key: 'ratio', max: 1.3, limit: '≤ 1.3 × floor', when: (r) => r.rounds <= 20_000 },
  { key: 'check_warm_s', max: 1, limit: '≤ 1 s', when: (r) => r.rounds <= 20_000 },
  { key: 'check_one_s', max: 0.5, limit: '≤ 0.5 s', when: (r) => r.rounds <= 20_000 },
  { key: 'history_ratio', max: 1.5, limit: '≤ 1.5 × git log', when: (r) => r.rounds <= 20_000 },
  { key: 'peak_rss_mb', max: 4096, limit: '≤ 4096 MB', when: () => true },
  { key: 'peak_rss_warm_mb', max: 4096, limit: '≤ 4096 MB', when: (r) => r.peak_rss_warm_mb !== null },
];

/** The targets: the first four are stated for N ≈ 11,000; the memory bound for any N (up to 200,000). */
export function evaluateTargets(r: BenchResult): TargetResult[] {
  return TARGETS.filter((t) => t.when(r)).map((t) => {
    const value = r[t.key] as number | null;
    const max = typeof t.max === 'number' ? t.max : t.max(r);
    return { name: String(t.key), key: t.key, limit: t.limit, value, met: value === null ? null : value <= max };
  });
}

const fmt = (v: number | null, unit: string, digits = 2) => (v === null ? '—' : `${v.toFixed(digits)}${unit}`);

/** The human table: one line per measure, then the targets with ✓/✗. */
export function formatTable(r: BenchResult): string {
  const rows: [string, string, string][] = [
    ['floor_s', fmt(r.floor_s, ' s'), `Eleventy alone, ${r.floor_pages} pages (as many as the build) from one JSON array of the rounds (RSS ${fmt(r.floor_rss_mb, ' MB', 0)})`],
    ['build_s', fmt(r.build_s, ' s'), 'full build: load, validate, history, pages, search index'],
    ['ratio', fmt(r.ratio, ' ×'), 'build_s / floor_s'],
    ['build_warm_s', fmt(r.build_warm_s, ' s'), `rebuild with the previous build's .ronda-cache, one new round (RSS ${fmt(r.peak_rss_warm_mb, ' MB', 0)})`],
    ['ratio_warm', fmt(r.ratio_warm, ' ×'), 'build_warm_s / floor_s (not a target: shown for CI, which restores the cache)'],
    ['check_cold_s', fmt(r.check_cold_s, ' s'), 'npm run check, empty .ronda-cache'],
    ['check_warm_s', fmt(r.check_warm_s, ' s'), 'npm run check, nothing changed'],
    ['check_one_s', fmt(r.check_one_s, ' s'), 'npm run check -- <one new round>'],
    ['history_s', fmt(r.history_s, ' s'), `readHistory over ${r.commits} commits`],
    ['git_log_s', fmt(r.git_log_s, ' s'), 'bare git log --name-status, same history'],
    ['history_ratio', fmt(r.history_ratio, ' ×'), 'history_s / git_log_s'],
    ['verify_s', fmt(r.verify_s_per_merge, ' s/merge'), 'cold signature check of a kasi merge (not in any ratio)'],
    ['verify_warm_s', fmt(r.verify_warm_s, ' s'), '200 merges again from the kept verdicts'],
    ['peak_rss_mb', fmt(r.peak_rss_mb, ' MB', 0), "the build's peak resident memory"],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = [
    `Ronda bench: ${r.rounds} rounds, ${r.rooms} room(s), ${r.commits} commits, seed ${r.seed}; archive generated in ${r.generate_s.toFixed(1)} s`,
    `machine: ${r.machine.nproc} cores, ${r.machine.memory_gb} GB, node ${r.machine.node}, ${r.machine.git}; short measures: median of ${r.repeat}`,
    '',
    ...rows.map(([k, v, d]) => `  ${k.padEnd(w0)}  ${v.padStart(w1)}  ${d}`),
    '',
    'targets:',
    ...r.targets.map((t) => `  ${t.met === null ? '?' : t.met ? '✓' : '✗'} ${t.name.padEnd(w0)}  ${fmt(t.value, '', 2).padStart(w1)}  ${t.limit}`),
  ];
  if (r.notes.length) lines.push('', 'notes:', ...r.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}
