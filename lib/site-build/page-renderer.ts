/**
 * Renders the pages kept in the content store — one round's forms, one room-month's round list, one
 * room-month's trends — with the site's own templates, filters and layout: the round forms with a
 * TypeScript template (site/_includes/pages/round.ts), the others with Nunjucks.
 * Used on the main thread and in render workers (render-worker.mjs), so it takes only data that can
 * cross a thread (the words are looked up here by language).
 */
import nunjucks from 'nunjucks';
import { htmlWords } from '../../site/_includes/html.ts';
import type { PageContext } from '../../site/_includes/parts.ts';
import { roundPage } from '../../site/_includes/pages/round.ts';
import { SITE_TEXT, type SiteText } from '../i18n/site-strings.ts';
import { hydrateRoundPage, type DeviceSheet, type RoundPage, type RoundPageData } from '../site-data/round-page.ts';
import type { SiteFrame } from '../site-data/site-model.ts';
import { boundFilters, frontMatterFormatters, siteFilters, siteGlobals, type SiteContext } from './site-filters.ts';

export interface RendererSetup {
  includesDir: string;
  /** One site context per language (lang, base, prefix, alternates). */
  sites: (SiteContext & Record<string, unknown>)[];
  /** The page frame, without build stamp and "as of" (stored pages do not show them). */
  frame: SiteFrame;
}

type Formatters = ReturnType<typeof frontMatterFormatters>;
type Names = SiteFrame['names'];

/**
 * The kinds of stored page: the body's template (a Nunjucks file, or a TypeScript function and its
 * module for error messages), the name a Nunjucks template knows its data by, and the page title.
 */
export const STORED_PAGES = {
  round: {
    body: roundPage,
    module: 'site/_includes/pages/round.ts',
    alias: 'r',
    bodyClass: 'doc',
    title: (t: SiteText, f: Formatters, _n: Names, r: RoundPage) => t.round.title(r.room.name, f.date(r.date), r.shift.name),
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
/** What a render worker makes: a page, or a trend chart (a stored file, not a page). */
export type JobKind = StoredPageKind | 'chart';

/** One page that could not be rendered: a template or code fault (bad records are refused by the check before). */
export interface PageFailure {
  /** The page kind; 'chart' for a store file (url is then the file); null when a whole worker stopped. */
  kind: JobKind | null;
  url: string | null;
  /** Index into the renderer's languages; null when a whole worker stopped. */
  lang: number | null;
  /** The first lines of the error: it names the template, line and column (Nunjucks, or tsTemplateError). */
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

/**
 * An error thrown inside a TypeScript template, told like a Nunjucks one: the template module and
 * the line and column in it (of the innermost frame in site/_includes/, else the page's module).
 */
export function tsTemplateError(err: unknown, module: string): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  const frame = /(site\/_includes\/[^\s():]+\.ts):(\d+):(\d+)/.exec(e.stack ?? '');
  const where = frame ? `(${frame[1]}) [baris ${frame[2]}, kolom ${frame[3]}]` : `(${module})`;
  return new Error(`${where} ${e.name}: ${e.message.split('\n')[0]}`, { cause: e });
}

export type PageRenderer = (lang: number, kind: StoredPageKind, url: string, data: any) => string;

/**
 * `sheets`: the device sheets round pages name (round-page.ts), filled by the caller as they arrive —
 * a render worker gets each one as a message before the first page that names it.
 */
export function createPageRenderer(setup: RendererSetup, sheets: ReadonlyMap<string, DeviceSheet> = new Map()): PageRenderer {
  const langs = setup.sites.map((site) => {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(setup.includesDir), {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    });
    for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
    for (const [name, fn] of Object.entries(siteGlobals())) env.addGlobal(name, fn);
    const t = SITE_TEXT[site.lang];
    const f = frontMatterFormatters(site.lang);
    const page: PageContext = { w: htmlWords(t), site, model: setup.frame, f: boundFilters(site) };
    return { env, t, f, page, base: { site, t, model: setup.frame, f, storedPage: true } };
  });
  const sheetOf = (id: string) => sheets.get(id);
  // The languages of a page are rendered one after the other from the same data: hydrated once.
  let last: { given: unknown; page: RoundPage } | null = null;
  const hydrated = (given: RoundPageData): RoundPage => {
    if (last?.given !== given) last = { given, page: hydrateRoundPage(given, sheetOf) };
    return last.page;
  };
  return (k, kind, url, given) => {
    const l = langs[k]!;
    const data = kind === 'round' ? hydrated(given as RoundPageData) : given;
    const p = STORED_PAGES[kind];
    const ctx = { ...l.base, [p.alias]: data, bodyClass: p.bodyClass, page: { url }, title: p.title(l.t, l.f, setup.frame.names, data) };
    let content: string;
    if ('body' in p) {
      try {
        content = p.body(data, l.page, ctx.title);
      } catch (err) {
        throw tsTemplateError(err, p.module);
      }
    } else content = l.env.render(p.template, ctx);
    return l.env.render('layouts/base-body.njk', { ...ctx, content });
  };
}
