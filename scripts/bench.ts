// npm run bench -- --rounds N [--rooms R] [--seed S] [--json] [--keep DIR | --reuse DIR] [--strict] [--repeat K] [--skip floor,build,check,history]
// Generates a synthetic archive (lib/bench) in a temp folder (or reuses one kept earlier) and measures
// the build, the floor, the check command and the history reader on it. Prints a table (or one JSON object with --json) and
// whether each target of the "Benchmark and scale" issue is met; exits 1 on a miss only with --strict.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CACHE_DIR } from '../lib/load/record-cache.ts';
import { benchGitEnv, generateBenchArchive, type BenchArchive } from '../lib/bench/generate-archive.ts';
import { expandFloorData, floorProject, runFloor } from '../lib/bench/floor.ts';
import { evaluateTargets, formatTable, runMeasured, timed, type BenchResult, type ChildRun } from '../lib/bench/measure.ts';
import { readHistory } from '../lib/git/history.ts';
import { checkSignatures } from '../lib/git/signatures.ts';
import { VerificationStore } from '../lib/git/verification-store.ts';
import { writeSignedMerges } from '../lib/bench/signed-merges.ts';

const REPO = resolve(import.meta.dirname, '..');
const TSX_LOADER = import.meta.resolve('tsx');
const STEPS = ['floor', 'build', 'check', 'history', 'verify'] as const;
const USAGE =
  'Pemakaian: npm run bench -- --rounds N [--rooms R] [--seed S] [--json] [--keep DIR | --reuse DIR] [--strict] [--repeat K] [--skip floor,build,check,history,verify]';
