/**
 * Real temporary git repositories for the workflow tests: an archive with the project's config,
 * checklists, rooms and schemas, a bare `origin`, clones with their own git identity, and the
 * commands run as real processes (`node --import tsx scripts/<cmd>.ts` with cwd in the clone).
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument, visit, type Scalar } from 'yaml';
import { signerLine, sshKey, type SshKey } from '../helpers/signing.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs');

export const ADMIN_BUDI = { name: 'Budi Santoso', email: 'budi.santoso@lumajangkab.go.id', id: 'budi' };
export const ADMIN_SARI = { name: 'Sari Wulandari', email: 'sari.wulandari@lumajangkab.go.id', id: 'sari' };
export const KASI = { name: 'Hendra Kurniawan', email: 'hendra.kurniawan@lumajangkab.go.id', id: 'hendra' };
export type Person = { name: string; email: string };

const dirs: string[] = [];
export function cleanup(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A hermetic environment: no user/system git config, a temporary HOME. */
export function env(home: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  for (const k of Object.keys(e)) if (k.startsWith('GIT_') && !['GIT_CONFIG_NOSYSTEM', 'GIT_TERMINAL_PROMPT'].includes(k)) delete e[k];
  delete e.GIT_CONFIG_GLOBAL;
  return e;
}

export function git(cwd: string, args: string[], home: string): string {
  return execFileSync('git', args, { cwd, env: env(home), encoding: 'utf8' }).trim();
}

export interface Workspace {
  base: string;
  home: string;
  origin: string;
  /** The kasi's SSH signing key, listed in records/allowed_signers of the first commit (which it signs). */
  kasiKey: SshKey;
  /** A clone of origin with `who` as its git identity (and a signing key: the kasi's for the kasi). */
  clone(name: string, who: Person, opts?: { signingKey?: SshKey | null }): string;
}

