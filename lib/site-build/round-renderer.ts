/**
 * Renders one round page (pages/round.njk inside the site layout) with the site's own Nunjucks
 * templates and filters. Used on the main thread and in render workers (render-worker.mjs), so it
 * takes only data that can cross a thread (the words are looked up here by language).
 */
import nunjucks from 'nunjucks';
import { SITE_TEXT } from '../i18n/site-strings.ts';
import type { RoundPage } from '../site-data/round-page.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { frontMatterFormatters, siteFilters, type SiteContext } from './site-filters.ts';

export interface RendererSetup {
  includesDir: string;
  /** One site context per language (lang, base, prefix, alternates). */
  sites: (SiteContext & Record<string, unknown>)[];
  /** The page frame, without build stamp and "as of" (round pages do not show them). */
  frame: SiteFrame;
}

export type RoundRenderer = (lang: number, page: RoundPage) => string;

export function createRoundRenderer(setup: RendererSetup): RoundRenderer {
  const langs = setup.sites.map((site) => {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(setup.includesDir), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
    for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
    const t = SITE_TEXT[site.lang];
    const f = frontMatterFormatters(site.lang);
    return { env, t, f, base: { site, t, model: setup.frame, f, bodyClass: 'doc', roundDocument: true } };
  });
  return (k, r) => {
    const l = langs[k]!;
    const ctx = { ...l.base, r, page: { url: r.url }, title: l.t.round.title(r.room.name, l.f.date(r.date), r.shift.name) };
    const content = l.env.render('pages/round.njk', ctx);
    return l.env.render('layouts/base-body.njk', { ...ctx, content });
  };
}
