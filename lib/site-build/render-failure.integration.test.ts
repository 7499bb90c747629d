/**
 * A page that cannot be rendered (a template or code fault) stops the build with the page named,
 * inline and on the render workers alike, and leaves no worker running.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildError, pageRenderMessage } from '../../scripts/build.ts';
import { ContentStore } from './content-store.ts';
import { PageRenderError, templateErrorText } from './page-renderer.ts';
import { StoredPageWriter } from './stored-pages.ts';

const dir = mkdtempSync(join(tmpdir(), 'ronda-render-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The site's templates, with the room-month list broken on purpose for one room. */
function brokenIncludes(): string {
  const includes = join(dir, '_includes');
  cpSync(resolve(import.meta.dirname, '../../site/_includes'), includes, { recursive: true });
  writeFileSync(join(includes, 'pages/rounds-room-month.njk'), '<p>{% if rm.room == "rusak" %}{{ rm.nothing.here() }}{% endif %}ok</p>\n');
  return includes;
}

function writer(poolAfter: number) {
  const site = { lang: 'id' as const, base: '', prefix: '', alternates: [] };
  return new StoredPageWriter({
    includesDir: brokenIncludes(),
    languages: [{ site, out: join(dir, `out-${poolAfter}`) }],
    frame: { names: { rooms: {}, officers: {}, shifts: {} } } as never,
    store: new ContentStore(null),
    fingerprint: 'test',
    poolAfter,
  });
}

const page = (room: string) => ({ room, ym: '2025-01', rows: [] });

async function failureOf(poolAfter: number): Promise<PageRenderError> {
  const w = writer(poolAfter);
  try {
    for (let i = 0; i < 40; i++) w.write('room-month', `/ronde/2025/01/ruang/ok-${i}/`, page(`ok-${i}`));
    w.write('room-month', '/ronde/2025/01/ruang/rusak/', page('rusak'));
    for (let i = 0; i < 40; i++) w.write('room-month', `/ronde/2025/02/ruang/ok-${i}/`, page(`ok-${i}`));
    await w.finish();
  } catch (e) {
    await w.abort();
    if (e instanceof PageRenderError) return e;
    throw e;
  }
  throw new Error('the broken page rendered');
}

describe('a page that fails to render', () => {
  it('is named with its template error when rendered inline', async () => {
    const e = await failureOf(Infinity);
    expect(e.failures).toHaveLength(1);
    expect(e.failures[0]).toMatchObject({ kind: 'room-month', url: '/ronde/2025/01/ruang/rusak/', lang: 0 });
    expect(e.failures[0]!.message).toMatch(/rounds-room-month\.njk/);
    expect(e.failures[0]!.message).toMatch(/Unable to call/);
  });

  it('is named the same way when rendered on the workers, and the workers stop', async () => {
    const e = await failureOf(0);
    expect(e.failures.map((f) => f.url)).toEqual(['/ronde/2025/01/ruang/rusak/']);
    expect(e.failures[0]!.message).toMatch(/rounds-room-month\.njk/);
  });

  it('reaches the admin as an Indonesian build error naming the page', async () => {
    const e = await failureOf(Infinity);
    const text = pageRenderMessage(e, ['id', 'en']);
    expect(text).toMatch(/^Halaman situs gagal dibuat: halaman \/ronde\/2025\/01\/ruang\/rusak\/ \(id, daftar ronde ruang per bulan\): /);
    expect(text).toMatch(/bukan data arsip/);
    expect(new BuildError(text)).toBeInstanceOf(Error);
  });

  it('names the TypeScript template, line and column of a round form that fails, inline and on the workers', async () => {
    for (const poolAfter of [Infinity, 0]) {
      const w = writer(poolAfter);
      let e: unknown = null;
      try {
        // Enough for the page title, not for the forms.
        w.write('round', '/ronde/2025/01/rusak/', { room: { name: 'Ruang' }, date: '2025-01-02', shift: { name: 'Pagi' }, checks: [] });
        await w.finish();
      } catch (err) {
        await w.abort();
        e = err;
      }
      expect(e).toBeInstanceOf(PageRenderError);
      const failure = (e as PageRenderError).failures[0]!;
      expect(failure).toMatchObject({ kind: 'round', url: '/ronde/2025/01/rusak/', lang: 0 });
      expect(failure.message).toMatch(/^\(site\/_includes\/pages\/round\.ts\) \[baris \d+, kolom \d+\] TypeError: Cannot read properties of undefined/);
    }
  });

  it('names a worker that stopped even when no page is known', () => {
    const text = pageRenderMessage(new PageRenderError([{ kind: null, url: null, lang: null, message: 'render worker exited with code 134' }]), ['id']);
    expect(text).toMatch(/pekerja render berhenti: render worker exited with code 134/);
  });

  it('names the template by its repository path, once, with lines counted from 1', () => {
    expect(templateErrorText('(/home/x/ronda/site/_includes/pages/trends-month.njk) [Line 11, Column 4]\n  Error: Unable to call `tm["x"]`')).toBe(
      '(site/_includes/pages/trends-month.njk) [baris 12, kolom 5] Error: Unable to call `tm["x"]`',
    );
    expect(templateErrorText('(/a/site/_includes/pages/trends-month.njk) Template render error: (/a/site/_includes/pages/trends-month.njk) Error: filter not found: href')).toBe(
      '(site/_includes/pages/trends-month.njk) Error: filter not found: href',
    );
  });
});
