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
  });
});
