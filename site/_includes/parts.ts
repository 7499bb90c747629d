/**
 * Small pieces of markup shared by the TypeScript round page (pages/round.ts) and the Nunjucks pages:
 * this is their one implementation. macros.njk's verdict, approval, level, status, findingStatus, band,
 * range, shiftName, kop, tableOpen and tableClose call them through the Nunjucks global `part`
 * (lib/site-build/site-filters.ts), so both kinds of page print the same bytes.
 */
import type { SiteText } from '../../lib/i18n/site-strings.ts';
import type { SiteFilters, SiteContext } from '../../lib/site-build/site-filters.ts';
import type { SiteFrame } from '../../lib/site-data/site-model.ts';
import { html, type Html, type HtmlWords } from './html.ts';

/** What a TypeScript template knows besides its page: one language's words, site, page frame and filters. */
export interface PageContext {
  /** One language's words (lib/i18n/site-strings.ts), escaped once by html.ts htmlWords. */
  w: HtmlWords<SiteText>;
  site: SiteContext;
  model: SiteFrame;
  /** The site's template filters (site-filters.ts), bound to `site`: `f.num(x)` is `{{ x | num }}`. */
  f: SiteFilters;
}

/** A threshold band: a bound that is absent is open on that side. */
type Band = { min?: number | null; max?: number | null } | null | undefined;

const badge = (kind: string, value: string, text: Html | undefined) =>
  html`<span class="badge ${kind}-${value}"><span aria-hidden="true" class="icon"></span>${text}</span>`;

export const PARTS = {
  level: (c: PageContext, l: string | null) => (l ? badge('lvl', l, c.w.level[l]) : html`<span class="muted">${c.w.notAssessed}</span>`),
  verdict: (c: PageContext, v: string | null) => (v ? badge('verdict', v, c.w.verdict[v]) : html`–`),
  status: (c: PageContext, s: string | null) => (s ? badge('status', s, c.w.status[s]) : html`<span class="muted">–</span>`),
  approval: (c: PageContext, a: string) => badge('approval', a, c.w.approvalState[a]),
  findingStatus: (c: PageContext, s: string) => badge('finding', s, c.w.findingStatus[s]),

  band(c: PageContext, b: Band): Html {
    const min = b?.min;
    const max = b?.max;
    // Nunjucks' `is defined`: a bound that is null still counts.
    if (min !== undefined && max !== undefined) return html`${c.f.numl(min, 1)}–${c.f.numl(max, 1)}`;
    if (max !== undefined) return html`≤ ${c.f.numl(max, 1)}`;
    if (min !== undefined) return html`≥ ${c.f.numl(min, 1)}`;
    return html`–`;
  },

  range(c: PageContext, min: number | null, max: number | null, unit: string | null): Html {
    const bounds =
      min !== null && max !== null ? html`${c.f.numl(min)}–${c.f.numl(max)}` : max !== null ? html`≤ ${c.f.numl(max)}` : min !== null ? html`≥ ${c.f.numl(min)}` : '';
    return html`${bounds}${unit && (min !== null || max !== null) ? html` ${unit}` : ''}`;
  },

  shiftName: (c: PageContext, id: string) => html`${c.model.names.shifts[id] || id}`,

  /** The letterhead of a paper form. */
  kop(c: PageContext): Html {
    const o = c.model.organization;
    return html`<div class="kop" data-pagefind-ignore>
  <p class="kop-gov">${o.government}</p>
  <p class="kop-agency">${o.agency}</p>
${o.address ? html`<p class="kop-address">${o.address}</p>` : ''}</div>
`;
  },

  /** One scrollable table region: wide tables scroll inside it, never the page. */
  tableOpen: (_c: PageContext, label: string | Html) => html`<div class="table-wrap" role="region" tabindex="0" aria-label="${label}">`,
  tableClose: (_c: PageContext) => html`</div>`,
} satisfies Record<string, (c: PageContext, ...args: never[]) => Html>;

export type PartName = keyof typeof PARTS;
