/**
 * The demo archive as an office would keep it (DESIGN.md "Approval"): the kasi's signed first commit (the
 * trust anchor), then every round and maintenance record committed by an admin and merged by the kasi
 * with a merge signed by the DEMO key. Two entries show what the site refuses or remarks on: one merge an
 * admin made himself in the kasi's name (unsigned, an `Approved-by` line), one round typed in by a
 * colleague on the officer's behalf. The project's own commits are not kasi merges, so `npm start` builds
 * from this history instead.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { staffOf } from '../git/approvals.ts';
import type { StaffIdentity } from '../git/history.ts';
import { parseMaintenanceSource } from '../load/maintenance-source.ts';
import { parseYamlSource } from '../load/yaml-source.ts';
import { wibInstant } from '../time.ts';
import { FORGE_TIMES_FORMAT } from '../timing/forge-times.ts';
import { commitPayload, putPath, writeCommit, writeObject, writeTree, type Signature, type TreeNode } from '../git/git-objects.ts';

/** The DEMO keys' folder; their private halves are public on purpose, so anyone can sign with them. */
export const DEMO_KEYS_DIR = join(import.meta.dirname, 'keys');
const GENERATOR_VERSION = '1+forge-times';
const FORGED_AT = 2 / 3;

interface Entry { path: string; text: string; date: string; time: string; officer: string }

/** The DEMO public keys (`ssh-ed25519 AAAA…`, without comment), to recognise them in an allowed_signers file. */
export function demoPublicKeys(): string[] {
  return readdirSync(DEMO_KEYS_DIR)
    .filter((f) => f.endsWith('.pub'))
    .map((f) => readFileSync(join(DEMO_KEYS_DIR, f), 'utf8').trim().split(/\s+/).slice(0, 2).join(' '));
}

/** Every file under `dir`, as paths relative to `base`, in a stable order. */
function listFiles(base: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(base, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** A round (YAML) or maintenance record (Markdown front matter) → when it was finished and by whom. */
function entryOf(path: string, text: string): Entry {
  const src = path.endsWith('.md') ? parseMaintenanceSource(Buffer.from(text, 'utf8'), path) : parseYamlSource(text, path);
  const data = ('problems' in src ? {} : (src.data ?? {})) as Record<string, unknown>;
  const str = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
  const date = str('date') ?? path.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '2026-01-01';
  return { path, text, date, time: str('finished_at') ?? str('started_at') ?? '12:00', officer: str('officer') ?? '' };
}

/** A small, stable spread of minutes from a path (the kasi does not approve at fixed times). */
const spread = (path: string, max: number) => createHash('sha1').update(path).digest().readUInt16BE(0) % max;

/** A fingerprint of everything the history is made from: regenerate only when it changes. */
function sourceId(root: string, files: string[]): string {
  const h = createHash('sha256').update(GENERATOR_VERSION);
  for (const f of files) h.update(f).update('\0').update(readFileSync(join(root, f))).update('\0');
  for (const k of demoPublicKeys()) h.update(k);
  return h.digest('hex');
}

/**
 * Makes (or reuses) the demo history in `dir` from the records under `root`; returns `dir`, a git
 * repository with main checked out.
 */
export function ensureDemoHistory(root: string, dir: string): string {
  const files = listFiles(root, join(root, 'records'));
  const id = sourceId(root, files);
  const marker = join(dir, '.git', 'ronda-demo-source');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === id) return dir;
  rmSync(dir, { recursive: true, force: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnvForDemo() });
  writeHistory(root, dir, files);
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env: gitEnvForDemo() });
  writeFileSync(marker, id);
  return dir;
}

