/**
 * The archive site end to end: a real build of a fixture archive in a real git repository (admin
 * commits on a branch, kasi --no-ff merges), served by scripts/serve.ts, driven by headless Chromium.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/serve.ts';
import { createFixture, HOSTILE_NOTE, REPO, ROOM, roundUrlOf, runBuild, type Fixture } from './fixture.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');

let fx: Fixture;
let out: string;
let server: RunningServer;
let browser: Browser;
let buildOutput = '';

beforeAll(async () => {
  fx = createFixture();
  out = join(fx.root, '_site');
  const r = await runBuild(['--root', fx.root, '--out', out, '--today', '2026-11-23']);
  buildOutput = r.stdout + r.stderr;
  if (r.code !== 0) throw new Error(`build failed (${r.code}):\n${buildOutput}`);
  server = await startServer({ dir: out, port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (fx?.root) rmSync(fx.root, { recursive: true, force: true });
});

const url = (path: string) => new URL(path.replace(/^\//, ''), server.url).href;

/** One tab per viewport width, reused: a new tab costs more than loading most pages. */
const tabs = new Map<number, { page: Page; sink: { errors: string[]; dialogs: string[] } }>();

async function tab(width: number) {
  const known = tabs.get(width);
  if (known) return known;
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  const t = { page, sink: { errors: [] as string[], dialogs: [] as string[] } };
  // A request belongs to the page load that started it: leaving a page aborts its late requests (the icon).
  const startedUnder = new WeakMap<object, typeof t.sink>();
  page.on('request', (r) => startedUnder.set(r, t.sink));
  page.on('console', (m) => {
    if (m.type() === 'error') t.sink.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => t.sink.errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => (startedUnder.get(r) ?? t.sink).errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) (startedUnder.get(r.request()) ?? t.sink).errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', async (d) => {
    t.sink.dialogs.push(d.message());
    await d.dismiss();
  });
  tabs.set(width, t);
  return t;
}

/** Loads a page in the tab of its width and collects console errors, page errors and failed requests. */
async function open(path: string, opts: { width?: number } = {}): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const t = await tab(opts.width ?? 1280);
  t.sink = { errors: [], dialogs: [] };
  await t.page.goto(url(path), { waitUntil: 'load' });
  return { page: t.page, ...t.sink };
}

/** id-ID number text → number ("22,4" → 22.4, "1.234,5" → 1234.5, "12,5%" → 0.125, "–" → null). */
function idNumber(text: string): number | null {
  const s = text.trim();
  if (s === '–' || s === '') return null;
  const pct = s.endsWith('%');
  const n = Number(s.replace('%', '').replace(/\./g, '').replace(',', '.').replace('−', '-'));
  return pct ? n / 100 : n;
}

