/**
 * The benchmark archive: a git repository shaped like a real Ronda archive after years of use.
 *
 * - config.yaml and checklists.yaml come from the repository's records/ (with a third shift, so a room
 *   has three rounds a day, and a few more staff); R synthetic rooms `ruang-server-01…`;
 * - N round files spread over the rooms and their dates, rendered by the demo generator (lib/demo), so
 *   every file is as realistic as the demo's: two readings per sensor point, every device checked, the
 *   demo's story of faults and findings once per room, two maintenance records per room;
 * - history as the SOP makes it: each round committed by its officer on a branch and merged into main
 *   with a --no-ff merge — 2 commits per round. Most merges are authored by a kasi; ~10 % are web merges
 *   by "GitHub" carrying an `Approved-by:` trailer; ~2 % were merged by the admin himself (belum disetujui).
 *
 * The whole history goes through ONE `git fast-import` process (blobs first, then commits in time order),
 * then one `git reset --hard` writes the working tree. Deterministic for a seed: same texts, same blob
 * ids, same commit ids.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateDemoArchive, mulberry32 } from '../demo/generate-rounds.ts';
import type { StaffIdentity } from '../git/history.ts';
import { roomPath } from '../paths.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord, RoundRecord } from '../types.generated.ts';
import { FastImportWriter, type Person } from './fast-import.ts';
import { renderConfig, renderRoom, syntheticConfig, syntheticRoom } from './synthetic-records.ts';

export const BENCH_END_DATE = '2025-12-31';
const TZ = '+0700';
const GITHUB: Person = { name: 'GitHub', email: 'noreply@github.com' };

export interface BenchArchiveOptions {
  /** Target directory: created if missing; must not already hold a repository. */
  dir: string;
  /** Repository root whose records/config.yaml, records/checklists.yaml and schemas/ are copied. */
  sourceRoot: string;
  rounds: number;
  rooms: number;
  seed: number;
  /** Last day of rounds (default BENCH_END_DATE, safely in the past so no round is "in the future"). */
  endDate?: string;
  /** Also write the rounds as one JSON array here (the Eleventy floor's data), without their checks. */
  floorDataFile?: string;
}

export interface BenchArchive {
  dir: string;
  rooms: string[];
  rounds: number;
  maintenance: number;
  commits: number;
  /** How the merges of rounds and maintenance records were made; what readHistory should find. */
  merges: { kasi: number; trailer: number; byAdmin: number };
  staff: StaffIdentity[];
  /** The round after the last committed one in the first room: not written; for "check one new round". */
  nextRound: { path: string; text: string };
  /** generate_s includes the fast-import (it runs alongside); checkout_s is the `git reset --hard`. */
  timings: { generate_s: number; checkout_s: number };
}

/** Environment for git in the bench archive: no user/system config, no inherited repository. */
export function benchGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_OBJECT_DIRECTORY']) delete env[k];
  return env;
}

/** How many rounds each room gets: as even as possible, the first rooms take the remainder. */
export function roundsPerRoom(rounds: number, rooms: number): number[] {
  const base = Math.floor(rounds / rooms);
  return Array.from({ length: rooms }, (_, i) => base + (i < rounds % rooms ? 1 : 0));
}

interface Event {
  time: number; // branch commit, seconds since the epoch
  path: string;
  blob: number;
  officer: string;
  subject: string;
}

const epoch = (date: string, time: string) => Date.parse(`${date}T${time}:00+07:00`) / 1000;

