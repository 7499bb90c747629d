/**
 * `npm run build [-- --lang id|en] [--root DIR] [--out DIR] [--today YYYY-MM-DD] [--base /path] [--no-search]`
 *
 * Builds the static archive site into _site/:
 *   1. load + check the archive ONCE (checkArchive: it also evaluates every round once),
 *   2. read git history ONCE (readHistory); a folder that is not a git repository, or a shallow clone,
 *      still builds — approval then shows as unknown ("riwayat tidak lengkap"),
 *   3. compute every aggregate ONCE (lib/site-data: buildSiteData),
 *   4. write the downloads (CSV/JSON) straight to _site/unduh/,
 *   5. run Eleventy programmatically per language with the pre-computed data as global data,
 *   6. index the result with Pagefind (the site's one piece of client JS: search).
 *
 * Languages: by default Indonesian is written at `/` and English under `/en/` (same page paths under
 * the prefix, so the language switch maps page to page). `--lang id` or `--lang en` writes that one
 * language at `/` only (e.g. an English-only copy for a reviewer). Downloads are language-neutral
 * and live once at /unduh/.
 *
 * "As of" (what counts as missed or overdue): `--today`, else for a demo archive (config demo: true) the
 * last round's date — so the demo never shows months of "missed" rounds after its story ends — else
 * now in WIB. A sub-path (GitHub Pages project site) comes from --base or RONDA_BASE_PATH.
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkArchive } from '../lib/check.ts';
import { readHistory, type ArchiveHistory } from '../lib/git/history.ts';
import { isLang, type Lang } from '../lib/i18n/lang.ts';
import { SITE_TEXT, type SiteText } from '../lib/i18n/site-strings.ts';
import * as fmt from '../lib/format/index.ts';
import { nowWibTime, todayWib } from '../lib/time.ts';
import { staffIdentities } from '../lib/site-data/approval.ts';
import { exportChunks, type ExportLink } from '../lib/site-data/exports.ts';
import { buildSiteData, type SiteModel } from '../lib/site-data/site-model.ts';
import { humidityChart, temperatureChart } from '../lib/site-data/trend-charts.ts';

export interface BuildOptions {
  root: string;
  out: string;
  /** Languages to write; the first is written at `/`, the others under `/<lang>/`. */
  langs: Lang[];
  today?: string;
  base?: string;
  search?: boolean;
  cache?: boolean;
  log?: (line: string) => void;
}

export interface BuildReport {
  rounds: number;
  pages: number;
  ms: { check: number; history: number; model: number; exports: number; eleventy: number; search: number; total: number };
  problems: { errors: number; warnings: number };
  history: 'ok' | 'shallow' | 'unavailable';
}

const SITE_DIR = resolve(import.meta.dirname, '..', 'site');
const MARKER = '.ronda-site';

interface EleventyInstance {
  write(): Promise<unknown>;
}
type EleventyCtor = new (input: string, output: string, options: Record<string, unknown>) => EleventyInstance;
// Eleventy ships JavaScript without type declarations; the one call used here is typed above.
const ELEVENTY_MODULE = '@11ty/eleventy';

