/**
 * `npm run build [-- --lang id|en] [--root DIR] [--out DIR] [--today YYYY-MM-DD] [--base /path] [--no-search] [--previous integritas.json] [--forge-times waktu-forge.json]`
 *
 * Builds the static archive site into _site/:
 *   1. load + check the archive ONCE (checkArchive: it also evaluates every round once),
 *   2. read git history ONCE (readHistory); a folder that is not a git repository, or a shallow clone,
 *      still builds — approval then shows as unknown ("riwayat tidak lengkap"),
 *   3. go through the rounds ONCE, room by room (lib/site-data: buildSiteData): each round is evaluated
 *      once, its forms stored (lib/site-build/stored-pages.ts: rendered only when new or changed) and its
 *      download rows written as room-month parts; only small rows and aggregates outlive the room; then
 *      each room-month's round list and trends are stored the same way,
 *   4. assemble the downloads (CSV/JSON per month and whole) in _site/unduh/ from those parts,
 *   5. run Eleventy programmatically per language for every other page, with the aggregates as global data,
 *   6. link the stored lists into _site and index the site with Pagefind (its one piece of client JS: search),
 *   7. link the round forms into _site once the index holds its pages, while Pagefind writes its files
 *      (search leads to the lists, not 2 × N forms).
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
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkArchive } from '../lib/check.ts';
import { VerificationStore } from '../lib/git/verification-store.ts';
import { comparePublished, integrityFile, integrityIssues, integrityProblems, type IntegrityFile, type IntegrityIssue } from '../lib/git/archive-integrity.ts';
import { problemText } from '../lib/i18n/problem-messages.ts';
import { readHistory, TrustAnchorError, type ArchiveHistory } from '../lib/git/history.ts';
import { SignatureToolError } from '../lib/git/signatures.ts';
import { isLang, type Lang } from '../lib/i18n/lang.ts';
import { SITE_TEXT, type SiteText } from '../lib/i18n/site-strings.ts';
import * as fmt from '../lib/format/index.ts';
import { nowWibTime, todayWib } from '../lib/time.ts';
import { ForgeTimesError, parseForgeTimes, type ForgeTimes } from '../lib/timing/forge-times.ts';
import { CACHE_DIR } from '../lib/load/record-cache.ts';
import { PAGE_CODE, sourceFingerprint } from '../lib/load/fingerprint.ts';
import { ContentStore, hashOf } from '../lib/site-build/content-store.ts';
import { DamagedPartError, ExportParts } from '../lib/site-build/export-parts.ts';
import { StoredPageWriter } from '../lib/site-build/stored-pages.ts';
import { PageRenderError, type JobKind } from '../lib/site-build/page-renderer.ts';
import { frontMatterFormatters, siteFilters, siteGlobals, type SiteContext } from '../lib/site-build/site-filters.ts';
import { DeviceSheets } from '../lib/site-data/round-page.ts';
import { buildSiteData, siteFrame, type SiteModel } from '../lib/site-data/site-model.ts';
import type { ChartSpec } from '../lib/site-build/chart-files.ts';
import type { ExportLink } from '../lib/site-data/exports.ts';

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
  /** Round pages rendered inline before the render workers start (tests; default 300). */
  renderPoolAfter?: number;
  /** The integrity file the previous publication carried (lib/git/archive-integrity.ts), to prove nothing published was lost. */
  previous?: IntegrityFile | null;
  /** The forge's record of pull requests (lib/timing/forge-times.ts): the only times SOP archiving is judged on. */
  forgeTimes?: ForgeTimes | null;
}

export interface BuildReport {
  rounds: number;
  pages: number;
  /** `search` is the whole of Pagefind's run; `publish` (linking the round forms) happens during it when there is an index. */
  ms: { check: number; history: number; model: number; exports: number; eleventy: number; search: number; publish: number; total: number };
  /** Stored pages (round forms, room-month lists and trends) rendered in this build, and taken unchanged from the store. */
  storedPages: { rendered: number; reused: number };
  problems: { errors: number; warnings: number };
  history: 'ok' | 'shallow' | 'unavailable';
  /** Approved records changed or deleted without approval, and what the previous publication had that this history lost. */
  integrity: IntegrityIssue[];
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
  try {
    return await buildSiteUnchecked(opts);
  } catch (e) {
    // A page that cannot be rendered is a template or code fault, never bad data (the check refuses
    // bad records first): say so in the admin's words, naming the page and the template's own message.
    if (e instanceof PageRenderError) throw new BuildError(pageRenderMessage(e, opts.langs));
    if (e instanceof DamagedPartError) {
      throw new BuildError(
        `Berkas cache unduhan rusak (terpotong): ${relative(resolve(opts.root), e.file)}. Berkas itu sudah dihapus; ` +
          'jalankan npm run build sekali lagi (bagian unduhan itu dibuat ulang). Data arsip tidak terpengaruh.',
      );
    }
    throw e;
  }
}

