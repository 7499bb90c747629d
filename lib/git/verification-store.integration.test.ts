/**
 * The kept signature verdicts, attacked: a store planted in .ronda-cache/ (committed, or copied from a
 * machine the attacker controls) claiming a good signature for a forged merge must change nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signerLine, sshKey, sshSigning } from '../../tests/helpers/signing.ts';
import { readHistory } from './history.ts';
import type { SignatureCheck } from './signatures.ts';
import { keySetId, VerificationStore } from './verification-store.ts';
import { forgetCacheSecret } from '../load/cache-seal.ts';

const base = mkdtempSync(join(tmpdir(), 'ronda-verify-store-'));
const repo = join(base, 'arsip');
const STORE = join(repo, '.ronda-cache/signatures-v1.json');
const R1 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml';
const R2 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-sore.yaml';
const hendra = ['-c', 'user.name=Hendra', '-c', 'user.email=hendra@kab.go.id'];
const budi = ['-c', 'user.name=Budi', '-c', 'user.email=budi@kab.go.id'];
const git = (args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } }).trim();
const write = (p: string, t: string) => {
  mkdirSync(dirname(join(repo, p)), { recursive: true });
  writeFileSync(join(repo, p), t);
};
let forged: string;
let signed: string;
const saved = { secret: process.env.RONDA_CACHE_SECRET, xdg: process.env.XDG_CONFIG_HOME };

beforeAll(() => {
  process.env.XDG_CONFIG_HOME = join(base, 'config'); // never the developer's own key file
  delete process.env.RONDA_CACHE_SECRET;
  forgetCacheSecret();
  const key = sshKey(base, 'hendra');
  mkdirSync(repo);
  git(['init', '-q', '-b', 'main']);
  write('records/allowed_signers', signerLine('hendra@kab.go.id', key));
  write('records/config.yaml', 'staff:\n  - { id: budi, name: Budi, email: budi@kab.go.id, role: admin }\n  - { id: hendra, name: Hendra, email: hendra@kab.go.id, role: kasi }\n');
  git(['add', '-A']);
  git([...hendra, ...sshSigning(key), 'commit', '-q', '-S', '-m', 'Jangkar']);
  for (const [branch, path, sign] of [['pagi', R1, true], ['sore', R2, false]] as const) {
    git(['checkout', '-q', '-b', branch]);
    write(path, 'a: 1\n');
    git(['add', '-A']);
    git([...budi, 'commit', '-q', '-m', branch]);
    git(['checkout', '-q', 'main']);
    // The second merge is the forgery: Budi merges in the kasi's name, unsigned.
    git([...(sign ? [...hendra, ...sshSigning(key), 'merge', '-S'] : [...budi, 'merge']), '-q', '--no-ff', '-m', `Merge ${branch}`, branch]);
    if (sign) signed = git(['rev-parse', 'HEAD']);
    else forged = git(['rev-parse', 'HEAD']);
  }
});
afterEach(() => rmSync(join(repo, '.ronda-cache'), { recursive: true, force: true }));
afterAll(() => {
  for (const [k, v] of [['RONDA_CACHE_SECRET', saved.secret], ['XDG_CONFIG_HOME', saved.xdg]] as const) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  forgetCacheSecret(); // files run after this one in the same process read the user's own key again
  rmSync(base, { recursive: true, force: true });
});

const stateOf = async (path: string) => (await readHistory(repo, { store: VerificationStore.open(repo, { write: false }) })).files.get(path)!.approval.state;
/** What the attacker can write: any entries, with a MAC under any key but the official one. */
function plant(entries: Record<string, unknown>, macKey = '') {
  mkdirSync(dirname(STORE), { recursive: true });
  const text = JSON.stringify(entries);
  writeFileSync(STORE, `${createHmac('sha256', macKey).update(text).digest('hex')}\n${text}`);
}
/** The official file's entries (after its seal line). */
const officialEntries = () => JSON.parse(readFileSync(STORE, 'utf8').split('\n').slice(1).join('\n')) as Record<string, unknown>;
const goodVerdict = { kind: 'ssh', code: 'G', signer: 'hendra@kab.go.id', key: 'SHA256:palsu' };

describe('verification store', () => {
  it('a build keeps the verdicts and the next read uses them (the signed merge stays approved)', async () => {
    const store = VerificationStore.open(repo, { write: true });
    const first = await readHistory(repo, { store });
    store.save();
    expect(first.files.get(R1)!.approval.state).toBe('approved');
    const kept = officialEntries();
    expect(Object.keys(kept).some((k) => k.startsWith(signed))).toBe(true);
    expect(Object.keys(kept).some((k) => k.startsWith(forged))).toBe(true);
    expect(await stateOf(R1)).toBe('approved');
    expect(await stateOf(R2)).toBe('unapproved');
  });

  it('a planted store claiming a good signature for the forged merge changes nothing', async () => {
    const store = VerificationStore.open(repo, { write: true });
    await readHistory(repo, { store });
    store.save();
    const real = officialEntries();
    const forgedKey = Object.keys(real).find((k) => k.startsWith(forged))!;
    for (const macKey of ['', 'ronda', 'RONDA_CACHE_SECRET']) {
      plant({ ...real, [forgedKey]: goodVerdict }, macKey);
      expect(await stateOf(R2)).toBe('unapproved');
    }
    // The official file with one verdict edited: its MAC no longer matches, the whole file is ignored.
    rmSync(STORE);
    const again = VerificationStore.open(repo, { write: true });
    await readHistory(repo, { store: again });
    again.save();
    const [mac] = readFileSync(STORE, 'utf8').split('\n');
    writeFileSync(STORE, `${mac}\n${JSON.stringify({ ...real, [forgedKey]: goodVerdict })}`);
    expect(await stateOf(R2)).toBe('unapproved');
  });

  it('a store made on another machine (another key) is not trusted here; with the official key it would be', async () => {
    const keys = keySetId({ signers: readFileSync(join(repo, 'records/allowed_signers'), 'utf8'), forgeKeys: [] });
    process.env.RONDA_CACHE_SECRET = 'mesin-lain';
    const elsewhere = VerificationStore.open(repo, { write: true });
    elsewhere.set(forged, keys, goodVerdict as SignatureCheck);
    elsewhere.save();
    expect(await stateOf(R2)).toBe('approved'); // the control: the key is all that stands between
    delete process.env.RONDA_CACHE_SECRET;
    expect(await stateOf(R2)).toBe('unapproved');
  });
});
