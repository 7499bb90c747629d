/**
 * Renders the pages kept in the content store — one round's forms, one room-month's round list, one
 * room-month's trends — with the site's own Nunjucks templates and filters, inside the site layout.
 * Used on the main thread and in render workers (render-worker.mjs), so it takes only data that can
 * cross a thread (the words are looked up here by language).
 */
import nunjucks from 'nunjucks';
import { SITE_TEXT, type SiteText } from '../i18n/site-strings.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { frontMatterFormatters, siteFilters, type SiteContext } from './site-filters.ts';

export interface RendererSetup {
  includesDir: string;
  /** One site context per language (lang, base, prefix, alternates). */
  sites: (SiteContext & Record<string, unknown>)[];
  /** The page frame, without build stamp and "as of" (stored pages do not show them). */
  frame: SiteFrame;
}

type Formatters = ReturnType<typeof frontMatterFormatters>;
type Names = SiteFrame['names'];

/** The kinds of stored page: template, the name the template knows its data by, and the page title. */
export const STORED_PAGES = {
  round: {
    template: 'pages/round.njk',
    alias: 'r',
    bodyClass: 'doc',
    title: (t: SiteText, f: Formatters, _n: Names, r: { room: { name: string }; date: string; shift: { name: string } }) => t.round.title(r.room.name, f.date(r.date), r.shift.name),
  },
  'room-month': {
    template: 'pages/rounds-room-month.njk',
    alias: 'rm',
    bodyClass: '',
    title: (t: SiteText, f: Formatters, n: Names, rm: { room: string; ym: string }) => t.rounds.roomMonthTitle(n.rooms[rm.room] ?? rm.room, f.month(rm.ym)),
  },
  'trend-month': {
    template: 'pages/trends-month.njk',
    alias: 'tm',
    bodyClass: '',
    title: (t: SiteText, f: Formatters, n: Names, tm: { room: string; ym: string }) => t.trends.monthTitle(n.rooms[tm.room] ?? tm.room, f.month(tm.ym)),
  },
} as const;

export type StoredPageKind = keyof typeof STORED_PAGES;

/** One page that could not be rendered: a template or code fault (bad records are refused by the check before). */
export interface PageFailure {
  /** The page kind, 'chart' for a trend chart (url is then its store file), null when a whole worker stopped. */
  kind: StoredPageKind | 'chart' | null;
  url: string | null;
  /** Index into the renderer's languages; null when a whole worker stopped. */
  lang: number | null;
  /** The first lines of the error: Nunjucks names the template, line and column there. */
  message: string;
}

/** Pages that failed to render, collected from the inline renderer or the render workers. */
export class PageRenderError extends Error {
  constructor(readonly failures: PageFailure[]) {
    super(`${failures.length} stored page(s) failed to render; first: ${failures[0]?.url ?? '?'}: ${failures[0]?.message ?? ''}`);
  }
}

/** The failure record of an error thrown while rendering one page. */
export function pageFailure(err: unknown, page: Pick<PageFailure, 'kind' | 'url' | 'lang'>): PageFailure {
  const e = err as { message?: unknown } | null;
  return { ...page, message: templateErrorText(typeof e?.message === 'string' ? e.message : String(err)) };
}

/**
 * A Nunjucks error in a reader's terms: one line, the template as a repository path, and its line and
 * column counted from 1 (Nunjucks counts them from 0: "[Line 2, Column 21]" is line 3).
 */
export function templateErrorText(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ')
    .replace(/\[Line (\d+), Column (\d+)\]/g, (_, line: string, col: string) => `[baris ${Number(line) + 1}, kolom ${Number(col) + 1}]`)
    .replace(/\((?:[^()]*\/)?(site\/_includes\/[^()]+)\)/g, '($1)')
    .replace(/^(\([^()]+\)) Template render error: \1 /, '$1 ');
}
export type PageRenderer = (lang: number, kind: StoredPageKind, url: string, data: any) => string;

export function createPageRenderer(setup: RendererSetup): PageRenderer {
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
    return { env, t, f, base: { site, t, model: setup.frame, f, storedPage: true } };
  });
  return (k, kind, url, data) => {
    const l = langs[k]!;
    const p = STORED_PAGES[kind];
    const ctx = { ...l.base, [p.alias]: data, bodyClass: p.bodyClass, page: { url }, title: p.title(l.t, l.f, setup.frame.names, data) };
    const content = l.env.render(p.template, ctx);
    return l.env.render('layouts/base-body.njk', { ...ctx, content });
  };
}
