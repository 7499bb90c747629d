import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentStore, fillStoreFile, hashOf } from './content-store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ronda-store-test-'));
  dirs.push(d);
  return join(d, 'store');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('ContentStore', () => {
  it('makes a file once and reuses it in a later build with the same key', () => {
    const dir = tempDir();
    const a = new ContentStore(dir);
    let calls = 0;
    expect(a.text(hashOf('x'), () => (calls++, 'hello'))).toBe('hello');
    expect(a.text(hashOf('x'), () => (calls++, 'other'))).toBe('hello'); // same build: made once
    a.prune(); // the end of a build: seals what it used
    const b = new ContentStore(dir);
    expect(b.text(hashOf('x'), () => (calls++, 'other'))).toBe('hello');
    expect(calls).toBe(1);
    expect([a.made, b.reused]).toEqual([1, 1]);
  });

  it('keys differ when any part differs, including where parts are split', () => {
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
    expect(hashOf('a')).toBe(hashOf('a'));
  });

  it('prunes what a build did not use, keeps what it used', () => {
    const dir = tempDir();
    const first = new ContentStore(dir);
    first.ensure(hashOf('old'), () => 'old');
    first.ensure(hashOf('kept'), () => 'kept');
    first.prune();
    const second = new ContentStore(dir);
    second.ensure(hashOf('kept'), () => 'never called');
    second.ensure(hashOf('new'), () => 'new');
    second.prune();
    expect(existsSync(second.fileOf(hashOf('old')))).toBe(false);
    expect(existsSync(second.fileOf(hashOf('kept')))).toBe(true);
    expect(existsSync(second.fileOf(hashOf('new')))).toBe(true);
    expect(second.reused).toBe(1);
  });

  it('without a folder uses a temporary one, reuses nothing and removes it on prune', () => {
    const s = new ContentStore(null);
    s.ensure(hashOf('a'), () => 'a');
    expect(readdirSync(s.dir).length).toBe(1);
    s.prune();
    expect(existsSync(s.dir)).toBe(false);
  });

  it('never trusts a write a killed build left unfinished, and removes it', () => {
    const dir = tempDir();
    const key = hashOf('torn');
    const first = new ContentStore(dir);
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    writeFileSync(`${first.fileOf(key)}.tmp`, 'half a pa');
    writeFileSync(join(dir, 'stray.txt'), 'not a shard folder');
    const second = new ContentStore(dir);
    expect(existsSync(`${second.fileOf(key)}.tmp`)).toBe(false);
    expect(second.text(key, () => 'whole page')).toBe('whole page');
    expect(readFileSync(second.fileOf(key), 'utf8')).toBe('whole page');
    expect([second.made, second.reused]).toEqual([1, 0]);
  });

  it('reuses an entry only while its bytes match the sealed list: a planted or edited file is made again', () => {
    const dir = tempDir();
    const a = new ContentStore(dir);
    a.ensure(hashOf('page'), () => 'Disetujui: 22,1 °C');
    a.prune();
    writeFileSync(a.fileOf(hashOf('page')), 'Disetujui: 24,9 °C'); // well-formed, under the right key
    const b = new ContentStore(dir);
    expect(b.text(hashOf('page'), () => 'Disetujui: 22,1 °C')).toBe('Disetujui: 22,1 °C');
    expect([b.made, b.reused]).toEqual([1, 0]);
    b.prune();
    writeFileSync(join(dir, 'seals.json'), JSON.stringify({ [hashOf('page')]: 'x' })); // a list not sealed with the key
    const c = new ContentStore(dir);
    c.ensure(hashOf('page'), () => 'made again');
    expect([c.made, c.reused]).toEqual([1, 0]);
  });

  it('never leaves a half-written file under a key when making it fails', () => {
    const s = new ContentStore(tempDir());
    expect(() => s.ensure(hashOf('bad'), () => { throw new Error('render failed'); })).toThrow('render failed');
    expect(existsSync(s.fileOf(hashOf('bad')))).toBe(false);
  });
});

describe('fillStoreFile', () => {
  it('writes text given in pieces in order, as UTF-8, and leaves no .tmp beside it', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'part');
    fillStoreFile(file, ['{"head":1}\n', 'a;ü\r\n', '', '°C—']);
    expect(readFileSync(file, 'utf8')).toBe('{"head":1}\na;ü\r\n°C—');
    fillStoreFile(file, 'replaced');
    expect(readFileSync(file, 'utf8')).toBe('replaced');
    expect(readdirSync(dir)).toEqual(['part']);
  });
});

describe('stored download parts', () => {
  it('read back exactly what was stored, and refuse a cut-off file', async () => {
    const { encodePart, decodePart } = await import('./export-parts.ts');
    const part = { ym: '2026-11', readingRows: 2, checkRows: 1, rounds: 1, readings: 'a;b\r\n"c\nd";e\r\n', checks: 'x;ÿ–\r\n', json: '{"a":"\\n","b":"é"}' };
    const stored = Buffer.from(encodePart(part).join(''), 'utf8');
    const back = decodePart(stored);
    const text = (t: string | Uint8Array) => Buffer.from(t).toString('utf8');
    expect({ ...back, readings: text(back.readings), checks: text(back.checks), json: text(back.json) }).toEqual(part);
    expect(() => decodePart(stored.subarray(0, -2))).toThrow(/damaged download part \(2026-11\)/);
  });
});
