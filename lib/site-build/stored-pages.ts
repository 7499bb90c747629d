/**
 * The pages there is one of per round or per room and month — a round's forms, a room-month's round
 * list, a room-month's trends — written outside Eleventy with the same Nunjucks templates and filters.
 *
 * Why: Eleventy keeps every rendered page of a run in memory until the run ends (2 × N forms of ≈30 KB
 * do not fit in 4 GB at 200,000 rounds; Eleventy issue #3948) and renders every page on every build.
 * Here a page is rendered, stored and forgotten, and a page whose inputs did not change is not rendered
 * at all: each is filed in the content store under the hash of everything it shows (its data, the
 * site frame, the templates and code), so a rebuild renders only what is new or changed and links the
 * rest from the store.
 *
 * Pages reach the output folder at publish(): the lists before the search index is built, the round
 * forms after it (the search indexes the lists, not 2 × N forms).
 */
import { copyFileSync, linkSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DeviceSheet } from '../site-data/round-page.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { fillStoreFile, hashOf, type ContentStore } from './content-store.ts';
import { drawChart, type ChartSpec } from './chart-files.ts';
import { createPageRenderer, PageRenderError, pageFailure, type PageFailure, type PageRenderer, type RendererSetup, type StoredPageKind } from './page-renderer.ts';
import { RenderPool, type RenderTarget } from './render-pool.ts';
import type { SiteContext } from './site-filters.ts';

/** Below this many pages to render, workers' start-up (≈0.4 s) costs more than they save. */
const POOL_AFTER = 300;
/** A chart costs about as much as this many pages (≈10 ms against ≈0.1–0.3 ms). */
const CHART_WEIGHT = 15;

export interface StoredPageWriterOptions {
  includesDir: string;
  /** Per language: its site context, and the folder its pages go to (the output folder, or its /en/). */
  languages: { site: SiteContext & Record<string, unknown>; out: string }[];
  /** The frame every page shows. Build time and "as of" are left out: they would change every page on every build. */
  frame: SiteFrame;
  store: ContentStore;
  /** Hash of the templates and the code that shape a page. */
  fingerprint: string;
  /** Render on worker threads after this many pages rendered inline (default 300; Infinity: never). */
  poolAfter?: number;
}

/** Published before the search index is built; round forms and the numeric trend pages after it (their words are on the lists and the trend overview). */
const SEARCHED: ReadonlySet<StoredPageKind> = new Set(['room-month']);

export class StoredPageWriter {
  private readonly setup: RendererSetup;
  private readonly store: ContentStore;
  private readonly prefixes: string[];
  private readonly outs: string[];
  private readonly poolAfter: number;
  private renderer: PageRenderer | null = null;
  private pool: RenderPool | null = null;
  /** (store file, output file) pairs waiting for publish(), searched pages and the rest. */
  private readonly pending = { searched: [] as [string, string][], rest: [] as [string, string][] };
  rendered = 0;
  reused = 0;
  /** Work done inline so far, in pages (a chart counts CHART_WEIGHT): past poolAfter the workers take over. */
  private inlineWork = 0;
  /** The device sheets round pages name (see round-page.ts): every renderer gets each of them. */
  private readonly sheets = new Map<string, DeviceSheet>();

  constructor(opts: StoredPageWriterOptions) {
    this.store = opts.store;
    this.poolAfter = opts.poolAfter ?? POOL_AFTER;
    // Footer stamp and "as of" are not shown on a stored page (see base-body.njk): not part of its hash.
    const frame = { ...opts.frame, generatedAt: '', asOf: { date: '', time: '' } };
    this.setup = { includesDir: opts.includesDir, sites: opts.languages.map((l) => l.site), frame };
    this.prefixes = opts.languages.map((l) => hashOf('stored-page', opts.fingerprint, JSON.stringify({ site: l.site, frame })));
    this.outs = opts.languages.map((l) => l.out);
  }

