/**
 * Round pages (and charts and download parts) are stored under the hash of what they show: a rebuild
 * renders only new or changed rounds, publishes the same bytes, and the store never keeps what no page uses. Real builds of
 * the fixture archive (real git repository), in this process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError, buildSite, type BuildReport } from '../../scripts/build.ts';
import { createFixture, roundUrlOf, type Fixture } from './fixture.ts';

let fx: Fixture;
const build = (out: string, cache = true, renderPoolAfter?: number) =>
  buildSite({ root: fx.root, out: join(fx.root, out), langs: ['id', 'en'], today: '2026-11-23', search: false, cache, renderPoolAfter, log: () => {} });

/** Every round page of a built site: path → sha1 of its bytes. */
function roundPages(out: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const r of fx.rounds) {
    for (const prefix of ['', '/en']) {
      const file = join(fx.root, out, prefix, roundUrlOf(r.path), 'index.html');
      pages.set(file.slice(join(fx.root, out).length), createHash('sha1').update(readFileSync(file)).digest('hex'));
    }
  }
  return pages;
}

/** Every room-month trend page (stored, with its charts inline): path → sha1 of its bytes. */
function trendPages(out: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const prefix of ['', '/en']) {
    const root = join(fx.root, out, prefix, 'tren');
    for (const room of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const year of readdirSync(join(root, room.name)).filter((y) => /^\d{4}$/.test(y))) {
        for (const month of readdirSync(join(root, room.name, year))) {
          const file = join(root, room.name, year, month, 'index.html');
          pages.set(file.slice(join(fx.root, out).length), createHash('sha1').update(readFileSync(file)).digest('hex'));
        }
      }
    }
  }
  return pages;
}

/** Every download file: name → sha1 of its bytes (the build time in the JSON files left out). */
function downloadFiles(out: string): Map<string, string> {
  const dir = join(fx.root, out, 'unduh');
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => /\.(csv|json)$/.test(n)).sort()) {
    const text = readFileSync(join(dir, name), 'utf8').replace(/"generated_at":"[^"]*"/, '"generated_at":""');
    files.set(name, createHash('sha1').update(text).digest('hex'));
  }
  return files;
}

const storeSize = () => {
  const store = join(fx.root, '.ronda-cache', 'site-v1');
  return readdirSync(store, { withFileTypes: true }).filter((d) => d.isDirectory()).reduce((n, d) => n + readdirSync(join(store, d.name)).length, 0);
};

const months = () => new Set(fx.rounds.map((r) => r.record.date.slice(0, 7))).size;

let first: BuildReport;
let second: BuildReport;
let firstPages: Map<string, string>;
let firstTrends: Map<string, string>;
let storedAfterSecond: number;

beforeAll(async () => {
  fx = createFixture();
  first = await build('_site');
  firstPages = roundPages('_site');
  firstTrends = trendPages('_site');
  second = await build('_site');
  storedAfterSecond = storeSize();
});

afterAll(() => {
  if (fx?.root) rmSync(fx.root, { recursive: true, force: true });
});

describe('round page store', () => {
  it('renders every round page once, then reuses all of them when nothing changed', () => {
    // Two languages × (every round's forms + each room-month's round list and trends).
    const total = 2 * (fx.rounds.length + 2 * months());
    expect(first.storedPages).toEqual({ rendered: total, reused: 0 });
    expect(second.storedPages).toEqual({ rendered: 0, reused: total });
    expect(roundPages('_site')).toEqual(firstPages);
  });

  it('publishes the same bytes without the store, rendered on worker threads, charts and downloads included', async () => {
    const firstDownloads = downloadFiles('_site');
    const r = await build('_site-workers', false, 0);
    expect(r.storedPages.rendered).toBe(first.storedPages.rendered);
    expect(roundPages('_site-workers')).toEqual(firstPages);
    // Trend pages show charts the workers drew: the page waits for them and carries the same SVG.
    expect(firstTrends.size).toBeGreaterThanOrEqual(4);
    expect(trendPages('_site-workers')).toEqual(firstTrends);
    const one = readFileSync(join(fx.root, '_site-workers', [...firstTrends.keys()][0]!), 'utf8');
    expect(one.match(/<svg /g)?.length).toBe(2);
    // The download files are the same too, every month and the whole archive.
    const downloads = downloadFiles('_site-workers');
    expect(downloads.size).toBe(3 * (months() + 1));
    expect(downloads).toEqual(firstDownloads);
  });

  it('renders only the changed round again, shows the change, and drops its old page from the store', async () => {
    const r = fx.rounds.find((x) => x.path === fx.unapprovedPath)!;
    const file = join(fx.root, r.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^notes:.*$/m, '').trimEnd() + '\nnotes: Catatan baru untuk uji penyimpanan halaman.\n');
    const third = await build('_site');
    // Its two forms; its month's list shows no note, so it is reused.
    expect(third.storedPages).toEqual({ rendered: 2, reused: first.storedPages.rendered - 2 });
    const html = readFileSync(join(fx.root, '_site', roundUrlOf(r.path), 'index.html'), 'utf8');
    expect(html).toContain('Catatan baru untuk uji penyimpanan halaman.');
    const now = roundPages('_site');
    const changed = [...now].filter(([p, h]) => firstPages.get(p) !== h).map(([p]) => p);
    expect(changed.sort()).toEqual([roundUrlOf(r.path), `/en${roundUrlOf(r.path)}`].map((u) => `${u}index.html`).sort());
    // The round's two pages and its month's download part were replaced, not added.
    expect(storeSize()).toBe(storedAfterSecond);
    expect(storedAfterSecond).toBeGreaterThan(2 * fx.rounds.length);
  });

  it('formats and links the English pages in English (filters follow the page, not the first run)', () => {
    const en = readFileSync(join(fx.root, '_site', 'en', 'index.html'), 'utf8');
    expect(en).toMatch(/class="brand" href="\/en\/"/);
    expect(en).toMatch(/Built [^<]*\d{2}:\d{2} WIB/);
    const id = readFileSync(join(fx.root, '_site', 'index.html'), 'utf8');
    expect(id).toMatch(/Dibangun [^<]*\d{2}\.\d{2} WIB/);
  });

  it('never trusts a cut-off or edited download part in the store: the build makes it again', async () => {
    const store = join(fx.root, '.ronda-cache', 'site-v1');
    const part = readdirSync(store, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(store, d.name)).map((f) => join(store, d.name, f)))
      .find((f) => readFileSync(f, 'utf8').startsWith('{"ym":'))!;
    const before = downloadFiles('_site');
    const whole = readFileSync(part);
    truncateSync(part, whole.length - 5);
    await build('_site');
    expect(readFileSync(part)).toEqual(whole);
    expect(downloadFiles('_site')).toEqual(before);
  });
});
