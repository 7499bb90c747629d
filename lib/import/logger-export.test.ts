import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLoggerExport, samplesInWindow, type LoggerExport } from './logger-export.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../tests/fixtures/loggers', name));
const ok = (r: ReturnType<typeof parseLoggerExport>): LoggerExport => {
  if ('problems' in r) throw new Error(JSON.stringify(r.problems));
  return r;
};

describe('Govee CSV', () => {
  it('reads the BOM, the stray spaces and the Celsius header; the 10:00–11:00 excursion is there', () => {
    const g = ok(parseLoggerExport(fixture('govee-ruang-server-2026-11-24.csv'), 'govee.csv'));
    expect(g.format).toBe('govee');
    expect(g.unit).toBe('C');
    expect(g.samples).toHaveLength(96);
    expect(g.samples[0]).toEqual({ date: '2026-11-24', time: '00:00', temperature_c: 22.4, humidity_pct: 55.3, line: 2 });
    const window = samplesInWindow(g.samples, '2026-11-24', '09:30', '11:30');
    expect(window.map((s) => `${s.time} ${s.temperature_c}`)).toEqual([
      '09:30 23.2', '09:45 22.9', '10:00 27.7', '10:15 27.6', '10:30 27.5', '10:45 27.6', '11:00 27.4', '11:15 22.8', '11:30 22.8',
    ]);
  });

  it('converts a Fahrenheit export to °C', () => {
    const text = '\uFEFFTimestamp for sample frequency every 15 min min, Temperature_Fahrenheit,Relative_Humidity\n2026-11-24 10:00:00, 72.5,50.0\n2026-11-24 10:15:00, 81.9,48.9\n';
    const f = ok(parseLoggerExport(text, 'f.csv'));
    expect(f.unit).toBe('F');
    expect(f.samples.map((s) => s.temperature_c)).toEqual([22.5, 27.7]);
  });

  it('refuses a header whose temperature unit cannot be told, naming the line', () => {
    const r = parseLoggerExport('Timestamp,Temperature,Humidity\n2026-11-24 10:00:00,22.1,50\n', 'x.csv');
    expect(r).toEqual({ problems: [expect.objectContaining({ file: 'x.csv', line: 1, code: 'import-unit-unknown', params: { header: 'Temperature' } })] });
  });

  it('refuses bad rows with their line numbers, and a file without the needed columns', () => {
    const r = parseLoggerExport('Time,Temperature_Celsius,Humidity\n2026-11-24 10:00:00,22.1,50\n2026-11-24 10:15:00,,50\nkemarin,22,50\n', 'x.csv');
    expect('problems' in r && r.problems.map((p) => [p.line, p.code])).toEqual([[3, 'import-bad-row'], [4, 'import-bad-row']]);
    const cols = parseLoggerExport('Nama,Nilai\nA,1\n', 'y.csv');
    expect('problems' in cols && cols.problems[0]!.code).toBe('import-columns-missing');
  });
});

describe('Elitech RC-4HC text', () => {
  it('has no header: refused without a unit (line 1), read with --unit c', () => {
    const bytes = fixture('elitech-rc4hc-2026-11-24.txt');
    const refused = parseLoggerExport(bytes, 'elitech.txt');
    expect(refused).toEqual({ problems: [expect.objectContaining({ file: 'elitech.txt', line: 1, code: 'import-unit-unknown' })] });
    const e = ok(parseLoggerExport(bytes, 'elitech.txt', { unit: 'C' }));
    expect(e.format).toBe('elitech');
    expect(e.samples).toHaveLength(24);
    expect(e.samples[23]).toEqual({ date: '2026-11-24', time: '10:50', temperature_c: 22.9, humidity_pct: 55.3, line: 24 });
  });

  it('reads a header that names the unit by keyword, and refuses a --unit that contradicts it', () => {
    const text = 'No\tTime\tTemperature(°C)\tHumidity(%RH)\n1\t2026-11-24 08:00:00\t22,8\t55,1\n';
    const e = ok(parseLoggerExport(text, 'e.txt'));
    expect(e.samples[0]).toMatchObject({ time: '08:00', temperature_c: 22.8, humidity_pct: 55.1 });
    const conflict = parseLoggerExport(text, 'e.txt', { unit: 'F' });
    expect('problems' in conflict && conflict.problems[0]!.code).toBe('import-unit-conflict');
  });
});