  /**
   * Stores every language's page at site path `url` (rendering only what the store does not have).
   * `data` is what the template gets under its name (r, rm, tm); `perLanguage` adds what differs by language.
   */
  write(kind: StoredPageKind, url: string, data: object, perLanguage?: (lang: number) => object): void {
    const common = perLanguage ? null : JSON.stringify(data);
    // The page data (≈9 KB for a round) is hashed once, not once per language.
    const commonHash = common === null ? null : hashOf(kind, url, common);
    // Languages with the same data go to the workers as one job: the page data is sent and parsed once.
    const shared: RenderTarget[] = [];
    this.prefixes.forEach((prefix, lang) => {
      const pageData = perLanguage ? { ...data, ...perLanguage(lang) } : data;
      const json = common ?? JSON.stringify(pageData);
      const { file, missing } = this.store.reserve(hashOf(prefix, commonHash ?? hashOf(kind, url, json)));
      if (missing) {
        this.rendered++;
        if (this.useWorkers(1)) {
          if (common === null) this.pool!.render({ kind, url, data: json, targets: [{ lang, file }] });
          else shared.push({ lang, file });
        } else this.fillInline(file, { kind, url, lang }, () => (this.renderer ??= createPageRenderer(this.setup, this.sheets))(lang, kind, url, pageData));
      } else this.reused++;
      (SEARCHED.has(kind) ? this.pending.searched : this.pending.rest).push([file, join(this.outs[lang]!, url, 'index.html')]);
    });
    if (shared.length) this.pool!.render({ kind, url, data: common!, targets: shared });
  }

  /** A device sheet that round pages written from now on may name (the build's DeviceSheets announces each once). */
  addSheet(id: string, sheet: DeviceSheet): void {
    this.sheets.set(id, sheet);
    this.pool?.addSheet(id, sheet);
  }

  /**
   * The store file of a trend chart (a page shows it through the `stored` filter), drawn unless the store
   * has it — on the render workers when they run: call drain() before rendering a page that shows it, or
   * drainNeeded() when `needed`.
   */
  chart(key: string, spec: ChartSpec, needed = false): string {
    const { file, missing } = this.store.reserve(key);
    if (!missing) return file;
    if (this.useWorkers(CHART_WEIGHT)) this.pool!.render({ kind: 'chart', url: file, data: JSON.stringify(spec), targets: [{ lang: 0, file }] }, needed);
    else this.fillInline(file, { kind: 'chart', url: file, lang: null }, () => drawChart(spec));
    return file;
  }

  /** Renders on this thread into a store file; a failure names its page (like the workers' failures). */
  private fillInline(file: string, page: Pick<PageFailure, 'kind' | 'url' | 'lang'>, make: () => string): void {
    let text: string;
    try {
      text = make();
    } catch (err) {
      throw new PageRenderError([pageFailure(err, page)]);
    }
    fillStoreFile(file, text);
  }

  /** Waits until every page and chart queued so far is in the store (the workers keep running). */
  async drain(): Promise<void> {
    await this.pool?.drain();
  }

  /** Waits until every chart queued as needed is in the store (pages and other charts may still be rendering). */
  async drainNeeded(): Promise<void> {
    await this.pool?.drainNeeded();
  }

  /** Whether the next piece of work (`weight` pages) goes to the workers, starting them when inline work has grown enough. */
  private useWorkers(weight: number): boolean {
    if (this.pool) return true;
    this.inlineWork += weight;
    if (this.inlineWork <= this.poolAfter) return false;
    this.pool = new RenderPool(this.setup);
    for (const [id, sheet] of this.sheets) this.pool.addSheet(id, sheet);
    return true;
  }

  /** Waits for the render workers (pages must be complete before they are published). */
  async finish(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  /** Stops the render workers at once, on a failing build: nothing more of this build is published. */
  async abort(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.terminate();
  }

  /**
   * Puts stored pages into the output folder — hard links (no copy), or moves from a temporary store:
   * 'searched' the lists (before the search index), 'rest' the round forms.
   */
  async publish(which: keyof StoredPageWriter['pending']): Promise<number> {
    await this.finish();
    const list = this.pending[which];
    // Every page has a folder of its own: make each parent folder once, then the page folders
    // without the recursive walk (≈ half the system calls for 2 × N pages).
    const made = new Set<string>();
    for (const [from, to] of list) {
      const dir = dirname(to);
      const parent = dirname(dir);
      if (!made.has(parent)) {
        mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      try {
        mkdirSync(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      if (!this.store.persistent) renameSync(from, to);
      else {
        try {
          linkSync(from, to);
        } catch {
          copyFileSync(from, to); // another file system, or links not allowed
        }
      }
    }
    const n = list.length;
    list.length = 0;
    return n;
  }
}
