// Display formatting for id-ID (first) and English: numbers, dates, WIB times.
export { formatNumber, formatNumberLoose, formatPercent, csvNumber } from './numbers.ts';
export { formatBand } from './band.ts';
export { formatDuration } from './durations.ts';
export {
  formatDate,
  formatDateLong,
  formatDateShort,
  formatMonth,
  formatMonthShort,
  formatTime,
  formatInstantWib,
  wibDateOf,
} from './dates.ts';
