/**
 * Readers for thermo-hygrometer logger exports (pure: text in, samples or problems out).
 *
 *   parseLoggerExport(input, file, { unit? }) → { format, unit, samples } | { problems }
 *   samplesInWindow(samples, date, from, to)  → the samples of one date between two HH:MM (inclusive)
 *
 * Formats (DESIGN.md "Logger exports"):
 * - Govee app CSV: UTF-8 BOM, header `Timestamp for sample frequency every 15 min min, Temperature_Celsius,
 *   Relative_Humidity` (or `Temperature_Fahrenheit`), local time without zone, a stray space after commas.
 * - Elitech RC-4/RC-4HC data-reader text: tab-separated `index  YYYY-MM-DD HH:MM:SS  temp  RH`, no header.
 * - Any similar CSV/TSV whose header names a time, a temperature and a humidity column.
 *
 * Columns are found by keyword in the header, never by position alone. The temperature unit must be told
 * by the header (Celsius/Fahrenheit, °C/°F) or by the caller (`unit`, from `--unit`): a file whose unit
 * cannot be told is refused, naming the line, instead of guessing from the size of the numbers
 * (a Fahrenheit export read as Celsius would put 73 °C into the archive). The Elitech data-reader text has
 * no header, so it needs `--unit c` (or f). Times are taken as written: local time of the logger, WIB.
 */
import { parse } from 'csv-parse/sync';
import { decodeText } from '../load/yaml-source.ts';
import { problem, type Problem } from '../problems.ts';

export type TemperatureUnit = 'C' | 'F';
export type LoggerFormat = 'govee' | 'elitech' | 'csv';

export interface LoggerSample {
  /** YYYY-MM-DD, local time of the logger (WIB). */
  date: string;
  /** HH:MM (seconds dropped). */
  time: string;
  /** °C, converted from °F when the export is in Fahrenheit; rounded to 0.1. */
  temperature_c: number;
  /** % RH rounded to 0.1; null when the export has no humidity column. */
  humidity_pct: number | null;
  /** 1-based line in the export file. */
  line: number;
}

export interface LoggerExport {
  format: LoggerFormat;
  unit: TemperatureUnit;
  samples: LoggerSample[];
}