export async function generateBenchArchive(opts: BenchArchiveOptions): Promise<BenchArchive> {
  const { dir, sourceRoot, seed } = opts;
  if (!Number.isInteger(opts.rounds) || opts.rounds < 1) throw new Error('bench: rounds must be a positive integer');
  if (!Number.isInteger(opts.rooms) || opts.rooms < 1 || opts.rooms > 99) throw new Error('bench: rooms must be 1…99');
  const endDate = opts.endDate ?? BENCH_END_DATE;
  const env = benchGitEnv();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'gc.auto', '0');

  const readYaml = <T>(rel: string) => parse(readFileSync(join(sourceRoot, rel), 'utf8')) as T;
  const baseConfig = readYaml<ConfigRecord>('records/config.yaml');
  const checklistsText = readFileSync(join(sourceRoot, 'records/checklists.yaml'));
  const checklists = parse(checklistsText.toString('utf8')) as ChecklistsRecord;
  // Shifts and staff do not depend on the schedule, which is only known once the rounds are generated.
  const draftConfig = syntheticConfig(baseConfig, new Map());
  const shiftsPerDay = draftConfig.shifts.length;
  const admins = draftConfig.staff.filter((s) => s.role === 'admin');
  const kasis = draftConfig.staff.filter((s) => s.role === 'kasi');
  const person = (id: string): Person => {
    const s = draftConfig.staff.find((x) => x.id === id)!;
    return { name: s.name, email: s.email };
  };

  const t0 = performance.now();
  const writer = new FastImportWriter(dir, env);
  const floorFd = opts.floorDataFile ? openSync(opts.floorDataFile, 'w') : undefined;
  let floorFirst = true;
  const floorWrite = (records: RoundRecord[]) => {
    if (floorFd === undefined || records.length === 0) return;
    const parts = records.map(({ checks, ...rest }) => JSON.stringify({ ...rest, checks_count: checks.length }));
    writeSync(floorFd, (floorFirst ? '[\n' : ',\n') + parts.join(',\n'));
    floorFirst = false;
  };

  const events: Event[] = [];
  const rooms: RoomRecord[] = [];
  const starts = new Map<string, string>();
  let nextRound: BenchArchive['nextRound'] | undefined;
  let maintenanceCount = 0;
  const counts = roundsPerRoom(opts.rounds, opts.rooms);
  for (let r = 0; r < opts.rooms; r++) {
    const room = syntheticRoom(r, seed);
    rooms.push(room);
    const wanted = counts[r]! + (r === 0 ? 1 : 0); // the first room keeps one more round back
    if (counts[r] === 0) continue;
    // The demo generator skips one round per window (its "missed round" story).
    const days = Math.max(30, Math.ceil((wanted + 1) / shiftsPerDay));
    const demo = generateDemoArchive({ config: draftConfig, checklists, room, endDate, days, seed: seed + r });
    const kept = demo.rounds.slice(-wanted);
    if (r === 0) {
      const last = kept.pop()!;
      nextRound = { path: last.path, text: last.text };
    }
    const first = kept[0]!.record.date;
    starts.set(room.id, first);
    for (const f of kept) {
      const { record } = f;
      const minute = 2 + ((record.readings.length * 7 + record.date.charCodeAt(9)) % 12);
      events.push({
        time: epoch(record.date, record.finished_at ?? record.started_at) + minute * 60,
        path: f.path,
        blob: await writer.blob(f.text),
        officer: record.officer,
        subject: `Ronde ${record.shift} ${record.date} ${record.room}`,
      });
    }
    floorWrite(kept.map((f) => f.record));
    for (const m of demo.maintenance) {
      if (m.front.date < first) continue;
      // Two rooms may have maintenance on the same day: the room id keeps the paths apart.
      const path = m.path.replace(`/${m.front.date}-`, `/${m.front.date}-${room.id}-`);
      events.push({
        time: epoch(m.front.date, m.front.finished_at ?? '15:00') + 30 * 60,
        path,
        blob: await writer.blob(m.text),
        officer: m.front.officer,
        subject: `Pemeliharaan ${m.front.date} ${room.id}: ${m.front.title}`,
      });
      maintenanceCount++;
    }
  }
  if (floorFd !== undefined) {
    writeSync(floorFd, floorFirst ? '[]\n' : '\n]\n');
    closeSync(floorFd);
  }

  // --- the initial commit: forms (schemas, checklists), config and rooms, by the kasi -----------------
  const config = syntheticConfig(baseConfig, starts);
  const initialFiles: [string, number][] = [
    ['.gitignore', await writer.blob('.ronda-cache/\n_site/\nnode_modules/\n')],
    ['records/config.yaml', await writer.blob(renderConfig(config))],
    ['records/checklists.yaml', await writer.blob(checklistsText)],
  ];
  for (const room of rooms) initialFiles.push([roomPath(room.id), await writer.blob(renderRoom(room))]);
  for (const name of readdirSync(join(sourceRoot, 'schemas')).filter((n) => n.endsWith('.json')).sort()) {
    initialFiles.push([`schemas/${name}`, await writer.blob(readFileSync(join(sourceRoot, 'schemas', name)))]);
  }

  events.sort((a, b) => a.time - b.time || (a.path < b.path ? -1 : 1));
  const firstTime = (events[0]?.time ?? epoch(endDate, '08:00')) - 86_400;
  const kasiHead = person(kasis[0]!.id);
  let main = await writer.commit({
    ref: 'refs/heads/main', author: kasiHead, time: firstTime, tz: TZ,
    message: 'Arsip monitoring ruang server: konfigurasi, checklist, dan daftar ruang\n', files: initialFiles,
  });
  let commits = 1;
  const merges = { kasi: 0, trailer: 0, byAdmin: 0 };
  const rnd = mulberry32(seed ^ 0x5bd1e995);
  let lastMerge = firstTime;
  let pr = 0;
  for (const e of events) {
    const officer = person(e.officer);
    const branch = `ronde/${e.path.slice(e.path.lastIndexOf('/') + 1).replace(/\.(yaml|md)$/, '')}`;
    const submitted = await writer.commit({
      ref: 'refs/heads/main', author: officer, time: e.time, tz: TZ, message: `${e.subject}\n`, from: main, files: [[e.path, e.blob]],
    });
    // The kasi reviews within the SOP's 30 minutes or a few hours later; main's dates only move forward.
    const mergeTime = Math.max(e.time + Math.floor(10 + rnd() * 230) * 60, lastMerge + 60);
    lastMerge = mergeTime;
    const p = rnd();
    pr++;
    let author: Person;
    let message: string;
    if (p < 0.02) {
      author = officer; // merged by the admin: on main but not approved
      message = `Merge branch '${branch}'\n`;
      merges.byAdmin++;
    } else if (p < 0.12) {
      const kasi = person(kasis[pr % kasis.length]!.id);
      author = GITHUB;
      message = `Merge pull request #${pr} from diskominfo/${branch}\n\n${e.subject}\n\nApproved-by: ${kasi.name} <${kasi.email}>\n`;
      merges.trailer++;
    } else {
      author = person(kasis[pr % 5 === 0 ? kasis.length - 1 : 0]!.id);
      message = `Merge branch '${branch}'\n`;
      merges.kasi++;
    }
    main = await writer.commit({
      ref: 'refs/heads/main', author, time: mergeTime, tz: TZ, message, from: main, merge: submitted, files: [[e.path, e.blob]],
    });
    commits += 2;
  }
  await writer.finish();
  const t1 = performance.now();
  git('reset', '-q', '--hard', 'main');
  const t2 = performance.now();

  return {
    dir,
    rooms: rooms.map((r) => r.id),
    rounds: events.length - maintenanceCount,
    maintenance: maintenanceCount,
    commits,
    merges,
    staff: config.staff.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, ...(s.nip ? { nip: s.nip } : {}) })),
    nextRound: nextRound!,
    timings: { generate_s: (t1 - t0) / 1000, checkout_s: (t2 - t1) / 1000 },
  };
}
