import type { Lang } from '../i18n/lang.ts';

const UNITS: Record<Lang, { day: string; hour: string; minute: string }> = {
  id: { day: 'hari', hour: 'jam', minute: 'menit' },
  en: { day: 'd', hour: 'h', minute: 'min' },
};

/** Whole minutes as a person reads them: 45 → "45 menit", 1489 → "1 hari 49 menit" (id) / "1 d 49 min" (en). */
export function formatDuration(minutes: number | null | undefined, lang: Lang): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const sign = minutes < 0 ? '−' : '';
  let rest = Math.round(Math.abs(minutes));
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  const u = UNITS[lang];
  const parts = [days && `${days} ${u.day}`, hours && `${hours} ${u.hour}`, (mins || (!days && !hours)) && `${mins} ${u.minute}`].filter(Boolean);
  return sign + parts.join(' ');
}
