/** Dates and times in the archive are local to Asia/Jakarta (WIB, UTC+7, no daylight saving). */
export const TIMEZONE = 'Asia/Jakarta';
const WIB_OFFSET_MIN = 7 * 60;

/** Today's date in WIB as YYYY-MM-DD. */
export function todayWib(now: Date = new Date()): string {
  return new Date(now.getTime() + WIB_OFFSET_MIN * 60_000).toISOString().slice(0, 10);
}

/** Current time in WIB as HH:MM. */
export function nowWibTime(now: Date = new Date()): string {
  return new Date(now.getTime() + WIB_OFFSET_MIN * 60_000).toISOString().slice(11, 16);
}

/** True when a YYYY-MM-DD string names a real calendar day. */
export function isRealDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Minutes since midnight for HH:MM. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A WIB local date and time as an absolute instant. */
export function wibInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
