/**
 * The template filters and globals of the site, one table for both renderers: Eleventy (every list and
 * overview page) and the stored-page renderer (lib/site-build/page-renderer.ts), so a page looks the
 * same whichever wrote it; and the same filters bound to a language for the TypeScript templates.
 */
import { readFileSync } from 'node:fs';
import nunjucks from 'nunjucks';
import { htmlWords, raw, type Html } from '../../site/_includes/html.ts';
import { PARTS, type PageContext, type PartName } from '../../site/_includes/parts.ts';
import * as fmt from '../format/index.ts';
import type { Lang } from '../i18n/lang.ts';
import { SITE_TEXT } from '../i18n/site-strings.ts';
import type { SiteFrame } from '../site-data/site-model.ts';

export interface SiteContext {
  lang: Lang;
  /** Sub-path the site is served under ('' or '/path'). */
  base: string;
  /** Language prefix of page links ('' for the first language, '/en' for the others). */
  prefix: string;
}

type FilterThis = { ctx?: { site?: SiteContext } };
type Filter = (this: FilterThis, ...args: any[]) => unknown;

/**
 * The filters read language, base and prefix from the page's own `site` data (`this.ctx`), never
 * from a closure: Eleventy keeps filters registered by the first run in the same process, so a
 * closure over the first language would format and link the second language's pages as the first.
 */
export function siteFilters() {
  const site = (self: FilterThis): SiteContext => {
    const s = self?.ctx?.site;
    if (!s) throw new Error('site filters need `site` in the template data');
    return s;
  };
  const lang = (self: FilterThis) => site(self).lang;
  return {
    /** Site path → href with base path and language prefix. */
    href(p: string) { const s = site(this); return `${s.base}${s.prefix}${p}`; },
    /** Language-neutral files (CSS, downloads, search bundle). */
    asset(p: string) { return `${site(this).base}${p}`; },
    num(x: number | null, d: number = 1) { return fmt.formatNumber(x, lang(this), d); },
    numl(x: number | null, d: number = 2) { return fmt.formatNumberLoose(x, lang(this), d); },
    pct(x: number | null, d: number = 1) { return fmt.formatPercent(x, lang(this), d); },
    date(x: string | null) { return fmt.formatDate(x, lang(this)); },
    dateLong(x: string | null) { return fmt.formatDateLong(x, lang(this)); },
    dateShort(x: string | null) { return fmt.formatDateShort(x, lang(this)); },
    month(x: string | null) { return fmt.formatMonth(x, lang(this)); },
    time(x: string | null) { return fmt.formatTime(x, lang(this)); },
    instant(x: string | null) { return fmt.formatInstantWib(x, lang(this)); },
    duration(x: number | null) { return fmt.formatDuration(x, lang(this)); },
    short(x: string | null) { return typeof x === 'string' ? x.slice(0, 10) : '–'; },
    bytes(n: number) {
      const l = lang(this);
      return n < 1024 ? `${n} B` : n < 1048576 ? `${fmt.formatNumber(n / 1024, l, 1)} KB` : `${fmt.formatNumber(n / 1048576, l, 1)} MB`;
    },
    ym(ym: string) { return ym.replace('-', '/'); },
    /**
     * The items whose `attr` equals `value` (null included). Nunjucks' own selectattr takes no test:
     * `selectattr('status', 'equalto', 'terbuka')` silently kept every item with any status.
     */
    where(list: readonly Record<string, unknown>[] | null | undefined, attr: string, value: unknown) {
      return (list ?? []).filter((item) => (item[attr] ?? null) === value);
    },
    /** A file of the content store (a chart), read when the page using it is rendered. */
    stored(file: string) { return readFileSync(file, 'utf8'); },
  } satisfies Record<string, Filter>;
}

type FilterTable = ReturnType<typeof siteFilters>;
/** The filter table as plain functions (bound to a site by boundFilters). */
export type SiteFilters = { [K in keyof FilterTable]: OmitThisParameter<FilterTable[K]> };

/** The filters bound to one language's site, for the TypeScript templates: `f.num(x)` is `{{ x | num }}`. */
export function boundFilters(site: SiteContext): SiteFilters {
  const self: FilterThis = { ctx: { site } };
  return Object.fromEntries(Object.entries(siteFilters()).map(([name, fn]) => [name, (fn as Filter).bind(self)])) as SiteFilters;
}

const filtersBySite = new WeakMap<SiteContext, SiteFilters>();

/**
 * The Nunjucks globals of the site, registered in both renderers like the filters. `part(name, …)`
 * prints one of site/_includes/parts.ts's pieces (the macros in macros.njk call it) for the page's
 * own site and frame (`this.ctx`, for the reason given above siteFilters) in the words of its
 * language: SITE_TEXT itself, not the page's `t`, which Eleventy copies for every page (so it would be
 * escaped anew each time). It returns a SafeString: the piece escaped its values itself. A SafeString
 * argument (a macro's output) stays markup, as it would in the macro.
 */
export function siteGlobals() {
  return {
    part(this: { ctx: { site: SiteContext; model: SiteFrame } }, name: PartName, ...args: unknown[]) {
      if (!Object.hasOwn(PARTS, name)) throw new Error(`part: no piece "${name}" in site/_includes/parts.ts`);
      const piece = PARTS[name] as (c: PageContext, ...a: unknown[]) => Html;
      const { site, model } = this.ctx;
      let f = filtersBySite.get(site);
      if (!f) filtersBySite.set(site, (f = boundFilters(site)));
      const html = piece({ w: htmlWords(SITE_TEXT[site.lang]), site, model, f }, ...args.map((a) => (a instanceof nunjucks.runtime.SafeString ? raw(String(a)) : a)));
      return new nunjucks.runtime.SafeString(html.value);
    },
  };
}

/** Formatters for JS front matter (page titles); templates use the filters above. */
export function frontMatterFormatters(lang: Lang) {
  return {
    date: (x: string) => fmt.formatDate(x, lang),
    dateLong: (x: string) => fmt.formatDateLong(x, lang),
    month: (x: string) => fmt.formatMonth(x, lang),
    time: (x: string) => fmt.formatTime(x, lang),
  };
}
