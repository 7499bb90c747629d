import type { Lang } from '../i18n/lang.ts';
import { remembered } from './remembered.ts';

/**
 * Numbers as readers expect them: id-ID (22,4 · 1.234) or English (22.4 · 1,234).
 * Intl formatters are costly to create, so each (lang, digits) pair is made once and kept.
 */
const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, min: number, max: number, style: 'decimal' | 'percent' = 'decimal'): Intl.NumberFormat {
  const key = `${lang}|${min}|${max}|${style}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: min, maximumFractionDigits: max, style });
    cache.set(key, f);
  }
  return f;
}

/** A number with exactly `digits` decimals (default 1); '–' for null/NaN. −0 prints as 0. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return remembered(`n${lang}${digits}`, value, () => {
    const s = formatter(lang, digits, digits).format(value);
    // "-0,0" after rounding a tiny negative value
    return /^-0([.,]0*)?$/.test(s) ? s.slice(1) : s;
  });
}

/** A number with up to `maxDigits` decimals, trailing zeros dropped (51 · 51,5). −0 prints as 0. */
export function formatNumberLoose(value: number | null | undefined, lang: Lang, maxDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  // value + 0 turns −0 into 0 (no "-0" on a page; the key could not tell them apart anyway).
  return remembered(`l${lang}${maxDigits}`, value, () => formatter(lang, 0, maxDigits).format(value + 0));
}

/** A share 0…1 as percent: 0.953 → "95,3%" (id) / "95.3%" (en). */
export function formatPercent(share: number | null | undefined, lang: Lang, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return remembered(`p${lang}${digits}`, share, () => formatter(lang, 0, digits, 'percent').format(share + 0));
}

/** Decimal comma for CSV meant for Indonesian Excel; plain text, no grouping. */
export function csvNumber(value: number | null | undefined, decimalComma: boolean): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const s = String(value);
  return decimalComma ? s.replace('.', ',') : s;
}