async function buildSiteUnchecked(opts: BuildOptions): Promise<BuildReport> {
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

  // Phases 1–3 run in their own scope: the archive, its history and the check's results are released
  // when it returns (at 200,000 rounds ≈0.6 GB), before Eleventy needs the memory.
  const prepared = await (async () => {
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
      // Verdicts kept between builds (only this command writes them; lib/git/verification-store.ts).
      const store = opts.cache === false ? undefined : VerificationStore.open(root, { write: true });
      history = await readHistory(root, { trustAnchor: process.env.RONDA_TRUST_ANCHOR || undefined, store });
      store?.save();
      history.forge = opts.forgeTimes ?? null;
      if (history.shallow) log('⚠ Riwayat git dangkal (shallow clone): persetujuan sebagian ronde tidak dapat dipastikan.');
    } catch (e) {
      // A history that does not start from the pinned anchor, or signatures that cannot be checked, must
      // stop the build: publishing would show forged approvals, or every approval as missing.
      if (e instanceof TrustAnchorError || e instanceof SignatureToolError) throw new BuildError(e.message);
      historyError = e instanceof Error ? e.message : String(e);
      log(`⚠ Riwayat git tidak tersedia (${historyError}); status persetujuan ditampilkan "tidak diketahui".`);
    }
    const tHistory = lap('history');
    const integrity = history ? [...integrityIssues(history), ...(opts.previous ? await comparePublished(root, history, opts.previous) : [])] : [];
    for (const i of integrity) log(`⚠ ${problemText(integrityProblems([i])[0]!, 'id').message}: ${i.path}`);

    // 3. Room by room: aggregates, round pages (stored, published after the search index), downloads.
    const lastRound = archive.rounds.reduce<string | null>((m, r) => (m === null || r.data.date > m ? r.data.date : m), null);
    const asOf = opts.today
      ? { date: opts.today, time: '23:59' }
      : config.demo && lastRound
        ? { date: lastRound, time: '23:59' }
        : { date: todayWib(), time: nowWibTime() };
    const generatedAt = new Date().toISOString();
    await prepareOutput(out, root);
    const base = normalizeBase(opts.base ?? process.env.RONDA_BASE_PATH ?? '');
    const sites = opts.langs.map((lang, k) => ({
      lang,
      base,
      prefix: k === 0 ? '' : `/${lang}`,
      alternates: opts.langs.filter((l) => l !== lang).map((l) => ({ lang: l, prefix: l === opts.langs[0] ? '' : `/${l}`, label: SITE_TEXT[l].langName })),
    }));
    const inputs = { archive, evaluations, problems, history, historyError, asOf, generatedAt, integrity };
    // Round pages, charts and download parts are kept under the hash of their inputs (docs/performance.md).
    const store = new ContentStore(opts.cache === false ? null : join(root, CACHE_DIR, 'site-v1'));
    const fingerprint = sourceFingerprint(PAGE_CODE);
    const storedPages = new StoredPageWriter({
      includesDir: join(SITE_DIR, '_includes'),
      languages: sites.map((site) => ({ site, out: join(out, site.prefix) })),
      frame: siteFrame(inputs),
      store,
      fingerprint,
      poolAfter: opts.renderPoolAfter,
    });
    const parts = new ExportParts(join(out, 'unduh'), store, fingerprint);
    const evaluationContext = JSON.stringify([config.thresholds ?? null, archive.checklists?.data ?? null]);
    let data: ReturnType<typeof buildSiteData>;
    let overviewCharts: ChartFiles[];
    let monthCharts: ChartFiles[];
    let downloads: ExportLink[];
    try {
      data = buildSiteData(inputs, (room) => {
        const context = hashOf(evaluationContext, JSON.stringify(archive.rooms.get(room.room)?.data ?? null));
        // Month by month, so the main thread makes a month's download rows while the workers render its forms.
        const { entries } = room;
        for (let i = 0; i < entries.length; ) {
          let j = i;
          while (j < entries.length && entries[j]!.ym === entries[i]!.ym) storedPages.write('round', entries[j]!.url, room.page(j++));
          parts.add(entries.slice(i, j), context);
          i = j;
        }
      }, new DeviceSheets((id, sheet) => storedPages.addSheet(id, sheet)));
      // Per room and month: the round list and the trends (with each language's charts). The overview's
      // charts go first: Eleventy waits for them, not for the months' (the workers draw those meanwhile).
      const model = data.model;
      overviewCharts = sites.map((site) => localizedCharts('overview', model, site.lang, SITE_TEXT[site.lang], storedPages, fingerprint));
      monthCharts = sites.map((site) => localizedCharts('months', model, site.lang, SITE_TEXT[site.lang], storedPages, fingerprint));
      const roomLinks = new Map(model.months.map((m) => [m.ym, m.rooms]));
      for (const rm of model.roomMonths) storedPages.write('room-month', rm.url, { ...rm, roomLinks: roomLinks.get(rm.ym) ?? [] });
    } catch (e) {
      await storedPages.abort(); // no worker left running behind a failed build
      throw e;
    }
    const tModel = lap('model');

    return {
      data,
      parts,
      storedPages,
      overviewCharts,
      monthCharts,
      store,
      sites,
      generatedAt,
      problems: { errors: errors.length, warnings: problems.length - errors.length },
      history: (history === null ? 'unavailable' : history.shallow ? 'shallow' : 'ok') as BuildReport['history'],
      integrity,
      integrityFile: history ? integrityFile(history) : null,
      ms: { check: tCheck, history: tHistory, model: tModel },
    };
  })();
  const { data, parts, storedPages, overviewCharts, monthCharts, store, sites, generatedAt } = prepared;
  // What the next build checks its history against (published with the site).
  if (prepared.integrityFile) writeFileSync(join(out, INTEGRITY_FILE), `${JSON.stringify(prepared.integrityFile)}\n`);

  // From here the render workers draw the months' charts while this thread assembles the downloads and
  // runs Eleventy; a failure stops them before it propagates.
  let downloads: ExportLink[];
  let tExports: number;
  let tEleventy: number;
  let pages = 0;
  try {
    // 4. Downloads: the room-month parts assembled into month and whole-archive files.
    await storedPages.drainNeeded(); // the overview's charts, for Eleventy
    downloads = parts.assemble({ generatedAt, demo: data.model.demo });
    tExports = lap('exports');

    // 5. Eleventy, once per language: every page but the stored ones.
    const { default: Eleventy } = (await import(ELEVENTY_MODULE)) as { default: EleventyCtor };
    for (const [k, site] of sites.entries()) {
      const t = SITE_TEXT[site.lang];
      const elev = new Eleventy(SITE_DIR, join(out, site.prefix), {
        quietMode: true,
        config: (c: EleventyConfig) => configureEleventy(c, { site: { ...site, downloads, charts: { overview: overviewCharts[k]! } }, t, model: data.model, copyAssets: k === 0 }),
      });
      pages += countWritten(await elev.write());
      debug(`eleventy ${site.lang}`);
    }
    tEleventy = lap('eleventy');

    // The room-months' trend pages show their charts: those must be in the store first.
    await storedPages.drain();
    for (const tm of data.model.trendMonths) storedPages.write('trend-month', tm.url, tm, (k) => ({ charts: monthCharts[k]![tm.url] ?? null }));
    await storedPages.finish();
  } catch (e) {
    await storedPages.abort();
    throw e;
  }
  const tTrends = lap('trend pages');

  // 6. The stored room-month pages, then the search index over everything but the round forms.
  pages += await storedPages.publish('searched');
  let tSearch = 0;
  let tPublish = 0;
  const publishForms = async () => {
    const t = performance.now();
    pages += await storedPages.publish('rest');
    tPublish = Math.round(performance.now() - t);
    debug('publish');
  };
  if (opts.search !== false) {
    const t = performance.now();
    const pagefind = await import('pagefind');
    try {
      const { index, errors: e1 } = await pagefind.createIndex({ keepIndexUrl: false });
      if (!index) throw new BuildError(`Pagefind gagal: ${e1.join('; ')}`);
      const added = await index.addDirectory({ path: out });
      if (added.errors.length) throw new BuildError(`Pagefind gagal: ${added.errors.join('; ')}`);
      // 7. The index now holds its pages: the round forms go into the output folder (see
      // lib/site-build/stored-pages.ts) while Pagefind's own process writes the index files.
      const writing = index.writeFiles({ outputPath: join(out, 'pagefind') });
      writing.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
      await publishForms();
      const written = await writing;
      if (written.errors.length) throw new BuildError(`Pagefind gagal: ${written.errors.join('; ')}`);
    } finally {
      await pagefind.close(); // its process ends with the build, failed or not
    }
    tSearch = Math.round(performance.now() - t);
  } else await publishForms();
  lap('search');
  store.prune();

  const total = Math.round(performance.now() - t0);
  return {
    rounds: data.model.rounds,
    pages,
    ms: { ...prepared.ms, model: prepared.ms.model + tTrends, exports: tExports, eleventy: tEleventy, search: tSearch, publish: tPublish, total },
    storedPages: { rendered: storedPages.rendered, reused: storedPages.reused },
    problems: prepared.problems,
    history: prepared.history,
    integrity: prepared.integrity,
  };
}

