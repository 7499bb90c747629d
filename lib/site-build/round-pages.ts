/**
 * Round pages, written outside Eleventy with the same Nunjucks templates and filters.
 *
 * Why: one Eleventy page per round in two languages keeps every rendered page in memory until the run
 * ends (≈30 KB each: 400,000 pages at 200,000 rounds do not fit in 4 GB; Eleventy issue #3948), and it
 * renders every page on every build. Here a page is rendered, stored and forgotten, and a page whose
 * inputs did not change is not rendered at all: each page is stored under the hash of everything it
 * shows (the page data, the site frame, the templates and code), so a rebuild renders only new or
 * changed rounds and links the rest from the store.
 *
 * Pages go to the store first and into the output folder only at `publish()`, after the search
 * index is built: the search indexes the list pages, not 2 × N round forms.
 */
import { copyFileSync, linkSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RoundPage } from '../site-data/round-page.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { hashOf, type ContentStore } from './content-store.ts';
import { RenderPool } from './render-pool.ts';
import { createRoundRenderer, type RendererSetup, type RoundRenderer } from './round-renderer.ts';
import type { SiteContext } from './site-filters.ts';

/** Below this many pages to render, workers' start-up (≈0.4 s) costs more than they save. */
const POOL_AFTER = 300;

export interface RoundPageWriterOptions {
  includesDir: string;
  /** Per language: its site context, and the folder its pages go to (the output folder, or its /en/). */
  languages: { site: SiteContext & Record<string, unknown>; out: string }[];
  /** The frame every page shows. Build time and "as of" are left out of round pages: they would change every page on every build. */
  frame: SiteFrame;
  store: ContentStore;
  /** Hash of the templates and the code that shape a page. */
  fingerprint: string;
  /** Render on worker threads after this many pages rendered inline (default 300; Infinity: never). */
  poolAfter?: number;
}

export class RoundPageWriter {
  private readonly setup: RendererSetup;
  private readonly store: ContentStore;
  private readonly prefixes: string[];
  private readonly outs: string[];
  private readonly poolAfter: number;
  private renderer: RoundRenderer | null = null;
  private pool: RenderPool | null = null;
  /** (store file, output file) pairs waiting for publish(). */
  private readonly pending: [string, string][] = [];
  rendered = 0;
  reused = 0;

  constructor(opts: RoundPageWriterOptions) {
    this.store = opts.store;
    this.poolAfter = opts.poolAfter ?? POOL_AFTER;
    // Footer stamp and "as of" are not shown on a round page (see base-body.njk): not part of its hash.
    const frame = { ...opts.frame, generatedAt: '', asOf: { date: '', time: '' } };
    this.setup = { includesDir: opts.includesDir, sites: opts.languages.map((l) => l.site), frame };
    this.prefixes = opts.languages.map((l) => hashOf('round-page', opts.fingerprint, JSON.stringify({ site: l.site, frame })));
    this.outs = opts.languages.map((l) => l.out);
  }

  /** Stores every language's page of one round (rendering only what the store does not have). */
  write(page: RoundPage): void {
    const data = JSON.stringify(page);
    this.prefixes.forEach((prefix, lang) => {
      const { file, missing } = this.store.reserve(hashOf(prefix, data));
      if (missing) {
        this.rendered++;
        if (this.rendered > this.poolAfter) (this.pool ??= new RenderPool(this.setup)).render(lang, data, file);
        else {
          writeFileSync(`${file}.tmp`, (this.renderer ??= createRoundRenderer(this.setup))(lang, page));
          renameSync(`${file}.tmp`, file);
        }
      } else this.reused++;
      this.pending.push([file, join(this.outs[lang]!, page.url, 'index.html')]);
    });
  }

  /** Waits for the render workers (pages must be complete before they are published or indexed). */
  async finish(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  /** Puts the stored pages into the output folder: hard links (no copy), or moves from a temporary store. */
  async publish(): Promise<number> {
    await this.finish();
    // Every page has a folder of its own under a month folder: make each month folder once, then
    // the page folders without the recursive walk (≈ half the system calls for 2 × N pages).
    const made = new Set<string>();
    for (const [from, to] of this.pending) {
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
    const n = this.pending.length;
    this.pending.length = 0;
    return n;
  }
}