const gitEnvForDemo = (): NodeJS.ProcessEnv => ({ ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' });

function writeHistory(root: string, dir: string, files: string[]): void {
  const gitDir = join(dir, '.git');
  const blob = (f: string) => writeObject(gitDir, 'blob', readFileSync(join(root, f)));
  const isEntry = (f: string) => f.startsWith('records/rounds/') || f.startsWith('records/maintenance/');
  const staff = staffOf(readFileSync(join(root, 'records/config.yaml'), 'utf8'));
  const kasi = staff.find((s) => s.role === 'kasi');
  if (!kasi) throw new Error('records/config.yaml: the demo history needs a staff member with role: kasi.');
  const entries = files.filter(isEntry).map((f) => entryOf(f, readFileSync(join(root, f), 'utf8')));
  entries.sort((a, b) => `${a.date} ${a.time} ${a.path}`.localeCompare(`${b.date} ${b.time} ${b.path}`));
  const signer = demoSigner();
  const pulls: { number: number; head: string; merge_commit: string; opened_at: string; merged_at: string }[] = [];
  try {
    const tree: TreeNode = {};
    for (const f of files.filter((x) => !isEntry(x))) putPath(tree, f, blob(f));
    putPath(tree, '.gitignore', writeObject(gitDir, 'blob', Buffer.from('.ronda-cache/\n')));
    const first = entries[0]?.date ?? '2026-01-01';
    const anchorAt = who(kasi, first, '07:00', -24 * 60);
    const anchorPayload = commitPayload({ tree: writeTree(gitDir, tree), parents: [], author: anchorAt, committer: anchorAt, message: 'Arsip awal: konfigurasi, ruang, checklist, dan kunci Kasi (DEMO)\n' });
    let main = writeCommit(gitDir, anchorPayload, signer.sign(anchorPayload));
    const forged = Math.floor(entries.length * FORGED_AT);
    const typedForOther = entries.findIndex((e, i) => i > forged && e.path.startsWith('records/rounds/') && e.officer !== '' && e.officer !== staff.find((s) => s.role === 'admin')?.id);
    entries.forEach((e, i) => {
      const officer = staff.find((s) => s.id === e.officer) ?? staff.find((s) => s.role === 'admin') ?? kasi;
      const typist = i === typedForOther ? (staff.find((s) => s.role === 'admin' && s.id !== officer.id) ?? officer) : officer;
      putPath(tree, e.path, writeObject(gitDir, 'blob', Buffer.from(e.text, 'utf8')));
      const t = writeTree(gitDir, tree);
      const submittedAfter = 10 + spread(e.path, 20);
      const recorded = who(typist, e.date, e.time, submittedAfter);
      const note = typist === officer ? '' : `\n\nDicatat oleh ${typist.name} dari formulir kertas ${officer.name}.`;
      const admin = writeCommit(gitDir, commitPayload({ tree: t, parents: [main], author: recorded, committer: recorded, message: `Catat ${e.path.split('/').at(-1)}${note}\n` }));
      const subject = `Persetujuan ${e.path.split('/').at(-1)!.replace(/\.(yaml|md)$/, '')}`;
      if (i === forged) {
        // The forgery: the admin merges his own branch, in the kasi's name, with a trailer and no signature.
        const spoofed = { ...who(kasi, e.date, e.time, submittedAfter + 15), name: kasi.name, email: kasi.email };
        const payload = commitPayload({ tree: t, parents: [main, admin], author: spoofed, committer: { ...spoofed, name: officer.name, email: officer.email }, message: `${subject}\n\nApproved-by: ${kasi.name} <${kasi.email}>\n` });
        main = writeCommit(gitDir, payload);
        return;
      }
      const approved = who(kasi, e.date, e.time, submittedAfter + 5 + spread(`${e.path}#kasi`, 30));
      const payload = commitPayload({ tree: t, parents: [main, admin], author: approved, committer: approved, message: `${subject}\n` });
      main = writeCommit(gitDir, payload, signer.sign(payload));
      // What the demo forge recorded: the pull request opened a minute after the push, merged when the kasi pushed.
      pulls.push({ number: pulls.length + 1, head: admin, merge_commit: main, opened_at: iso(recorded.time + 60), merged_at: iso(approved.time + 30) });
    });
    execFileSync('git', ['update-ref', 'refs/heads/main', main], { cwd: dir, env: gitEnvForDemo() });
    writeFileSync(demoForgeTimesPath(dir), `${JSON.stringify({ ronda: FORGE_TIMES_FORMAT, forge: 'demo', fetched_at: iso(Date.now() / 1000), pulls }, null, 1)}\n`);
  } finally {
    signer.close();
  }
}

/** Where the demo keeps its forge's pull-request times (lib/timing/forge-times.ts), beside its history. */
export const demoForgeTimesPath = (dir: string): string => join(dir, '.git', 'ronda-forge-times.json');

const iso = (seconds: number): string => new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');

/** A git signature `minutes` after `date` `time` WIB. */
function who(s: StaffIdentity, date: string, time: string, minutes: number): Signature {
  return { name: s.name, email: s.email, time: Math.floor(wibInstant(date, time).getTime() / 1000) + minutes * 60, tz: '+0700' };
}

/** ssh-keygen signs with the DEMO kasi key (copied to a private file: ssh-keygen refuses a readable key). */
function demoSigner(): { sign(payload: string): string; close(): void } {
  const tmp = mkdtempSync(join(tmpdir(), 'ronda-demo-key-'));
  const key = join(tmp, 'key');
  const source = readdirSync(DEMO_KEYS_DIR).find((f) => f.startsWith('DEMO-') && !f.endsWith('.pub'));
  if (!source) throw new Error(`${DEMO_KEYS_DIR}: no DEMO private key.`);
  copyFileSync(join(DEMO_KEYS_DIR, source), key);
  chmodSync(key, 0o600);
  return {
    sign: (payload) => execFileSync('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', 'git'], { input: payload, encoding: 'utf8' }),
    close: () => rmSync(tmp, { recursive: true, force: true }),
  };
}