describe('archive site (built from a git fixture)', () => {
  it('builds both languages and reports what it did', () => {
    expect(buildOutput).toMatch(/Situs arsip dibangun: \d+ ronde/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'en', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('indexes the round lists for search but none of the round forms (published while the index is written)', () => {
    const dir = join(out, 'pagefind', 'fragment');
    // A fragment is gzip of "pagefind_dcd" and the page's JSON.
    const urls = readdirSync(dir).map((f) => (JSON.parse(gunzipSync(readFileSync(join(dir, f))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url);
    const form = roundUrlOf(fx.approvedPath);
    expect(existsSync(join(out, form, 'index.html'))).toBe(true);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.some((u) => /^(\/en)?\/ronde\/\d{4}\/\d{2}\/ruang\//.test(u))).toBe(true);
    expect(urls.filter((u) => u === form || u === `/en${form}` || /\/ronde\/\d{4}\/\d{2}\/\d{4}-\d{2}-\d{2}-/.test(u))).toEqual([]);
  });

  it('opens every page type without console errors, with the demo banner and the right lang', async () => {
    const approved = roundUrlOf(fx.approvedPath);
    const ym = fx.approvedPath.slice('records/rounds/'.length, 'records/rounds/YYYY/MM'.length);
    const paths = [
      '/',
      '/ronde/',
      `/ronde/${ym}/`,
      `/ronde/${ym}/ruang/${ROOM}/`,
      approved,
      '/perangkat/',
      `/perangkat/${ROOM}/ups-01/`,
      '/tren/',
      `/tren/${ROOM}/${ym}/`,
      '/temuan/',
      '/rekap/',
      `/rekap/${ym}/`,
      '/pemeliharaan/',
      '/unduh/',
      '/formulir/',
      `/formulir/${ROOM}/`,
      '/jejak/',
      '/en/',
      `/en${approved}`,
      '/en/tren/',
      '/en/jejak/',
    ];
    for (const p of paths) {
      const { page, errors } = await open(p);
      expect(errors, p).toEqual([]);
      await expect(page.locator('.demo-banner').textContent(), p).resolves.toMatch(p.startsWith('/en/') ? /SAMPLE DATA/ : /DATA CONTOH/);
      expect(await page.getAttribute('html', 'lang'), p).toBe(p.startsWith('/en/') ? 'en' : 'id');
      expect(await page.locator('h1').count(), p).toBe(1);
    }
  });

  it('search works on /cari/ (the one piece of client JS)', async () => {
    const { page, errors } = await open('/cari/?q=UPS');
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__result').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('has no broken internal links (crawl from /)', async () => {
    const origin = new URL(server.url).origin;
    const seen = new Set<string>();
    const ids = new Map<string, Set<string>>();
    const fragments: { from: string; target: string; hash: string }[] = [];
    const broken: string[] = [];
    const queue = ['/'];
    while (queue.length) {
      const batch = queue.splice(0, 16);
      await Promise.all(
        batch.map(async (path) => {
          const res = await fetch(origin + path);
          if (!res.ok) {
            broken.push(`${res.status} ${path}`);
            return;
          }
          if (!(res.headers.get('content-type') ?? '').includes('text/html')) {
            await res.arrayBuffer();
            return;
          }
          const html = await res.text();
          ids.set(path, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
          for (const m of html.matchAll(/<(?:a|link)\s[^>]*?href="([^"]+)"/g)) {
            const raw = m[1]!.replace(/&amp;/g, '&');
            if (/^(mailto:|https?:\/\/(?!127\.0\.0\.1))/.test(raw)) continue;
            const target = new URL(raw, origin + path);
            if (target.origin !== origin) continue;
            if (target.hash) fragments.push({ from: path, target: target.pathname, hash: decodeURIComponent(target.hash.slice(1)) });
            if (!seen.has(target.pathname)) {
              seen.add(target.pathname);
              queue.push(target.pathname);
            }
          }
        }),
      );
    }
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
    const missing = fragments.filter((f) => ids.has(f.target) && !ids.get(f.target)!.has(f.hash)).map((f) => `${f.from} → ${f.target}#${f.hash}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('axe finds no serious or critical violations on the main page types', async () => {
    // One page of each layout (the downloads page is a table like the round list; /en/ is the home page's).
    const paths = ['/', '/ronde/', roundUrlOf(fx.approvedPath), `/perangkat/${ROOM}/ac-02/`, '/tren/', '/temuan/', '/rekap/2026/11/', `/formulir/${ROOM}/`, '/jejak/'];
    const found: string[] = [];
    for (const p of paths) {
      const { page } = await open(p);
      await page.addScriptTag({ path: AXE });
      const violations = (await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      })) as { id: string; impact: string; nodes: string[] }[];
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${p}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  it('daily trend table equals statistics computed here from the fixture records', async () => {
    const thr = fx.config.thresholds;
    const positions = new Map(fx.room.sensor_points.map((p) => [p.id, p.position ?? 'inlet']));
    const dew = (t: number, rh: number) => {
      const g = Math.log(rh / 100) + (17.62 * t) / (243.12 + t);
      return Math.round(((243.12 * g) / (17.62 - g)) * 10) / 10;
    };
    const ym = '2026-11';
    const byDay = new Map<string, { t: number[]; h: number[]; d: number[]; out: number }>();
    for (const { record } of fx.rounds.filter((r) => r.record.date.startsWith(ym))) {
      for (const x of record.readings) {
        if (positions.get(x.point) === 'outlet') continue;
        const day = byDay.get(record.date) ?? { t: [], h: [], d: [], out: 0 };
        byDay.set(record.date, day);
        const dp = dew(x.temperature_c, x.humidity_pct);
        day.t.push(x.temperature_c);
        day.h.push(x.humidity_pct);
        day.d.push(dp);
        const outside =
          x.temperature_c < thr.temperature_c!.normal!.min! || x.temperature_c > thr.temperature_c!.normal!.max! ||
          x.humidity_pct < thr.humidity_pct!.normal!.min! || x.humidity_pct > thr.humidity_pct!.normal!.max! ||
          dp < thr.dew_point_c!.warning!.min! || dp > thr.dew_point_c!.warning!.max!;
        if (outside) day.out++;
      }
    }
    const { page } = await open(`/tren/${ROOM}/2026/11/`);
    const rows = await page.locator('table.trend-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ key: tr.getAttribute('data-key')!, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()) })),
    );
    expect(rows.map((r) => r.key)).toEqual([...byDay.keys()].sort());
    const stat = (xs: number[]) => [Math.min(...xs), xs.reduce((a, b) => a + b, 0) / xs.length, Math.max(...xs)];
    for (const row of rows) {
      const day = byDay.get(row.key)!;
      const [n, tMin, tMean, tMax, hMin, hMean, hMax, dMin, dMean, dMax, outNormal] = row.cells.map(idNumber);
      expect(n, row.key).toBe(day.t.length);
      const expectStat = (got: (number | null)[], want: number[], what: string) =>
        got.forEach((g, i) => expect(Math.abs(g! - want[i]!), `${row.key} ${what}[${i}] ${g} vs ${want[i]}`).toBeLessThanOrEqual(0.05 + 1e-9));
      expectStat([tMin!, tMean!, tMax!], stat(day.t), 'temperature');
      expectStat([hMin!, hMean!, hMax!], stat(day.h), 'humidity');
      expectStat([dMin!, dMean!, dMax!], stat(day.d), 'dew point');
      expect(Math.abs(outNormal! - day.out / day.t.length), `${row.key} outside normal`).toBeLessThanOrEqual(0.0005 + 1e-9);
    }
  });

  it("fills the kasi's signature block from the approving merge in git", async () => {
    const { page } = await open(roundUrlOf(fx.approvedPath));
    const block = page.locator('.sig-kasi').first();
    expect(await block.getAttribute('data-approval')).toBe('approved');
    const text = (await block.textContent())!.replace(/\s+/g, ' ');
    expect(text).toContain(fx.kasi.name);
    expect(text).toContain(`NIP ${fx.kasi.nip}`);
    expect(await block.locator('time').getAttribute('datetime')).toBe(fx.approvalMerge.committerDate);
    // 15:30 WIB on 21 November 2026, written the Indonesian way.
    expect(await block.locator('time').textContent()).toBe('21 November 2026, 15.30 WIB');
    expect(text).toContain(fx.approvalMerge.hash.slice(0, 12));
    const officer = (await page.locator('.sig-officer').first().textContent())!.replace(/\s+/g, ' ');
    const roundOfficer = fx.config.staff.find((s) => s.id === fx.rounds.find((r) => r.path === fx.approvedPath)!.record.officer)!;
    expect(officer).toContain(roundOfficer.name);
    // The history table names the submission and the approval.
    const history = await page.locator('table.history tbody tr').allTextContents();
    expect(history.some((h) => h.includes('Dicatat') && h.includes(fx.admin.name))).toBe(true);
    expect(history.some((h) => h.includes('Disetujui') && h.includes(fx.kasi.name))).toBe(true);
    // Built without the forge's times: archiving is not judged on commit dates, and the page says why.
    expect(await page.locator('main').textContent()).toContain('tanpa catatan waktu dari forge, lama pengarsipan (langkah 4) tidak dinilai');
  });

  it('shows a round pushed straight to main as not approved, and an amended round with its amendment', async () => {
    const un = await open(roundUrlOf(fx.unapprovedPath));
    expect(await un.page.locator('.sig-kasi').first().getAttribute('data-approval')).toBe('unapproved');
    expect(await un.page.locator('.sig-kasi').first().textContent()).toContain('BELUM DISETUJUI');

    const am = await open(roundUrlOf(fx.amendedPath));
    expect(await am.page.locator('.sig-kasi').first().getAttribute('data-approval')).toBe('approved');
    const history = await am.page.locator('table.history tbody tr').allTextContents();
    expect(history.filter((h) => h.includes('Disetujui'))).toHaveLength(2);
    expect(history.some((h) => h.includes('Diubah'))).toBe(true);
    expect(await am.page.locator('.record-info').textContent()).toContain('Salah ketik kelembaban titik pertama');
  });

  it('says which approved criteria judged each round: those of its time, not today\'s', async () => {
    const { page } = await open(roundUrlOf(fx.approvedPath));
    const before = (await page.locator('.form-meta').first().textContent())!;
    expect(before).toMatch(/Kriteria penilaian\s*ambang batas dan checklist yang disetujui dan berlaku sejak Selasa, 20 Oktober 2026 \(kriteria yang berlaku sekarang berbeda/);
    const { page: later } = await open(roundUrlOf(fx.unapprovedPath));
    const after = (await later.locator('.form-meta').first().textContent())!;
    expect(after).toMatch(/berlaku sejak Minggu, 22 November 2026/);
    expect(after).not.toMatch(/berlaku sekarang berbeda/);
  });

  it('shows where trust starts: the anchor commit and the key fingerprint as ssh-keygen prints it', async () => {
    const { page } = await open('/jejak/');
    const text = (await page.locator('main').textContent())!;
    const anchor = execFileSync('git', ['rev-list', '--max-parents=0', 'main'], { cwd: fx.root, encoding: 'utf8' }).trim();
    expect(text).toContain(anchor);
    const line = readFileSync(join(fx.root, 'records/allowed_signers'), 'utf8').trim().split(/\s+/);
    const pub = join(fx.root, 'kunci.pub');
    writeFileSync(pub, `${line[1]} ${line[2]}\n`);
    const fingerprint = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1]!;
    expect(text).toContain(fingerprint);
    expect(text).toMatch(/Merge yang tidak diakui sebagai persetujuan\s*Tidak ada\./);
  });

  it('keeps a hostile note inert: shown as text, no script, no dialog, no javascript: link', async () => {
    const path = roundUrlOf(fx.hostilePath);
    const { page, dialogs, errors } = await open(path);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    const notes = (await page.locator('.notes').first().textContent())!;
    expect(notes).toContain('<script>alert(1)</script>');
    expect(notes).toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('main script, main img, [onerror]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    const html = readFileSync(join(out, path, 'index.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/href="\s*javascript:/i);
    expect(HOSTILE_NOTE).toContain('javascript:');
  });

  it('fits a phone: no horizontal page scroll at 375 px', async () => {
    for (const p of ['/', roundUrlOf(fx.approvedPath), '/tren/', `/tren/${ROOM}/2026/11/`, '/temuan/', '/rekap/2026/11/', `/perangkat/${ROOM}/ac-02/`, `/formulir/${ROOM}/`]) {
      const { page } = await open(p, { width: 375 });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll, p).toBeLessThanOrEqual(client);
    }
  });

  it('writes Excel-friendly CSV (BOM, ;, decimal comma) and JSON downloads', () => {
    const csv = readFileSync(join(out, 'unduh', 'ronda-pembacaan-2026-11.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, first] = csv.slice(1).split('\r\n');
    expect(header).toBe('room;date;shift;officer;point;position;time;temperature_c;humidity_pct;dew_point_c;level;approval;file');
    expect(first).toMatch(/^ruang-server-utama;2026-11-01;pagi;\w+;[a-z-]+;\w*;\d\d:\d\d;\d+(,\d+)?;/);
    const json = JSON.parse(readFileSync(join(out, 'unduh', 'ronda-2026-11.json'), 'utf8')) as { rounds: { date: string; readings: { temperature_c: number }[] }[] };
    expect(json.rounds.every((r) => r.date.startsWith('2026-11'))).toBe(true);
    expect(typeof json.rounds[0]!.readings[0]!.temperature_c).toBe('number');
  });
});

describe('archive site without full git history', () => {
  let plain: string;
  let shallow: string;
  beforeAll(() => {
    plain = mkdtempSync(join(tmpdir(), 'ronda-site-plain-'));
    cpSync(join(fx.root, 'records'), join(plain, 'records'), { recursive: true });
    shallow = mkdtempSync(join(tmpdir(), 'ronda-site-shallow-'));
    rmSync(shallow, { recursive: true });
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${fx.root}`, shallow], { env: { ...process.env, GIT_DIR: undefined } });
  });
  afterAll(() => {
    rmSync(plain, { recursive: true, force: true });
    rmSync(shallow, { recursive: true, force: true });
  });

  it('builds a folder that is not a git repository, showing approval as unknown', async () => {
    const r = await runBuild(['--root', plain, '--lang', 'id', '--no-search', '--today', '2026-11-23']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(plain, '_site', 'index.html'), 'utf8')).toContain('Riwayat git tidak tersedia');
    const round = readFileSync(join(plain, '_site', roundUrlOf(fx.approvedPath), 'index.html'), 'utf8');
    expect(round).toContain('data-approval="unknown"');
    expect(round).toContain('RIWAYAT TIDAK LENGKAP');
    expect(existsSync(join(plain, '_site', 'en'))).toBe(false);
  });

  it('builds a shallow clone, showing approval as unknown ("riwayat tidak lengkap")', async () => {
    const r = await runBuild(['--root', shallow, '--lang', 'en', '--no-search', '--today', '2026-11-23']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const home = readFileSync(join(shallow, '_site', 'index.html'), 'utf8');
    expect(home).toContain('<html lang="en">');
    expect(home).toContain('Git history is shallow');
    const round = readFileSync(join(shallow, '_site', roundUrlOf(fx.approvedPath), 'index.html'), 'utf8');
    expect(round).toContain('data-approval="unknown"');
    expect(round).toContain('HISTORY INCOMPLETE');
  });
});
