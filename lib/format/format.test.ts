import { describe, expect, it } from 'vitest';
import {
  csvNumber,
  formatDate,
  formatDateLong,
  formatInstantWib,
  formatMonth,
  formatNumber,
  formatNumberLoose,
  formatPercent,
  formatTime,
  wibDateOf,
} from './index.ts';

describe('numbers', () => {
  it('uses a decimal comma and dot grouping in Indonesian', () => {
    expect(formatNumber(22.44, 'id')).toBe('22,4');
    expect(formatNumber(1234.5, 'id', 1)).toBe('1.234,5');
    expect(formatNumber(22.44, 'en')).toBe('22.4');
    expect(formatNumberLoose(51, 'id')).toBe('51');
    expect(formatNumberLoose(51.5, 'id')).toBe('51,5');
  });
  it('never prints negative zero and shows a dash for missing values', () => {
    expect(formatNumber(-0.01, 'id')).toBe('0,0');
    expect(formatNumberLoose(-0, 'id')).toBe('0');
    expect(formatPercent(-0, 'en')).toBe('0%');
    // Kept results are per language and digits: the same value twice, two answers.
    expect([formatNumber(22.5, 'id', 1), formatNumber(22.5, 'en', 1), formatNumber(22.5, 'id', 2)]).toEqual(['22,5', '22.5', '22,50']);
    expect(formatNumber(null, 'id')).toBe('–');
    expect(formatNumber(Number.NaN, 'en')).toBe('–');
  });
  it('formats shares as percent', () => {
    expect(formatPercent(0.953, 'id')).toBe('95,3%');
    expect(formatPercent(1, 'en')).toBe('100%');
  });
  it('writes CSV numbers with an optional decimal comma', () => {
    expect(csvNumber(22.4, true)).toBe('22,4');
    expect(csvNumber(22.4, false)).toBe('22.4');
    expect(csvNumber(null, true)).toBe('');
  });
});

describe('dates', () => {
  it('formats archive dates as calendar dates', () => {
    expect(formatDate('2026-11-24', 'id')).toBe('24 November 2026');
    expect(formatDateLong('2026-11-24', 'id')).toBe('Selasa, 24 November 2026');
    expect(formatDateLong('2026-11-24', 'en')).toBe('Tuesday, 24 November 2026');
    expect(formatMonth('2026-08', 'id')).toBe('Agustus 2026');
    expect(formatTime('08:05', 'id')).toBe('08.05');
    expect(formatTime('08:05', 'en')).toBe('08:05');
  });
  it('converts git instants to WIB', () => {
    expect(formatInstantWib('2026-11-23T20:30:00-05:00', 'id')).toBe('24 November 2026, 08.30 WIB');
    expect(formatInstantWib('2026-11-24T01:30:00Z', 'en')).toBe('24 November 2026, 08:30 WIB');
    expect(wibDateOf('2026-11-23T18:00:00Z')).toBe('2026-11-24');
    // Around WIB midnight, before 1970 and with odd offsets the day and the time of day stay together.
    expect(formatInstantWib('2026-11-23T16:59:59Z', 'id')).toBe('23 November 2026, 23.59 WIB');
    expect(formatInstantWib('2026-11-23T17:00:00Z', 'id')).toBe('24 November 2026, 00.00 WIB');
    expect(formatInstantWib('1969-12-31T23:30:00Z', 'en')).toBe('1 January 1970, 06:30 WIB');
    expect(formatInstantWib('2026-11-24T05:45:00+05:45', 'en')).toBe('24 November 2026, 07:00 WIB');
    expect(formatInstantWib('bukan waktu', 'id')).toBe('bukan waktu');
  });
});