/** The integrity file's name in the published site. */
export const INTEGRITY_FILE = 'integritas.json';

/** The previous publication's integrity file, from a path or a URL (the published site's own). */
export async function readPrevious(from: string): Promise<IntegrityFile | null> {
  let text: string;
  if (/^https?:\/\//.test(from)) {
    const res = await fetch(from);
    if (res.status === 404) return null; // nothing published yet: the first build
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = await res.text();
  } else text = readFileSync(resolve(from), 'utf8');
  const f = JSON.parse(text) as IntegrityFile;
  if (f?.version !== 1 || typeof f.approved !== 'object') throw new BuildError(`${from}: bukan berkas integritas Ronda (${INTEGRITY_FILE}).`);
  return f;
}

export class BuildError extends Error {}

const PAGE_KIND_NAMES: Record<JobKind, string> = {
  round: 'formulir ronde',
  'room-month': 'daftar ronde ruang per bulan',
  'trend-month': 'tren ruang per bulan',
  chart: 'grafik tren',
};

/** The admin-facing account of pages that failed to render (Indonesian, like every build message). */
export function pageRenderMessage(e: PageRenderError, langs: readonly Lang[]): string {
  const pages = e.failures.filter((f) => f.url !== null);
  const first = pages[0] ?? e.failures[0];
  const where = first?.url
    ? `halaman ${first.url} (${first.lang === null ? '?' : (langs[first.lang] ?? first.lang)}${first.kind ? `, ${PAGE_KIND_NAMES[first.kind]}` : ''})`
    : 'pekerja render berhenti';
  const more = pages.length > 1 ? ` (dan ${pages.length - 1} halaman lain)` : '';
  return (
    `Halaman situs gagal dibuat: ${where}${more}: ${first?.message ?? 'tanpa keterangan'}\n` +
    '  Ini kesalahan templat atau kode situs, bukan data arsip (data sudah lolos pemeriksaan). ' +
    'Build berhenti; folder keluaran tidak lengkap dan jangan diterbitkan. Laporkan pesan ini ke pengembang (npm test menunjukkan templat yang rusak).'
  );
}

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

