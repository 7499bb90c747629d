/**
 * The template filters of the site, one table for both renderers: Eleventy (every list and overview
 * page) and the stored-page renderer (lib/site-build/page-renderer.ts), so a page looks the same
 * whichever wrote it.
 */
import { readFileSync } from 'node:fs';
import * as fmt from '../format/index.ts';
import type { Lang } from '../i18n/lang.ts';

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
export function siteFilters(): Record<string, Filter> {
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
    num(x: number | null, d = 1) { return fmt.formatNumber(x, lang(this), d); },
    numl(x: number | null, d = 2) { return fmt.formatNumberLoose(x, lang(this), d); },
    pct(x: number | null, d = 1) { return fmt.formatPercent(x, lang(this), d); },
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
