import type { Lang } from '../i18n/lang.ts';
import { TIMEZONE } from '../time.ts';
import { remembered } from './remembered.ts';

/**
 * Dates and times for display. Archive dates (YYYY-MM-DD) and times (HH:MM) are already WIB local
 * and are formatted as calendar values (UTC, no shift); instants from git (ISO with offset) are
 * converted to Asia/Jakarta and suffixed "WIB".
 */
const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Lang, key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `${lang}|${key}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], opts);
    cache.set(k, f);
  }
  return f;
}

const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
const calendar = (date: string) => new Date(`${date}T00:00:00Z`);

/** 2026-11-24 → "24 November 2026"; anything else is returned as given (or '–'). */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!isDate(date)) return date ?? '–';
  return remembered(`d${lang}`, date, () => fmt(lang, 'date', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(calendar(date)));
}

/** 2026-11-24 → "Selasa, 24 November 2026". */
export function formatDateLong(date: string | null | undefined, lang: Lang): string {
  if (!isDate(date)) return date ?? '–';
  return remembered(`D${lang}`, date, () => fmt(lang, 'dateLong', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(calendar(date)));
}

/** 2026-11-24 → "24 Nov" (chart axes, compact tables). */
export function formatDateShort(date: string | null | undefined, lang: Lang): string {
  if (!isDate(date)) return date ?? '–';
  return remembered(`s${lang}`, date, () => fmt(lang, 'dateShort', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(calendar(date)));
}

/** 2026-11 → "November 2026". */
export function formatMonth(ym: string | null | undefined, lang: Lang): string {
  if (typeof ym !== 'string' || !/^\d{4}-\d{2}$/.test(ym)) return ym ?? '–';
  return remembered(`m${lang}`, ym, () => fmt(lang, 'month', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(calendar(`${ym}-01`)));
}

/** 2026-11 → "Nov 2026". */
export function formatMonthShort(ym: string | null | undefined, lang: Lang): string {
  if (typeof ym !== 'string' || !/^\d{4}-\d{2}$/.test(ym)) return ym ?? '–';
  return fmt(lang, 'monthShort', { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(calendar(`${ym}-01`));
}

/** An archive time HH:MM → "08.05" (id) / "08:05" (en); the zone is WIB by the data contract. */
export function formatTime(time: string | null | undefined, lang: Lang): string {
  if (typeof time !== 'string' || !/^\d{2}:\d{2}$/.test(time)) return time ?? '–';
  return lang === 'id' ? time.replace(':', '.') : time;
}

/** An instant (ISO 8601 with offset, as git prints) → "24 November 2026, 09.30 WIB". */
export function formatInstantWib(iso: string | null | undefined, lang: Lang): string {
  if (typeof iso !== 'string') return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The day (≈ one per round) is formatted once and kept; the time of day in WIB is plain arithmetic.
  const wib = d.getTime() + WIB_OFFSET_MS;
  const date = remembered(`i${lang}`, wibDay(wib), () => fmt(lang, 'iDate', { timeZone: TIMEZONE, day: 'numeric', month: 'long', year: 'numeric' }).format(d));
  const minutes = Math.floor((((wib % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date}, ${hh}${lang === 'id' ? '.' : ':'}${mm} WIB`;
}

/** The WIB calendar date of an instant: "2026-11-24". */
export function wibDateOf(iso: string): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return wibDay(d.getTime() + WIB_OFFSET_MS);
}

/** YYYY-MM-DD of a time already shifted to WIB (milliseconds since the epoch + WIB_OFFSET_MS). */
const wibDay = (wibMs: number): string => new Date(wibMs).toISOString().slice(0, 10);

/** WIB is UTC+7 all year (Indonesia keeps no daylight saving time). */
const WIB_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
