import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT as REPO, runScript } from './helpers/run-script.ts';

const FIXTURES = join(REPO, 'tests/fixtures');
const ROUND = 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ronda-cli-'));
  await cp(join(FIXTURES, 'archive'), root, { recursive: true });
  await mkdir(join(root, 'records/rounds/2026/11'), { recursive: true });
});
afterAll(() => rm(root, { recursive: true, force: true }));

function check(...args: string[]) {
  return runScript('check', ['--today', '2026-11-24', ...args], root);
}
const useFixture = async (name: string) => writeFile(join(root, ROUND), await readFile(join(FIXTURES, `rounds/${name}.yaml`)));

describe('npm run check', () => {
  it('exits 0 on a clean archive and says so in Indonesian', async () => {
    await useFixture('valid');
    const r = check();
    expect(r.code).toBe(0);
    expect(r.out).toContain('tidak ada masalah');
  });

  it('prints path:line:col, the message and the fix, exits 1, and shows no stack trace', async () => {
    await useFixture('humidity-150');
    const r = check();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^${ROUND}:13:5  galat: nilai 150 di readings › depan 08:05 › humidity_pct di atas batas 100  \\(.+\\)$`, 'm'));
    expect(r.out + r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('speaks English with --lang en', async () => {
    await useFixture('humidity-150');
    expect(check('--lang', 'en').out).toContain('is above 100');
  });

  it('writes GitHub workflow-command annotations with --format github', async () => {
    await useFixture('humidity-150');
    const r = check('--format', 'github');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^::error file=${ROUND},line=13,col=5,title=Ronda%3A above-maximum::nilai 150`, 'm'));
  });

  it('prints machine-readable problems with --format json', async () => {
    await useFixture('unknown-equipment');
    const r = check('--format', 'json', ROUND);
    const problems = JSON.parse(r.out) as { code: string; line: number; message: string }[];
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unknown-equipment', line: 29 }));
  });

  it('exits 0 when there are only warnings', async () => {
    const text = (await readFile(join(FIXTURES, 'rounds/valid.yaml'), 'utf8')).replace('items: { rapi: true }', 'items: { rapi: false }');
    await writeFile(join(root, ROUND), text);
    const r = check();
    expect(r.out).toContain('peringatan');
    expect(r.code).toBe(0);
  });

  it('exits 2 on a usage error', () => {
    expect(check('--format', 'xml').code).toBe(2);
    expect(check('--bogus').code).toBe(2);
  });

  it('reports a file that does not exist', async () => {
    await useFixture('valid');
    const r = check('records/rounds/2026/11/2026-11-21-lab-pagi.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toContain('berkas tidak ditemukan');
  });

  it('refuses the published DEMO key outside the demo, naming the line and the fix, even from the cache', async () => {
    await useFixture('valid');
    check(); // a cached whole-archive answer must not hide the keys file
    const signers = (await readFile(join(FIXTURES, 'allowed-signers/demo-key.txt'), 'utf8')).replace('hendra.kurniawan@lumajangkab.go.id', 'hendra@example.go.id');
    await writeFile(join(root, 'records/allowed_signers'), signers);
    const r = check();
    await rm(join(root, 'records/allowed_signers'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^records\/allowed_signers:2:1  galat: kunci DEMO terdaftar untuk hendra@example.go.id, padahal arsip ini bukan demo \(demo: false\)  \(.*Hapus baris ini/m);
  });

  it('names the line of a bad entry in the kasi\'s attestation, with the fix', async () => {
    await useFixture('valid');
    await mkdir(join(root, 'records/pengesahan'), { recursive: true });
    await writeFile(join(root, 'records/pengesahan/2026-12-01.yaml'), await readFile(join(FIXTURES, 'attestations/bad-entries.yaml')));
    const r = check();
    await rm(join(root, 'records/pengesahan'), { recursive: true });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^records\/pengesahan\/2026-12-01\.yaml:4:\d+  galat: blob id untuk records\/rounds\/.+ tidak sah  \(Tulis blob id 40 karakter/m);
    expect(r.out).toMatch(/^records\/pengesahan\/2026-12-01\.yaml:5:\d+  galat: records\/config\.yaml bukan berkas ronde atau pemeliharaan/m);
  });

  it('treats prototype names (constructor, toString) as ordinary ids: a clear error, no crash', async () => {
    await useFixture('valid');
    const roomFile = join(root, 'records/rooms/lab.yaml');
    const room = await readFile(roomFile, 'utf8');
    await writeFile(roomFile, room.replace('category: rak }', 'category: constructor }'));
    const r = check();
    await writeFile(roomFile, room);
    expect(r.err).not.toMatch(/kesalahan tak terduga|TypeError/);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^records\/rooms\/lab\.yaml:\d+:\d+  galat: kategori "constructor" tidak ada di checklists\.yaml/m);
  });

  it('re-checks an unchanged archive from the cache without parsing', async () => {
    await useFixture('valid');
    check(); // warm the cache
    const { loadArchive } = await import('../lib/load/archive.ts');
    const archive = await loadArchive(root);
    expect(archive.stats.parsed).toBe(0);
    expect(archive.stats.fromCache).toBe(archive.stats.files);
  });
});
