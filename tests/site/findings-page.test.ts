/** The findings board puts each finding under its own status (real template and filters). */
import { join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { SITE_TEXT } from '../../lib/i18n/site-strings.ts';
import { siteFilters, siteGlobals } from '../../lib/site-build/site-filters.ts';

function render(findings: object[]): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(resolve(import.meta.dirname, '../../site/_includes'))), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
  for (const [name, fn] of Object.entries(siteGlobals())) env.addGlobal(name, fn);
  const model = { findings, names: { equipment: { r1: { 'ac-01': 'AC presisi 1' } }, shifts: {} }, shifts: [] };
  return env.render('pages/findings.njk', { site: { lang: 'id', base: '', prefix: '' }, t: SITE_TEXT.id, model, title: 'Temuan' });
}

const finding = (id: string, status: 'terbuka' | 'selesai') => ({
  id, anchor: id, status, room: 'r1', equipment: 'ac-01', description: `Uraian ${id}`, action: null,
  raisedOn: '2026-11-01', raisedIn: { url: '/ronde/x/', date: '2026-11-01', shift: 'pagi' },
  closedOn: status === 'selesai' ? '2026-11-03' : null, closedIn: null, ageDays: 2, rounds: 3, maintenance: [],
});

describe('findings board', () => {
  it('lists open findings as open and closed ones as closed, each once', () => {
    const html = render([finding('T-1', 'terbuka'), finding('T-2', 'selesai'), finding('T-3', 'selesai')]);
    const [open, closed] = html.split('<section').slice(1);
    expect(open).toMatch(/Temuan terbuka \(1\)/);
    expect(open).toContain('Uraian T-1');
    expect(open).not.toContain('Uraian T-2');
    expect(closed).toMatch(/Temuan selesai \(2\)/);
    expect(closed).toContain('Uraian T-2');
    expect(closed).not.toContain('Uraian T-1');
  });
});