type ChartFiles = Record<string, { temp: string; rh: string }>;

/**
 * The charts a language needs, drawn once per language (on the render workers when they run): the
 * overview's ('overview', needed by Eleventy's trend page: drainNeeded) or the room-months' ('months',
 * needed by the stored trend pages: drain).
 */
function localizedCharts(which: 'overview' | 'months', model: SiteModel, lang: Lang, t: SiteText, pages: StoredPageWriter, fingerprint: string): ChartFiles {
  const labels = t.chart;
  // An ECharts SVG costs ≈10 ms; a chart is drawn again only when its rows, bands or words change.
  // The pages get the stored file's path (read by the `stored` filter when a page is rendered), so
  // thousands of charts are never all held in memory as global data.
  const chart = (kind: 'temp' | 'rh', rows: ChartSpec['rows'], th: ChartSpec['thresholds'], title: string) =>
    pages.chart(hashOf('chart', fingerprint, lang, kind, title, JSON.stringify(rows), JSON.stringify(th)), { chart: kind, lang, title, rows, thresholds: th }, which === 'overview');
  const thresholds = new Map(model.rooms.map((r) => [r.id, r.thresholds]));
  const files: ChartFiles = {};
  if (which === 'overview') {
    for (const tr of model.trends) {
      const th = thresholds.get(tr.room);
      if (!th || tr.recentDaily.length === 0) continue;
      const name = model.names.rooms[tr.room] ?? tr.room;
      files[tr.room] = { temp: chart('temp', tr.recentDaily, th, labels.tempDailyTitle(name)), rh: chart('rh', tr.recentDaily, th, labels.rhDailyTitle(name)) };
    }
    return files;
  }
  for (const m of model.trendMonths) {
    const th = thresholds.get(m.room);
    if (!th || m.rows.length === 0) continue;
    const name = `${model.names.rooms[m.room] ?? m.room}, ${fmt.formatMonth(m.ym, lang)}`;
    files[m.url] = { temp: chart('temp', m.rows, th, labels.tempDailyTitle(name)), rh: chart('rh', m.rows, th, labels.rhDailyTitle(name)) };
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Eleventy configuration: templates in site/, everything else given as global data and filters.

interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: any[]) => unknown): void;
  addNunjucksGlobal(name: string, fn: (...args: any[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setTemplateFormats(formats: string[]): void;
  setNunjucksEnvironmentOptions(opts: Record<string, unknown>): void;
  setQuietMode(q: boolean): void;
  ignores: { add(glob: string): void };
}

function configureEleventy(
  c: EleventyConfig,
  ctx: { site: SiteContext & Record<string, unknown>; t: SiteText; model: SiteModel; copyAssets: boolean },
): void {
  c.setTemplateFormats(['njk']);
  // Autoescape is Eleventy's default for Nunjucks; set explicitly so nobody turns it off by accident.
  c.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  c.setQuietMode(true);
  // The site uses no Eleventy collections; keeping pages out of them lets Eleventy drop rendered pages sooner.
  c.addGlobalData('eleventyExcludeFromCollections', true);
  c.addGlobalData('site', ctx.site);
  c.addGlobalData('t', ctx.t);
  c.addGlobalData('model', ctx.model);
  c.addGlobalData('f', frontMatterFormatters(ctx.site.lang));
  if (ctx.copyAssets) c.addPassthroughCopy({ [join(SITE_DIR, 'assets')]: 'assets' });
  else c.ignores.add('assets/**');
  // The same filters and globals as the stored pages' renderer (lib/site-build/site-filters.ts).
  for (const [name, fn] of Object.entries(siteFilters())) c.addFilter(name, fn);
  for (const [name, fn] of Object.entries(siteGlobals())) c.addNunjucksGlobal(name, fn);
}

// ---------------------------------------------------------------------------------------------
// Command line

/** The one line a finished build prints (also by `npm start`). */
export function buildSummary(r: BuildReport, langs: readonly Lang[]): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return (
    `✓ Situs arsip dibangun: ${r.rounds} ronde, ${r.pages} halaman (${langs.join(' + ')}) dalam ${s(r.ms.total)} ` +
    `[periksa ${s(r.ms.check)}, riwayat git ${s(r.ms.history)}, agregat ${s(r.ms.model)}, unduhan ${s(r.ms.exports)}, ` +
    `Eleventy ${s(r.ms.eleventy)}, Pagefind ${s(r.ms.search)}]`
  );
}

/** The first build has no previous publication; one that cannot be read stops the build (it may be the attack). */
async function previousIntegrity(from: string | undefined): Promise<IntegrityFile | null> {
  if (!from) return null;
  try {
    return await readPrevious(from);
  } catch (e) {
    if (e instanceof BuildError) throw e;
    throw new BuildError(`Berkas integritas terbitan sebelumnya tidak dapat dibaca dari ${from}: ${(e as Error).message}. Periksa alamatnya; build dihentikan agar riwayat yang ditulis ulang tidak terbit tanpa diperiksa.`);
  }
}

/** The forge's pull-request times, when the workflow fetched them; a file that cannot be read stops the build. */
export async function readForgeTimes(from: string | undefined): Promise<ForgeTimes | null> {
  if (!from) return null;
  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (e) {
    throw new BuildError(`Berkas waktu forge ${from} tidak dapat dibaca (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Periksa langkah "waktu forge" di workflow, atau bangun tanpa --forge-times (waktu pengarsipan lalu tidak dinilai).`);
  }
  try {
    return parseForgeTimes(text, from);
  } catch (e) {
    if (e instanceof ForgeTimesError) throw new BuildError(e.message);
    throw e;
  }
}

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
        previous: { type: 'string' },
        'forge-times': { type: 'string' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\nPemakaian: npm run build -- [--lang id|en] [--root DIR] [--out DIR] [--today YYYY-MM-DD] [--base /path] [--no-search] [--previous integritas.json] [--forge-times waktu-forge.json]`);
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
      previous: await previousIntegrity(values.previous ?? process.env.RONDA_PREVIOUS_INTEGRITY),
      forgeTimes: await readForgeTimes(values['forge-times'] ?? (process.env.RONDA_FORGE_TIMES || undefined)),
    });
    console.log(buildSummary(r, langs));
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`✗ ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
