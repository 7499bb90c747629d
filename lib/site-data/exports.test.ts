import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { BOM, CHECK_COLUMNS, checkRows, csvRows, EXCEL_MAX_ROWS, exportChunks, READING_COLUMNS, readingRows, toCsv, tooLargeForExcel } from './exports.ts';
import { indexRounds } from './round-index.ts';
import { round, testArchive } from './test-archive.ts';

describe('exports', () => {
  const archive = testArchive([
    round('2026-10-31', 'sore', [['rak-a-depan', '13:40', 22.4, 51]]),
    round('2026-11-01', 'pagi', [['rak-a-depan', '08:10', 22.45, 51.5], ['rak-a-belakang', '08:11', 35, 30]], {
      checks: [{ equipment: 'ups-01', status: 'perlu-perhatian', items: { indikator_normal: true }, values: { load_pct: 85.5, battery_pct: 100, output_v: 220 }, note: '=HYPERLINK("http://evil")' }] as never,
    }),
  ]);
  const entries = indexRounds(archive, new Map(), null);

  it('writes readings for Indonesian Excel: decimal comma, dew point and level, outlets marked', () => {
    const rows = readingRows(entries[1]!);
    expect(rows[0]!.slice(0, 11)).toEqual(['ruang-server-utama', '2026-11-01', 'pagi', 'budi', 'rak-a-depan', 'inlet', '08:10', '22,45', '51,5', rows[0]![9], 'normal']);
    expect(rows[0]![9]).toMatch(/^\d+(,\d)?$/);
    expect(rows[1]![10]).toBe('tidak-dinilai');
  });

  it('writes one check row per checklist item with its standard and verdict', () => {
    const rows = checkRows(entries[1]!);
    const load = rows.find((r) => r[7] === 'load_pct')!;
    expect(load.slice(4, 14)).toEqual(['ups-01', 'ups', 'perlu-perhatian', 'load_pct', 'Beban UPS', '85,5', '%', '0', '80', 'tidak']);
    // A note that Excel would run as a formula is defused.
    expect(load[14]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('starts CSV with a BOM, uses ; and CRLF, and quotes only when needed', () => {
    const csv = toCsv(['a', 'b'], [['x;y', 'z'], ['1,5', 'say "hi"']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('a;b\r\n"x;y";z\r\n1,5;"say ""hi"""\r\n');
  });

  it('writes each field exactly as csv-stringify writes the whole record (fields are encoded once per distinct value)', () => {
    const tricky = ['', ' ', 'a', 'x;y', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rlf\r\n', ';', 'ends;', "'=1+1", '22,4', 'tab\tin', 'ü °C —'];
    const rows: string[][] = [];
    for (let i = 0; i < 200; i++) rows.push([tricky[i % tricky.length]!, tricky[(i * 7 + 3) % tricky.length]!, tricky[(i * 11 + 5) % tricky.length]!, `r${i}`]);
    const library = stringify(rows, { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[;"\r\n]/ });
    // Twice: the second time every field comes from the remembered table.
    expect(csvRows(rows)).toBe(library);
    expect(csvRows(rows)).toBe(library);
    expect(csvRows([])).toBe('');
  });

  it('streams per-month files and the whole archive, rows turned into text once', () => {
    const files = new Map<string, { text: string; rows: number }>();
    for (const c of exportChunks(entries, { generatedAt: '2026-11-24T00:00:00Z', demo: true })) {
      const f = files.get(c.name) ?? { text: '', rows: 0 };
      f.text += c.text;
      f.rows += c.rows;
      files.set(c.name, f);
    }
    expect([...files.keys()].sort()).toEqual([
      'ronda-2026-10.json', 'ronda-2026-11.json', 'ronda-pembacaan-2026-10.csv', 'ronda-pembacaan-2026-11.csv',
      'ronda-pembacaan-semua.csv', 'ronda-pemeriksaan-2026-10.csv', 'ronda-pemeriksaan-2026-11.csv', 'ronda-pemeriksaan-semua.csv', 'ronda-semua.json',
    ]);
    const all = files.get('ronda-pembacaan-semua.csv')!;
    expect(all.rows).toBe(3);
    const lines = all.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(READING_COLUMNS.join(';'));
    expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF
    expect(all.text.indexOf(BOM, 1)).toBe(-1);
    expect(files.get('ronda-pemeriksaan-2026-11.csv')!.text.slice(1).split('\r\n')[0]).toBe(CHECK_COLUMNS.join(';'));
    const month = JSON.parse(files.get('ronda-2026-11.json')!.text);
    expect(month).toMatchObject({ source: 'Ronda', demo: true, month: '2026-11' });
    expect(month.rounds[0].readings[0]).toMatchObject({ temperature_c: 22.45, humidity_pct: 51.5, assessed: true, level: 'normal' });
    const whole = JSON.parse(files.get('ronda-semua.json')!.text);
    expect(whole.rounds.map((r: { date: string }) => r.date)).toEqual(['2026-10-31', '2026-11-01']);
    expect(files.get('ronda-semua.json')!.rows).toBe(2);
  });
});

describe('tooLargeForExcel', () => {
  it('flags a CSV whose rows and header do not fit one Excel worksheet, never JSON', () => {
    expect(EXCEL_MAX_ROWS).toBe(1_048_576);
    expect(tooLargeForExcel({ kind: 'checks-csv', rows: 1_048_575 })).toBe(false);
    expect(tooLargeForExcel({ kind: 'checks-csv', rows: 1_048_576 })).toBe(true);
    expect(tooLargeForExcel({ kind: 'readings-csv', rows: 5_200_000 })).toBe(true);
    expect(tooLargeForExcel({ kind: 'json', rows: 5_200_000 })).toBe(false);
  });
});