const DATE_TIME = /^(\d{4})[-/.](\d{2})[-/.](\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;
const MAX_ROW_PROBLEMS = 10;

/** Keyword matchers for header cells (lower-cased, with _ and - read as spaces). */
const HEADER = {
  time: /\b(time ?stamp|timestamp|date|time|waktu|tanggal|jam)\b/,
  temperature: /\b(temp|temperature|suhu)\b|temperature|°[cf]|℃|℉/,
  humidity: /\b(rh|humidity|humid|kelembaban|kelembapan)\b|humidity|%\s*rh/,
  fahrenheit: /fahrenheit|°f|℉|\(f\)|\bdeg ?f\b|\bf\b/,
  celsius: /celsius|°c|℃|\(c\)|\bdeg ?c\b|\bc\b/,
};

export function parseLoggerExport(
  input: string | Uint8Array,
  file: string,
  opts: { unit?: TemperatureUnit } = {},
): LoggerExport | { problems: Problem[] } {
  let text: string;
  if (typeof input === 'string') text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  else {
    const decoded = decodeText(input, file);
    if ('problem' in decoded) return { problems: [decoded.problem] };
    text = decoded.text;
  }
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (firstLine === '') return { problems: [problem(file, { line: 1, col: 1 }, 'import-empty')] };
  const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { problems: [problem(file, { line, col: 1 }, 'import-bad-file', { detail: String((err as Error).message).split('\n')[0]! })] };
  }
  if (records.length === 0) return { problems: [problem(file, { line: 1, col: 1 }, 'import-empty')] };

  const first = records[0]!;
  const hasHeader = first.record.some((cell) => cell !== '' && !NUMBER.test(cell) && !DATE_TIME.test(cell));
  let columns: { time: number; temperature: number; humidity: number | null };
  let headerUnit: TemperatureUnit | null = null;
  let format: LoggerFormat;
  const headerLine = first.info.lines;

  if (hasHeader) {
    const cells = first.record.map((c) => c.toLowerCase().replace(/[_-]+/g, ' ').trim());
    const find = (re: RegExp, exclude: number[] = []) => cells.findIndex((c, i) => !exclude.includes(i) && re.test(c));
    const time = find(HEADER.time);
    const temperature = find(HEADER.temperature, [time]);
    const humidity = find(HEADER.humidity, [time, temperature]);
    const missing = [time < 0 ? 'waktu/time' : '', temperature < 0 ? 'suhu/temperature' : ''].filter(Boolean);
    if (missing.length) {
      return { problems: [problem(file, { line: headerLine, col: 1 }, 'import-columns-missing', { missing: missing.join(', '), header: first.record.join(' | ') })] };
    }
    columns = { time, temperature, humidity: humidity < 0 ? null : humidity };
    const tempHeader = cells[temperature]!;
    if (HEADER.fahrenheit.test(tempHeader)) headerUnit = 'F';
    else if (HEADER.celsius.test(tempHeader)) headerUnit = 'C';
    format = /sample frequency/.test(cells[time]!) ? 'govee' : 'csv';
  } else {
    // No header: the Elitech data-reader layout (index, date-time, temperature, RH) or date-time, temperature, RH.
    const r = first.record;
    if (r.length >= 4 && /^\d+$/.test(r[0]!) && DATE_TIME.test(r[1]!)) columns = { time: 1, temperature: 2, humidity: 3 };
    else if (r.length >= 2 && DATE_TIME.test(r[0]!)) columns = { time: 0, temperature: 1, humidity: r.length >= 3 ? 2 : null };
    else return { problems: [problem(file, { line: headerLine, col: 1 }, 'import-unknown-layout', { row: r.join(' | ') })] };
    format = columns.time === 1 ? 'elitech' : 'csv';
  }

  if (headerUnit && opts.unit && headerUnit !== opts.unit) {
    return { problems: [problem(file, { line: headerLine, col: columns.temperature + 1 }, 'import-unit-conflict', { header: headerUnit, given: opts.unit })] };
  }
  const unit = headerUnit ?? opts.unit;
  if (!unit) {
    return { problems: [problem(file, { line: headerLine, col: 1 }, 'import-unit-unknown', { header: hasHeader ? first.record[columns.temperature]! : '' })] };
  }

  const samples: LoggerSample[] = [];
  const problems: Problem[] = [];
  for (const { record, info } of hasHeader ? records.slice(1) : records) {
    const line = info.lines;
    const rawTime = record[columns.time] ?? '';
    const rawTemp = record[columns.temperature] ?? '';
    const rawRh = columns.humidity === null ? '' : (record[columns.humidity] ?? '');
    const dt = DATE_TIME.exec(rawTime);
    const temp = toNumber(rawTemp);
    const rh = columns.humidity === null ? null : toNumber(rawRh);
    if (!dt || temp === null || (columns.humidity !== null && rh === null)) {
      if (problems.length < MAX_ROW_PROBLEMS) problems.push(problem(file, { line, col: 1 }, 'import-bad-row', { row: record.join(' | ') }));
      continue;
    }
    const [, y, mo, d, h, mi] = dt as unknown as [string, string, string, string, string, string];
    const celsius = unit === 'F' ? ((temp - 32) * 5) / 9 : temp;
    samples.push({
      date: `${y}-${mo}-${d}`,
      time: `${h.padStart(2, '0')}:${mi}`,
      temperature_c: round1(celsius),
      humidity_pct: rh === null ? null : round1(rh),
      line,
    });
  }
  if (problems.length) return { problems };
  if (samples.length === 0) return { problems: [problem(file, { line: headerLine, col: 1 }, 'import-empty')] };
  return { format, unit, samples };
}

/** Samples of one date between `from` and `to` (HH:MM, inclusive), in time order. */
export function samplesInWindow(samples: readonly LoggerSample[], date: string, from: string, to: string): LoggerSample[] {
  return samples
    .filter((s) => s.date === date && s.time >= from && s.time <= to)
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

function toNumber(cell: string): number | null {
  const s = cell.trim();
  if (!NUMBER.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
