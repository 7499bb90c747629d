/** The downloads page warns where a CSV is larger than one Excel worksheet (real templates and filters). */
import { join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { SITE_TEXT } from '../../lib/i18n/site-strings.ts';
import { siteFilters, siteGlobals } from '../../lib/site-build/site-filters.ts';
import { tooLargeForExcel, type ExportLink } from '../../lib/site-data/exports.ts';

function render(lang: 'id' | 'en', downloads: ExportLink[]): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(resolve(import.meta.dirname, '../../site/_includes'))), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
  for (const [name, fn] of Object.entries(siteGlobals())) env.addGlobal(name, fn);
  return env.render('pages/downloads.njk', { site: { lang, base: '', prefix: '', downloads }, t: SITE_TEXT[lang], title: 'Unduh' });
}

const link = (name: string, kind: ExportLink['kind'], month: string | null, rows: number): ExportLink => {
  const f: ExportLink = { name, kind, month, rows, bytes: rows * 120 };
  f.excelTooLarge = tooLargeForExcel(f);
  return f;
};

describe('downloads page', () => {
  const files = [
    link('ronda-pemeriksaan-semua.csv', 'checks-csv', null, 5_200_000),
    link('ronda-semua.json', 'json', null, 200_000),
    link('ronda-pemeriksaan-2025-12.csv', 'checks-csv', '2025-12', 120_000),
  ];

  it('says which files Excel cannot open whole, in Indonesian and English', () => {
    const id = render('id', files);
    expect(id.match(/Excel hanya membuka sebagian/g)).toHaveLength(1);
    const row = id.split('<tr>').find((r) => r.includes('ronda-pemeriksaan-semua.csv'))!;
    expect(row).toContain('Excel hanya membuka sebagian');
    expect(render('en', files).match(/Excel opens only part of it/g)).toHaveLength(1);
  });

  it('lists the whole-archive files under "Seluruh arsip" and the monthly files under "Per bulan"', () => {
    const id = render('id', files);
    const [whole, perMonth] = id.split('<h2>').slice(1);
    expect(whole).toMatch(/^Seluruh arsip/);
    expect(whole).toContain('ronda-pemeriksaan-semua.csv');
    expect(whole).toContain('ronda-semua.json');
    expect(whole).not.toContain('2025-12');
    expect(perMonth).toMatch(/^Per bulan/);
    expect(perMonth).toContain('ronda-pemeriksaan-2025-12.csv');
    expect(perMonth).not.toContain('semua');
  });

  it('says nothing when every file fits', () => {
    expect(render('id', files.slice(1))).not.toMatch(/Excel hanya membuka sebagian/);
  });
});
