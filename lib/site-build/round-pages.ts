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
import { copyFileSync, linkSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import type { SiteText } from '../i18n/site-strings.ts';
import type { RoundPage } from '../site-data/round-page.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { hashOf, type ContentStore } from './content-store.ts';
import { frontMatterFormatters, siteFilters, type SiteContext } from './site-filters.ts';

export interface RoundPageLanguage {
  site: SiteContext & Record<string, unknown>;
  t: SiteText;
  /** Folder this language's pages are written under (the output folder, or its /en/). */
  out: string;
}

export interface RoundPageWriterOptions {
  includesDir: string;
  languages: RoundPageLanguage[];
  /** The frame every page shows. Build time and "as of" are left out of round pages: they would change every page on every build. */
  frame: SiteFrame;
  store: ContentStore;
  /** Hash of the templates and the code that shape a page. */
  fingerprint: string;
}

interface Lang {
  env: nunjucks.Environment;
  base: Record<string, unknown>;
  /** Hash of everything a page of this language shows besides its own data. */
  prefix: string;
  out: string;
}

export class RoundPageWriter {
  private readonly langs: Lang[];
  private readonly store: ContentStore;
  /** (store file, output file) pairs waiting for publish(). */
  private readonly pending: [string, string][] = [];
  rendered = 0;
  reused = 0;

  constructor(opts: RoundPageWriterOptions) {
    this.store = opts.store;
    // Footer stamp and "as of" are not shown on a round page (see base-body.njk): not part of its hash.
    const frame = { ...opts.frame, generatedAt: '', asOf: { date: '', time: '' } };
    this.langs = opts.languages.map((l) => {
      const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(opts.includesDir), {
        autoescape: true,
        throwOnUndefined: false,
        trimBlocks: true,
        lstripBlocks: true,
      });
      for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
      const base = { site: l.site, t: l.t, model: frame, f: frontMatterFormatters(l.site.lang), bodyClass: 'doc', roundDocument: true };
      const prefix = hashOf('round-page', opts.fingerprint, JSON.stringify({ site: l.site, frame }));
      return { env, base, prefix, out: l.out };
    });
  }

  /** Stores every language's page of one round (rendering only what the store does not have). */
  write(page: RoundPage): void {
    const data = JSON.stringify(page);
    for (const l of this.langs) {
      let made = false;
      const file = this.store.ensure(hashOf(l.prefix, data), () => ((made = true), this.render(l, page)));
      if (made) this.rendered++;
      else this.reused++;
      this.pending.push([file, join(l.out, page.url, 'index.html')]);
    }
  }

  private render(l: Lang, r: RoundPage): string {
    const t = l.base.t as SiteText;
    const f = l.base.f as ReturnType<typeof frontMatterFormatters>;
    const ctx = { ...l.base, r, page: { url: r.url }, title: t.round.title(r.room.name, f.date(r.date), r.shift.name) };
    const content = l.env.render('pages/round.njk', ctx);
    return l.env.render('layouts/base-body.njk', { ...ctx, content });
  }

  /** Puts the stored pages into the output folder: hard links (no copy), or moves from a temporary store. */
  publish(): number {
    for (const [from, to] of this.pending) {
      mkdirSync(dirname(to), { recursive: true });
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