/** origin (bare) holding one commit on main: config, checklists, rooms and schemas of the project. */
export function workspace(): Workspace {
  const base = mkdtempSync(join(tmpdir(), 'ronda-workflow-'));
  dirs.push(base);
  const home = join(base, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.gitconfig'), '[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
  const origin = join(base, 'origin.git');
  git(base, ['init', '-q', '--bare', '-b', 'main', origin], home);
  const seed = join(base, 'seed');
  git(base, ['init', '-q', '-b', 'main', seed], home);
  mkdirSync(join(seed, 'records/rooms'), { recursive: true });
  cpSync(join(REPO_ROOT, 'records/config.yaml'), join(seed, 'records/config.yaml'));
  cpSync(join(REPO_ROOT, 'records/checklists.yaml'), join(seed, 'records/checklists.yaml'));
  cpSync(join(REPO_ROOT, 'records/rooms'), join(seed, 'records/rooms'), { recursive: true });
  cpSync(join(REPO_ROOT, 'schemas'), join(seed, 'schemas'), { recursive: true });
  writeFileSync(join(seed, '.gitignore'), '.ronda-cache/\n');
  const kasiKey = sshKey(base, 'kasi');
  writeFileSync(join(seed, 'records/allowed_signers'), signerLine(KASI.email, kasiKey));
  git(seed, ['add', '-A'], home);
  git(seed, ['-c', `user.name=${KASI.name}`, '-c', `user.email=${KASI.email}`, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${kasiKey.privatePath}`, 'commit', '-S', '-q', '-m', 'Arsip awal'], home);
  git(seed, ['push', '-q', origin, 'main'], home);
  return {
    base,
    home,
    origin,
    kasiKey,
    clone(name, who, opts: { signingKey?: SshKey | null } = {}) {
      const dir = join(base, name);
      git(base, ['clone', '-q', origin, dir], home);
      git(dir, ['config', 'user.name', who.name], home);
      git(dir, ['config', 'user.email', who.email], home);
      // The kasi's clone signs with the kasi's key unless told otherwise.
      const key = opts.signingKey === undefined ? (who.email === KASI.email ? kasiKey : null) : opts.signingKey;
      if (key) {
        git(dir, ['config', 'gpg.format', 'ssh'], home);
        git(dir, ['config', 'user.signingkey', key.privatePath], home);
      }
      return dir;
    },
  };
}

export interface RunResult { code: number; stdout: string; stderr: string }

/** Runs `scripts/<script>.ts` as a real process in `cwd`. */
export function run(script: 'new' | 'submit' | 'approve' | 'check' | 'audit', args: string[], cwd: string, home: string): Promise<RunResult> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      ['--import', TSX, join(REPO_ROOT, 'scripts', `${script}.ts`), ...args],
      { cwd, env: env(home), encoding: 'utf8', timeout: 600_000 }, // only a hung process; never near a run time
      (err, stdout, stderr) => res({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

/** Yesterday in WIB: a round date that is never in the future, whatever the clock says. */
export function yesterdayWib(): string {
  const d = new Date(Date.now() + 7 * 3_600_000 - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * Fills every blank of a scaffolded round as an admin would: readings inside the normal band, every
 * yes/no item true, every measured value inside its range, and finished_at. Comments are kept.
 */
export function fillRound(text: string, opts: { finishedAt: string; temperature?: number; humidity?: number }): string {
  const checklists = parseDocument(readFileSync(join(REPO_ROOT, 'records/checklists.yaml'), 'utf8')).toJS() as {
    categories: Record<string, { items: { id: string; type: string; min?: number; max?: number }[] }>;
  };
  const ranges = new Map<string, { min?: number; max?: number }>();
  for (const cat of Object.values(checklists.categories)) for (const i of cat.items) if (i.type === 'number') ranges.set(i.id, i);
  const doc = parseDocument(text, { version: '1.2' });
  visit(doc, {
    Pair(_k, pair) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value !== null) return;
      const key = String(pair.key.value);
      const value = pair.value as Scalar;
      if (key === 'temperature_c') value.value = opts.temperature ?? 22.5;
      else if (key === 'humidity_pct') value.value = opts.humidity ?? 50;
      else if (key === 'finished_at') {
        value.value = opts.finishedAt;
        value.type = 'QUOTE_DOUBLE';
      } else if (ranges.has(key)) {
        const r = ranges.get(key)!;
        value.value = r.min !== undefined && r.max !== undefined ? (r.min + r.max) / 2 : (r.max ?? r.min ?? 1);
      } else value.value = true;
    },
  });
  if (!isMap(doc.contents)) throw new Error('not a round');
  return doc.toString({ lineWidth: 0 });
}

export const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
export const write = (dir: string, path: string, text: string) => writeFileSync(join(dir, path), text);

/**
 * Budi's round for yesterday's morning (and `extra` files) on a branch, merged into origin/main by the
 * kasi with a signed --no-ff merge: an approved round to attack. Returns the round's path.
 */
export async function approvedRound(ws: Workspace, extra: (clone: string) => void = () => {}): Promise<string> {
  const { createRound } = await import('../../lib/scaffold/create-round.ts');
  const admin = ws.clone('setup', ADMIN_BUDI);
  const created = await createRound(admin, { date: yesterdayWib(), shift: 'pagi', start: '08:00', identityEmail: ADMIN_BUDI.email });
  if (!created.ok) throw new Error(created.code);
  write(admin, created.path, fillRound(read(admin, created.path), { finishedAt: '09:00' }));
  extra(admin);
  git(admin, ['checkout', '-q', '-b', 'ronde/x'], ws.home);
  git(admin, ['add', '-A'], ws.home);
  git(admin, ['commit', '-q', '-m', 'Ronde'], ws.home);
  git(admin, ['checkout', '-q', 'main'], ws.home);
  git(admin, ['-c', `user.name=${KASI.name}`, '-c', `user.email=${KASI.email}`, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${ws.kasiKey.privatePath}`, 'merge', '-S', '-q', '--no-ff', 'ronde/x', '-m', 'Persetujuan'], ws.home);
  git(admin, ['push', '-q', 'origin', 'main'], ws.home);
  return created.path;
}