/** What a kept archive folder remembers of its generation, so --reuse can measure it again without regenerating. */
const META_FILE = 'bench-archive.json';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      rounds: { type: 'string' },
      rooms: { type: 'string', default: '1' },
      seed: { type: 'string', default: '2026' },
      json: { type: 'boolean', default: false },
      keep: { type: 'string' },
      reuse: { type: 'string' },
      strict: { type: 'boolean', default: false },
      skip: { type: 'string', default: '' },
      repeat: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (e) {
  usage(`Argumen tidak dikenal: ${(e as Error).message}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.keep && args.reuse) usage('--keep dan --reuse tidak dapat dipakai bersama.');
if (args.reuse && process.argv.some((x) => /^--(rounds|rooms|seed)(=|$)/.test(x))) {
  usage('--reuse mengukur arsip yang sudah ada: jumlah ronde, ruang dan seed diambil darinya; hapus --rounds/--rooms/--seed.');
}
const reused = args.reuse ? readKept(resolve(args.reuse)) : null;
const rounds = reused ? reused.rounds : Number(args.rounds);
const rooms = reused ? reused.rooms.length : Number(args.rooms);
const seed = reused ? reused.seed : Number(args.seed);
if (!Number.isInteger(rounds) || rounds < 1) usage('--rounds wajib: bilangan bulat ≥ 1.');
if (!Number.isInteger(rooms) || rooms < 1 || rooms > 99) usage('--rooms: bilangan bulat 1…99.');
if (!Number.isInteger(seed)) usage('--seed: bilangan bulat.');
// The short measures (git log, readHistory, warm and one-file checks) are taken K times and the
// median kept: on a shared two-core machine one run can be off by half. Default 3, 1 above 50,000 rounds.
const repeat = args.repeat === undefined ? (rounds > 50_000 ? 1 : 3) : Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) usage('--repeat: bilangan bulat ≥ 1.');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : null;
};
const skip = new Set(args.skip.split(',').map((s) => s.trim()).filter(Boolean));
for (const s of skip) if (!(STEPS as readonly string[]).includes(s)) usage(`--skip: langkah tidak dikenal "${s}" (pilihan: ${STEPS.join(', ')}).`);

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const notes: string[] = [];
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A folder kept by --keep: its archive, floor project and what the generator reported. */
function readKept(dir: string): BenchArchive & { seed: number } {
  const meta = join(dir, META_FILE);
  if (!existsSync(meta)) usage(`--reuse ${dir}: ${META_FILE} tidak ada; folder ini tidak dibuat oleh npm run bench -- --keep.`);
  const kept = JSON.parse(readFileSync(meta, 'utf8')) as BenchArchive & { seed: number };
  if (kept.dir !== join(dir, 'archive')) usage(`--reuse ${dir}: arsip dibuat di ${kept.dir}; pindahkan kembali atau buat ulang dengan --keep.`);
  return kept;
}

// --- the synthetic archive ---------------------------------------------------------------------------
let base: string;
if (reused) base = resolve(args.reuse!);
else if (args.keep) {
  base = resolve(args.keep);
  if (existsSync(base) && readdirSync(base).length > 0) usage(`--keep ${args.keep}: folder harus kosong atau belum ada.`);
  mkdirSync(base, { recursive: true });
} else base = mkdtempSync(join(tmpdir(), 'ronda-bench-'));
const archiveDir = join(base, 'archive');
const floorDir = join(base, 'floor');
const { roundsFile, dataFile } = floorProject(floorDir);

let archive: BenchArchive;
if (reused) {
  archive = reused;
  log(`reusing ${archive.rounds} rounds over ${rooms} room(s), ${archive.commits} commits in ${archiveDir}`);
} else {
  log(`generating ${rounds} rounds over ${rooms} room(s) in ${archiveDir} …`);
  archive = await generateBenchArchive({ dir: archiveDir, sourceRoot: REPO, rounds, rooms, seed, floorDataFile: roundsFile });
  log(`  ${archive.rounds} rounds, ${archive.maintenance} maintenance records, ${archive.commits} commits in ${archive.timings.generate_s.toFixed(1)} s (+ checkout ${archive.timings.checkout_s.toFixed(1)} s)`);
  if (args.keep) writeFileSync(join(base, META_FILE), JSON.stringify({ ...archive, seed }, null, 1));
}

// Node flags of the package.json script (e.g. the build's heap cap), so each step runs as `npm run <step>` does.
const PACKAGE_SCRIPTS = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const nodeFlags = (script: string) => (PACKAGE_SCRIPTS[script.replace(/\.ts$/, '')] ?? '').match(/--max-old-space-size=\d+/g) ?? [];
const tsx = (script: string, scriptArgs: string[] = [], cwd = archiveDir) =>
  runMeasured(process.execPath, [...nodeFlags(script), '--import', TSX_LOADER, join(REPO, 'scripts', script), ...scriptArgs], { cwd });
function failed(step: string, run: ChildRun): boolean {
  if (run.code === 0) return false;
  const out = `${run.stderr}\n${run.stdout}`;
  const oom = /heap out of memory|Allocation failed/i.test(out);
  // The first line that names an error says more than the tail of a stack dump.
  const why = oom ? 'out of memory (V8 heap limit)' : (out.split('\n').find((l) => /error|✗/i.test(l)) ?? out.trim().split('\n').at(-1) ?? '').trim();
  notes.push(`${step} failed (exit ${run.code}, ${run.seconds.toFixed(1)} s, peak ${run.peakRssMb ?? '?'} MB): ${why.slice(0, 300)}`);
  return true;
}

// --- history: readHistory vs one bare git log ------------------------------------------------------
let history_s: number | null = null;
let git_log_s: number | null = null;
if (!skip.has('history')) {
  const gitLog = () => runMeasured('git', ['log', '--name-status', 'HEAD'], { cwd: archiveDir, env: benchGitEnv(), outputLimit: 1024 });
  await gitLog(); // warm the page cache for both
  const logs: number[] = [];
  const reads: number[] = [];
  for (let k = 0; k < repeat; k++) {
    // Interleaved, so a burst of load elsewhere hits both sides alike.
    log(`history ${k + 1}/${repeat}: git log --name-status, then readHistory …`);
    const g = await gitLog();
    if (failed('git log', g)) break;
    logs.push(g.seconds);
    const h = await timed(() => readHistory(archiveDir));
    reads.push(h.seconds);
    if (k === 0) {
      const approved = [...h.value.files.values()].filter((f) => f.approval.state === 'approved').length;
      log(`  ${h.value.commitsRead} commits, ${h.value.files.size} files, ${approved} approved`);
    }
  }
  git_log_s = median(logs);
  history_s = median(reads);
}

// --- verify: signatures of kasi merges, cold (git runs ssh-keygen per merge) and from the kept verdicts ---
// On their own line: the synthetic archive's merges are unsigned, so the build ratios never include this.
const VERIFY_MERGES = 200;
let verify_s_per_merge: number | null = null;
let verify_warm_s: number | null = null;
if (!skip.has('verify')) {
  log(`verify: ${VERIFY_MERGES} signed merges, cold then from the kept verdicts …`);
  const dir = join(base, 'signed-merges');
  const { merges, signers } = writeSignedMerges(dir, VERIFY_MERGES);
  const keys = { signers, forgeKeys: [] };
  const cold: number[] = [];
  for (let k = 0; k < repeat; k++) cold.push((await timed(() => checkSignatures(dir, merges, keys))).seconds / merges.length);
  verify_s_per_merge = median(cold);
  process.env.RONDA_CACHE_SECRET ||= 'bench';
  const store = VerificationStore.open(dir, { write: true });
  await checkSignatures(dir, merges, keys, store);
  verify_warm_s = (await timed(() => checkSignatures(dir, merges, keys, store))).seconds;
  rmSync(dir, { recursive: true, force: true });
}

// --- build: the real thing, from the archive folder, empty cache ----------------------------------
let build_s: number | null = null;
let build_pages: number | null = null;
let peak_rss_mb: number | null = null;
let build_warm_s: number | null = null;
let peak_rss_warm_mb: number | null = null;
if (!skip.has('build')) {
  if (!existsSync(join(REPO, 'scripts/build.ts'))) notes.push('build skipped: scripts/build.ts does not exist yet');
  else {
    // A fresh CI checkout: no cache, no output (a --reuse folder still has the last run's _site).
    rmSync(join(archiveDir, CACHE_DIR), { recursive: true, force: true });
    rmSync(join(archiveDir, '_site'), { recursive: true, force: true });
    log('build: npm run build in the archive (empty cache) …');
    const b = await tsx('build.ts');
    if (!failed('build', b)) {
      build_s = b.seconds;
      // The build's own split of its time (check, history, aggregates, downloads, Eleventy, Pagefind).
      const summary = b.stdout.split('\n').find((l) => l.startsWith('✓'));
      if (summary) notes.push(`build: ${summary.trim()}`);
      const pages = summary?.match(/(\d+) (?:halaman|pages)/);
      if (pages) build_pages = Number(pages[1]);
    }
    peak_rss_mb = b.peakRssMb; // also on failure: an out-of-memory death is the number that matters
    if (build_s !== null) {
      // The rebuild CI does after a merge: .ronda-cache restored from the last build, one round more.
      const nextFile = join(archiveDir, archive.nextRound.path);
      mkdirSync(dirname(nextFile), { recursive: true });
      writeFileSync(nextFile, archive.nextRound.text);
      // CI restores .ronda-cache, never _site: the old output is removed outside the timing (on this
      // machine deleting 23,000 page folders takes 2–18 s, which a CI rebuild never pays).
      rmSync(join(archiveDir, '_site'), { recursive: true, force: true });
      log('build: again with the cache of that build and one new round …');
      const w = await tsx('build.ts');
      if (!failed('build (warm)', w)) {
        build_warm_s = w.seconds;
        const summary = w.stdout.split('\n').find((l) => l.startsWith('✓'));
        if (summary) notes.push(`build (warm): ${summary.trim()}`);
      }
      peak_rss_warm_mb = w.peakRssMb;
      rmSync(nextFile);
    }
  }
}

// --- floor: Eleventy alone, as many pages as the build wrote ------------------------------------------
let floor_s: number | null = null;
let floor_rss_mb: number | null = null;
// The issue's floor renders "the same number of pages" as the build: both languages' forms, the lists
// and overviews. Without a build (--skip build, or it failed) two per round, one per language.
const floor_pages = build_pages ?? 2 * archive.rounds;
if (!skip.has('floor')) {
  if (build_pages === null) notes.push(`floor: the build's page count is unknown; ${floor_pages} pages (two per round)`);
  expandFloorData(roundsFile, dataFile, floor_pages);
  log(`floor: Eleventy, ${floor_pages} pages from one JSON array …`);
  const f = await runFloor(floorDir, floor_pages > 80_000 ? 16_384 : undefined);
  if (!failed('floor (Eleventy)', f)) {
    floor_s = f.seconds;
    floor_rss_mb = f.peakRssMb;
  }
  rmSync(join(floorDir, '_site'), { recursive: true, force: true });
  rmSync(dataFile, { force: true }); // rewritten from the rounds file on every run
}

// --- check: cold, warm, one new round ---------------------------------------------------------------
let check_cold_s: number | null = null;
let check_warm_s: number | null = null;
let check_one_s: number | null = null;
if (!skip.has('check')) {
  rmSync(join(archiveDir, CACHE_DIR), { recursive: true, force: true });
  log('check: cold …');
  const cold = await tsx('check.ts');
  if (!failed('check (cold)', cold)) check_cold_s = cold.seconds;
  const warm: number[] = [];
  for (let k = 0; k < repeat; k++) {
    log(`check: warm ${k + 1}/${repeat} …`);
    const w = await tsx('check.ts');
    if (failed('check (warm)', w)) break;
    warm.push(w.seconds);
  }
  check_warm_s = median(warm);
  const next = archive.nextRound;
  const nextFile = join(archiveDir, next.path);
  mkdirSync(dirname(nextFile), { recursive: true });
  const one: number[] = [];
  for (let k = 0; k < repeat; k++) {
    // New bytes each time (a trailing comment), so every run really parses and validates the file.
    writeFileSync(nextFile, k === 0 ? next.text : `${next.text}# ${k}\n`);
    log(`check: one new round ${k + 1}/${repeat} (${next.path}) …`);
    const o = await tsx('check.ts', [next.path]);
    if (failed('check (one round)', o)) break;
    one.push(o.seconds);
  }
  check_one_s = median(one);
  rmSync(nextFile);
}

const result: BenchResult = {
  rounds: archive.rounds,
  rooms,
  seed,
  commits: archive.commits,
  floor_s: floor_s && round3(floor_s),
  floor_pages,
  floor_rss_mb,
  build_s: build_s && round3(build_s),
  ratio: build_s !== null && floor_s ? round3(build_s / floor_s) : null,
  build_warm_s: build_warm_s && round3(build_warm_s),
  ratio_warm: build_warm_s !== null && floor_s ? round3(build_warm_s / floor_s) : null,
  peak_rss_warm_mb,
  check_cold_s: check_cold_s && round3(check_cold_s),
  check_warm_s: check_warm_s && round3(check_warm_s),
  check_one_s: check_one_s && round3(check_one_s),
  history_s: history_s && round3(history_s),
  git_log_s: git_log_s && round3(git_log_s),
  history_ratio: history_s !== null && git_log_s ? round3(history_s / git_log_s) : null,
  verify_s_per_merge: verify_s_per_merge && round3(verify_s_per_merge * 1000) / 1000,
  verify_warm_s: verify_warm_s && round3(verify_warm_s),
  peak_rss_mb,
  generate_s: round3(archive.timings.generate_s + archive.timings.checkout_s),
  repeat,
  machine: {
    nproc: availableParallelism(),
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim(),
  },
  notes,
  targets: [],
};
result.targets = evaluateTargets(result);

if (args.keep || reused) log(`archive kept in ${base} (measure it again: npm run bench -- --reuse ${base})`);
else rmSync(base, { recursive: true, force: true });

console.log(args.json ? JSON.stringify(result, null, 2) : formatTable(result));
const missed = result.targets.some((t) => t.met === false);
process.exit(args.strict && missed ? 1 : 0);