export async function buildSite(opts: BuildOptions): Promise<BuildReport> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const root = resolve(opts.root);
  const out = resolve(opts.out);
  const t0 = performance.now();
  // RONDA_BUILD_DEBUG=1 prints time and memory after each phase (for the benchmark's large archives).
  const debug = (what: string): void => {
    if (!process.env.RONDA_BUILD_DEBUG) return;
    (globalThis as { gc?: () => void }).gc?.(); // with node --expose-gc: live heap, not garbage
    const m = process.memoryUsage();
    log(`  [${what}] ${Math.round(performance.now() - t0)} ms, RSS ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)} MB`);
  };
  const lap = (() => {
    let last = t0;
    return (what = '') => {
      const now = performance.now();
      const ms = Math.round(now - last);
      last = now;
      debug(what);
      return ms;
    };
  })();

  // 1. Load and check once.
  const { archive, problems, evaluations } = await checkArchive(root, { today: opts.today, cache: opts.cache });
  const config = archive.config?.data;
  if (!config) throw new BuildError(`records/config.yaml tidak dapat dibaca di ${root}; jalankan npm run check.`);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) log(`⚠ ${errors.length} galat data (berkas bermasalah tidak ditampilkan atau ditampilkan sebagian); jalankan npm run check.`);
  const tCheck = lap('check');

  // 2. Git history once.
  let history: ArchiveHistory | null = null;
  let historyError: string | null = null;
  try {
    history = await readHistory(root, staffIdentities(config));
    if (history.shallow) log('⚠ Riwayat git dangkal (shallow clone): persetujuan sebagian ronde tidak dapat dipastikan.');
  } catch (e) {
    historyError = e instanceof Error ? e.message : String(e);
    log(`⚠ Riwayat git tidak tersedia (${historyError}); status persetujuan ditampilkan "tidak diketahui".`);
  }
  const tHistory = lap('history');

  // 3. Aggregates once.
  const lastRound = archive.rounds.reduce<string | null>((m, r) => (m === null || r.data.date > m ? r.data.date : m), null);
  const asOf = opts.today
    ? { date: opts.today, time: '23:59' }
    : config.demo && lastRound
      ? { date: lastRound, time: '23:59' }
      : { date: todayWib(), time: nowWibTime() };
  const generatedAt = new Date().toISOString();
  const data = buildSiteData({ archive, evaluations, problems, history, historyError, asOf, generatedAt });
  const tModel = lap('model');

  // 4. Output folder and downloads.
  await prepareOutput(out, root);
  const files = new Map<string, ExportLink>();
  await mkdir(join(out, 'unduh'), { recursive: true });
  for (const c of exportChunks(data.entries, { generatedAt, demo: data.model.demo })) {
    const link = files.get(c.name);
    const bytes = Buffer.byteLength(c.text, 'utf8');
    if (link) {
      await appendFile(join(out, 'unduh', c.name), c.text, 'utf8');
      link.bytes += bytes;
      link.rows += c.rows;
    } else {
      await writeFile(join(out, 'unduh', c.name), c.text, 'utf8');
      files.set(c.name, { name: c.name, kind: c.kind, month: c.month, bytes, rows: c.rows });
    }
  }
  // Months in order, the whole archive last (the Unduh page lists them in two tables).
  const downloads = [...files.values()].sort((a, b) => (a.month === null ? 1 : 0) - (b.month === null ? 1 : 0) || (a.month ?? '').localeCompare(b.month ?? ''));
  const tExports = lap('exports');

  // 5. Eleventy, once per language.
  const { default: Eleventy } = (await import(ELEVENTY_MODULE)) as { default: EleventyCtor };
  const base = normalizeBase(opts.base ?? process.env.RONDA_BASE_PATH ?? '');
  let pages = 0;
  for (const [k, lang] of opts.langs.entries()) {
    const prefix = k === 0 ? '' : `/${lang}`;
    const t = SITE_TEXT[lang];
    const charts = localizedCharts(data.model, lang, t);
    const site = {
      lang,
      base,
      prefix,
      alternates: opts.langs.filter((l) => l !== lang).map((l) => ({ lang: l, prefix: l === opts.langs[0] ? '' : `/${l}`, label: SITE_TEXT[l].langName })),
      downloads,
      charts,
    };
    const elev = new Eleventy(SITE_DIR, prefix ? join(out, lang) : out, {
      quietMode: true,
      config: (c: EleventyConfig) => configureEleventy(c, { site, t, model: data.model, roundPage: data.roundPage, lang, copyAssets: k === 0 }),
    });
    pages += countWritten(await elev.write());
    debug(`eleventy ${lang}`);
  }
  const tEleventy = lap('eleventy');

  // 6. Search index.
  if (opts.search !== false) {
    const pagefind = await import('pagefind');
    const { index, errors: e1 } = await pagefind.createIndex({ keepIndexUrl: false });
    if (!index) throw new BuildError(`Pagefind gagal: ${e1.join('; ')}`);
    const added = await index.addDirectory({ path: out });
    if (added.errors.length) throw new BuildError(`Pagefind gagal: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
    if (written.errors.length) throw new BuildError(`Pagefind gagal: ${written.errors.join('; ')}`);
    await pagefind.close();
  }
  const tSearch = lap('search');

  const total = Math.round(performance.now() - t0);
  return {
    rounds: data.model.rounds,
    pages,
    ms: { check: tCheck, history: tHistory, model: tModel, exports: tExports, eleventy: tEleventy, search: tSearch, total },
    problems: { errors: errors.length, warnings: problems.length - errors.length },
    history: history === null ? 'unavailable' : history.shallow ? 'shallow' : 'ok',
  };
}

export class BuildError extends Error {}

function normalizeBase(b: string): string {
  const s = b.trim().replace(/\/+$/, '');
  if (s === '' || s === '/') return '';
  return s.startsWith('/') ? s : `/${s}`;
}

/**
 * Empties the output folder before writing, but only one Ronda wrote (it carries a marker file) or an
 * empty/new one — never the archive itself or an unrelated folder given by mistake.
 */
async function prepareOutput(out: string, root: string): Promise<void> {
  const rel = relative(out, root);
  // The archive root inside (or equal to) the output folder: emptying it would delete the archive.
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    throw new BuildError(`Folder keluaran ${out} berisi arsip; pilih folder lain (mis. _site).`);
  }
  if (existsSync(out)) {
    const entries = await readdir(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new BuildError(`Folder keluaran ${out} tidak kosong dan bukan hasil Ronda; kosongkan atau pilih folder lain.`);
    }
    await rm(out, { recursive: true, force: true });
  }
  await mkdir(out, { recursive: true });
  await writeFile(join(out, MARKER), 'Folder ini dibuat oleh `npm run build` (Ronda) dan dikosongkan setiap build.\n');
}

function countWritten(result: unknown): number {
  if (Array.isArray(result)) return result.flat(2).filter((r) => r && typeof r === 'object' && 'outputPath' in r).length;
  return 0;
}

/** The charts a language needs, rendered once per language before its Eleventy run. */
function localizedCharts(model: SiteModel, lang: Lang, t: SiteText) {
  const labels = t.chart;
  const thresholds = new Map(model.rooms.map((r) => [r.id, r.thresholds]));
  const overview: Record<string, { temp: string; rh: string }> = {};
  for (const tr of model.trends) {
    const th = thresholds.get(tr.room);
    if (!th || tr.recentDaily.length === 0) continue;
    const name = model.names.rooms[tr.room] ?? tr.room;
    overview[tr.room] = {
      temp: temperatureChart(tr.recentDaily, th, lang, labels, labels.tempDailyTitle(name)),
      rh: humidityChart(tr.recentDaily, th, lang, labels, labels.rhDailyTitle(name)),
    };
  }
  const months: Record<string, { temp: string; rh: string }> = {};
  for (const m of model.trendMonths) {
    const th = thresholds.get(m.room);
    if (!th || m.rows.length === 0) continue;
    const name = `${model.names.rooms[m.room] ?? m.room}, ${fmt.formatMonth(m.ym, lang)}`;
    months[m.url] = {
      temp: temperatureChart(m.rows, th, lang, labels, labels.tempDailyTitle(name)),
      rh: humidityChart(m.rows, th, lang, labels, labels.rhDailyTitle(name)),
    };
  }
  return { overview, months };
}

// ---------------------------------------------------------------------------------------------
// Eleventy configuration: templates in site/, everything else given as global data and filters.

interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: any[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(opts: Record<string, unknown>): void;
  setQuietMode(q: boolean): void;
  ignores: { add(glob: string): void };
}

function configureEleventy(
  c: EleventyConfig,
  ctx: { site: Record<string, unknown> & { lang: Lang; base: string; prefix: string }; t: SiteText; model: SiteModel; roundPage: (i: number) => unknown; lang: Lang; copyAssets: boolean },
): void {
  const { lang, site } = ctx;
  c.setTemplateFormats(['njk']);
  // Autoescape is Eleventy's default for Nunjucks; set explicitly so nobody turns it off by accident.
  c.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  c.setQuietMode(true);
  // The site uses no Eleventy collections; keeping pages out of them lets Eleventy drop rendered pages sooner.
  c.addGlobalData('eleventyExcludeFromCollections', true);
  c.addGlobalData('site', site);
  c.addGlobalData('t', ctx.t);
  c.addGlobalData('model', ctx.model);
  // Formatters for JS front matter (page titles); templates use the filters below.
  c.addGlobalData('f', {
    date: (x: string) => fmt.formatDate(x, lang),
    dateLong: (x: string) => fmt.formatDateLong(x, lang),
    month: (x: string) => fmt.formatMonth(x, lang),
    time: (x: string) => fmt.formatTime(x, lang),
  });
  c.addNunjucksGlobal('roundPage', ctx.roundPage);
  if (ctx.copyAssets) c.addPassthroughCopy({ [join(SITE_DIR, 'assets')]: 'assets' });
  else c.ignores.add('assets/**');

  /** Site path → href with base path and language prefix. */
  c.addFilter('href', (p: string) => `${site.base}${site.prefix}${p}`);
  /** Language-neutral files (CSS, downloads, search bundle). */
  c.addFilter('asset', (p: string) => `${site.base}${p}`);
  c.addFilter('num', (x: number | null, d = 1) => fmt.formatNumber(x, lang, d));
  c.addFilter('numl', (x: number | null, d = 2) => fmt.formatNumberLoose(x, lang, d));
  c.addFilter('pct', (x: number | null, d = 1) => fmt.formatPercent(x, lang, d));
  c.addFilter('date', (x: string | null) => fmt.formatDate(x, lang));
  c.addFilter('dateLong', (x: string | null) => fmt.formatDateLong(x, lang));
  c.addFilter('dateShort', (x: string | null) => fmt.formatDateShort(x, lang));
  c.addFilter('month', (x: string | null) => fmt.formatMonth(x, lang));
  c.addFilter('time', (x: string | null) => fmt.formatTime(x, lang));
  c.addFilter('instant', (x: string | null) => fmt.formatInstantWib(x, lang));
  c.addFilter('duration', (x: number | null) => fmt.formatDuration(x, lang));
  c.addFilter('short', (x: string | null) => (typeof x === 'string' ? x.slice(0, 10) : '–'));
  c.addFilter('bytes', (n: number) => (n < 1024 ? `${n} B` : n < 1048576 ? `${fmt.formatNumber(n / 1024, lang, 1)} KB` : `${fmt.formatNumber(n / 1048576, lang, 1)} MB`));
  c.addFilter('ym', (ym: string) => ym.replace('-', '/'));
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(): Promise<void> {
  let values;
  try {
    values = parseArgs({
      options: {
        lang: { type: 'string' },
        root: { type: 'string', default: '.' },
        out: { type: 'string' },
        today: { type: 'string' },
        base: { type: 'string' },
        'no-search': { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\nPemakaian: npm run build -- [--lang id|en] [--root DIR] [--out DIR] [--today YYYY-MM-DD] [--base /path] [--no-search]`);
    process.exit(2);
  }
  if (values.lang !== undefined && !isLang(values.lang)) {
    console.error(`--lang harus id atau en (diberikan: ${values.lang}).`);
    process.exit(2);
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    console.error('--today harus berformat YYYY-MM-DD.');
    process.exit(2);
  }
  const root = resolve(values.root);
  const langs: Lang[] = values.lang ? [values.lang as Lang] : ['id', 'en'];
  try {
    const r = await buildSite({
      root,
      out: values.out ? resolve(values.out) : join(root, '_site'),
      langs,
      today: values.today,
      base: values.base,
      search: !values['no-search'],
      cache: !values['no-cache'],
    });
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `✓ Situs arsip dibangun: ${r.rounds} ronde, ${r.pages} halaman (${langs.join(' + ')}) dalam ${s(r.ms.total)} ` +
        `[periksa ${s(r.ms.check)}, riwayat git ${s(r.ms.history)}, agregat ${s(r.ms.model)}, unduhan ${s(r.ms.exports)}, ` +
        `Eleventy ${s(r.ms.eleventy)}, Pagefind ${s(r.ms.search)}]`,
    );
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`✗ ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
