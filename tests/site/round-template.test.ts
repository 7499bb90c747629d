/**
 * The round form's TypeScript template (site/_includes/pages/round.ts) and its `html` helper: every
 * free-text value is escaped as Nunjucks' autoescape would, the pre-rendered Markdown goes in as it
 * is, both languages, each approval state, a round with and without findings, history and amendments;
 * and the macros the Nunjucks pages call print the same pieces.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../lib/evaluate/index.ts';
import { SITE_TEXT } from '../../lib/i18n/site-strings.ts';
import { createPageRenderer, type RendererSetup } from '../../lib/site-build/page-renderer.ts';
import { boundFilters, siteFilters, siteGlobals, type SiteContext } from '../../lib/site-build/site-filters.ts';
import { renderMarkdownInline } from '../../lib/site-data/markdown.ts';
import type { DeviceSheet, RoundPage, RoundPageData } from '../../lib/site-data/round-page.ts';
import type { SiteFrame } from '../../lib/site-data/site-model.ts';
import { esc, html, htmlWords, raw } from '../../site/_includes/html.ts';
import { roundPage } from '../../site/_includes/pages/round.ts';
import { PARTS, type PageContext } from '../../site/_includes/parts.ts';

const INCLUDES = resolve(import.meta.dirname, '../../site/_includes');
const SITES: SiteContext[] = [
  { lang: 'id', base: '', prefix: '' },
  { lang: 'en', base: '', prefix: '/en' },
];

const FRAME: SiteFrame = {
  generatedAt: '',
  asOf: { date: '', time: '' },
  demo: false,
  organization: { government: 'Pemerintah Kabupaten Contoh', agency: 'Dinas Kominfo', division: null, section: 'Seksi Infrastruktur', address: 'Jl. Contoh 1', city: 'Contoh' },
  sop: { number: '1/2024', title: 'SOP Ronde', approvedOn: null },
  standards: null,
  shifts: [{ id: 'pagi', name: 'Pagi', start: '07:00', end: '14:00' }],
  kasi: [{ id: 'kasi', name: 'Kasi', nip: null, title: 'Kepala Seksi Infrastruktur' }],
  names: { rooms: {}, staff: {}, shifts: { pagi: 'Pagi' }, points: {}, equipment: {} },
  history: { available: true, shallow: false, head: null, error: null },
  problems: { errors: 0, warnings: 0, files: [] },
} as SiteFrame;

/** A hostile value that names its field, and what the page must show instead. */
const hostile = (field: string) => `<script>"${field}" & '${field}' \\ </script>`;
const shown = (field: string) => `&lt;script&gt;&quot;${field}&quot; &amp; &#39;${field}&#39; &#92; &lt;/script&gt;`;

const COMMIT = 'aff8fd82528545c3e4a47cc0807827ad86f9754b';
const MERGE = '1d6b7e84dd4e96a3a107173f4b0c2141640ce747';

function page(over: Partial<RoundPage> = {}): RoundPage {
  return {
    url: '/ronde/2025/03/2025-03-04-server-pagi/',
    slug: '2025-03-04-server-pagi',
    path: 'records/rounds/2025/03/2025-03-04-server-pagi.yaml',
    blob: 'b'.repeat(40),
    commit: COMMIT,
    room: { id: 'server', name: 'Ruang Server', location: 'Lantai 3' },
    date: '2025-03-04',
    shift: { id: 'pagi', name: 'Pagi', start: '07:00', end: '14:00' },
    officer: { id: 'dewi', name: 'Dewi Lestari', nip: '19850110 201001 1 010', title: 'Administrator Server' },
    recordedBy: null,
    startedAt: '07:10',
    finishedAt: '07:55',
    verdict: 'ok',
    counts: {} as RoundPage['counts'],
    summary: { tempMin: 22.4, tempMax: 23, tempMean: 22.7, rhMin: 49, rhMax: 51, rhMean: 50, dewMax: 11.8 },
    thresholds: DEFAULT_THRESHOLDS,
    criteria: null,
    unassessed: 0,
    readings: [
      {
        no: 1, point: 'rak-a', pointName: 'Rak A', position: 'inlet', time: '07:15', temperature: 22.7, humidity: 50, dewPoint: 11.7, assessed: true,
        level: 'normal', temperatureLevel: 'normal', humidityLevel: 'normal', dewPointLevel: 'normal', reasons: [], rate: null, source: null, noteHtml: '',
      },
    ],
    checks: [
      {
        no: 1, equipment: 'ac-01', name: 'AC Presisi 1', url: '/perangkat/server/ac-01/', category: 'ac', categoryName: 'AC presisi', categoryNameEn: 'Precision air conditioner',
        status: 'baik', ok: true, noteHtml: '',
        items: [
          { label: 'Unit menyala', labelEn: 'Running', type: 'boolean', value: true, unit: null, min: null, max: null, ok: true },
          { label: 'Set point suhu', labelEn: 'Temperature set point', type: 'number', value: 21.5, unit: '°C', min: 18, max: 24, ok: true },
        ],
      },
    ],
    findings: [],
    notesHtml: '',
    approval: { state: 'approved', reason: null, by: { id: 'hendra', name: 'Hendra Kurniawan', nip: '19820907 200801 1 003', title: 'Kepala Seksi' }, date: '2025-03-04T10:57:00+07:00', commit: MERGE },
    history: [],
    historyTruncated: false,
    amendments: [],
    timing: { workMin: 45, workStandardMin: 120, workWithin: true, handoverMin: 5, inShift: true, archiveMin: 20, archiveStandardMin: 30, archiveWithin: true, deviations: [] },
    prev: null,
    next: null,
    ...over,
  };
}

const contexts: PageContext[] = SITES.map((site) => ({ w: htmlWords(SITE_TEXT[site.lang]), site, model: FRAME, f: boundFilters(site) }));
const render = (r: RoundPage, lang = 0) => roundPage(r, contexts[lang]!, 'Judul');
const count = (text: string, part: string) => text.split(part).length - 1;

describe('html', () => {
  it('escapes every interpolated string exactly as Nunjucks autoescape', () => {
    expect(html`<p title="${`a"b'c`}">${'<x> & \\'}</p>`.value).toBe('<p title="a&quot;b&#39;c">&lt;x&gt; &amp; &#92;</p>');
    // Nunjucks' own escape (node_modules/nunjucks/src/lib.js; its type declarations leave it out).
    const nunjucksEscape = (nunjucks.lib as unknown as { escape(s: string): string }).escape;
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => html`${s}`.value === nunjucksEscape(s)));
  });

  it('passes its own markup and raw() through, joins lists, prints nothing for null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`${inner}|${raw('<em>x</em>')}|${['<', html`<br>`, 2]}|${null}${undefined}${false}|${0}`.value).toBe('<b>&lt;i&gt;</b>|<em>x</em>|&lt;<br>2||0');
    expect(esc('plain')).toBe('plain');
  });

  it('collapses the template source indentation but never the values put into it', () => {
    const value = 'two  spaces\n  and a line';
    const out = html`<ul>
        <li>   ${value}   </li>
      </ul>`.value;
    expect(out).toBe(`<ul>\n<li> ${value} </li>\n</ul>`);
    // One call site run twice: its collapsed text is kept, each value still as given.
    for (const v of ['a  b', ' c ']) expect(html`<p>\n   ${v}</p>`.value).toBe(`<p>\n${v}</p>`);
  });

  it('escapes the words once: a word with & prints as &amp;, and the word functions escape their text', () => {
    const w = htmlWords({ a: 'Suhu & RH', f: (x: string) => `<${x}>`, list: ['"'] });
    expect(w.a.value).toBe('Suhu &amp; RH');
    expect(w.f('b').value).toBe('&lt;b&gt;');
    expect(w.list[0]!.value).toBe('&quot;');
  });
});

describe('round page', () => {
  it('escapes every free-text field of the records', () => {
    const r = page({
      room: { id: 'server', name: hostile('room'), location: hostile('location') },
      shift: { id: 'pagi', name: hostile('shift'), start: '07:00', end: '14:00' },
      officer: { id: 'dewi', name: hostile('officer'), nip: hostile('nip'), title: hostile('officer-title') },
      readings: [{ ...page().readings[0]!, pointName: hostile('point'), noteHtml: renderMarkdownInline(hostile('remark')) }],
      checks: [
        {
          ...page().checks[0]!,
          name: hostile('device'),
          categoryName: hostile('category'),
          noteHtml: renderMarkdownInline(hostile('check-note')),
          items: [{ label: hostile('item'), labelEn: null, type: 'number', value: 3, unit: hostile('unit'), min: 1, max: 5, ok: true }],
        },
      ],
      findings: [
        { id: 'T-1', anchor: 'temuan-t-1', equipment: 'ac-01', equipmentName: hostile('equipment'), point: null, pointName: null, equipmentUrl: '/perangkat/server/ac-01/', description: hostile('finding'), action: hostile('action'), status: 'terbuka', raisedOn: '2025-03-04', closedOn: null },
      ],
      notesHtml: renderMarkdownInline(hostile('notes')),
      approval: { state: 'approved', reason: null, by: { id: 'k', name: hostile('kasi'), nip: hostile('kasi-nip'), title: hostile('kasi-title') }, date: '2025-03-04T10:57:00+07:00', commit: MERGE },
      history: [{ kind: 'submitted', date: '2025-03-04T08:00:00+07:00', who: hostile('who'), commit: COMMIT, subject: hostile('subject') }],
      amendments: [{ by: { id: null, name: hostile('amended-by'), nip: null, title: null }, at: '2025-03-05T09:00:00+07:00', reason: hostile('amendment') }],
    });
    for (const lang of [0, 1]) {
      const out = render(r, lang);
      expect(out).not.toMatch(/<script/i);
      const fields = ['room', 'location', 'shift', 'officer', 'nip', 'officer-title', 'point', 'device', 'unit', 'equipment', 'finding', 'action', 'kasi', 'kasi-nip', 'kasi-title', 'who', 'subject', 'amended-by', 'amendment'];
      // The English page shows the English category name where there is one (this one has).
      for (const field of lang === 0 ? [...fields, 'item', 'category'] : [...fields, 'item']) expect(out, field).toContain(shown(field));
      // Remarks are Markdown rendered before (raw HTML escaped there), and inserted once, not escaped twice.
      for (const field of ['remark', 'check-note', 'notes']) {
        expect(out, field).toContain(renderMarkdownInline(hostile(field)));
        expect(out, field).not.toContain('&amp;lt;');
      }
    }
  });

  it('inserts the pre-rendered Markdown notes as markup', () => {
    const out = render(
      page({
        readings: [{ ...page().readings[0]!, noteHtml: '<em>dibaca ulang</em>' }],
        checks: [{ ...page().checks[0]!, noteHtml: '<strong>filter kotor</strong>' }],
        notesHtml: '<p>Lihat <a href="https://contoh.go.id/">tautan</a></p>',
      }),
    );
    expect(out).toContain('<div class="note"><em>dibaca ulang</em></div>');
    expect(out).toContain('<td class="remarks"><strong>filter kotor</strong></td>');
    expect(out).toContain('<div class="notes"><p>Lihat <a href="https://contoh.go.id/">tautan</a></p></div>');
    expect(out).not.toContain(SITE_TEXT.id.round.noNotes);
  });

  it('speaks each language: words, numbers, links and the English device names', () => {
    const id = render(page(), 0);
    const en = render(page(), 1);
    expect(id).toContain(`>${SITE_TEXT.id.round.formTemp.replace('&', '&amp;')}<`);
    expect(en).toContain(`>${SITE_TEXT.en.round.formTemp.replace('&', '&amp;')}<`);
    expect(id).toContain('<td class="num">22,7</td>');
    expect(en).toContain('<td class="num">22.7</td>');
    expect(id).toContain('href="/ronde/2025/03/ruang/server/"');
    expect(en).toContain('href="/en/ronde/2025/03/ruang/server/"');
    expect(id).toContain('AC presisi</span>');
    expect(en).toContain('Precision air conditioner</span>');
    expect(id).toContain('Set point suhu: <strong>21,5 °C</strong>');
    expect(en).toContain('Temperature set point: <strong>21.5 °C</strong>');
    expect(en).not.toContain('Unit menyala');
  });

  it('leaves the commit out of the approval stamp when the approval has none (no empty code)', () => {
    const approval = { ...page().approval, commit: null };
    const out = render(page({ approval }));
    expect(out).toContain('<p class="sig-stamp sig-approved">');
    expect(out).not.toContain('<code></code>');
    expect(out).not.toMatch(/<br><\/p>/);
  });

  it('names the SOP by its number when the config gives no title (never "null")', () => {
    const untitled = (lang: number) => roundPage(page(), { ...contexts[lang]!, model: { ...FRAME, sop: { number: '1/2024', title: null, approvedOn: null } } }, 'Judul');
    expect(untitled(0)).toContain('<dd>SOP Nomor 1/2024</dd>');
    expect(untitled(1)).toContain('<dd>SOP No. 1/2024</dd>');
    expect(untitled(0)).not.toContain('null');
    expect(render(page())).toContain('<dd>SOP Ronde Nomor 1/2024</dd>');
  });

  it('shows an approved round with the kasi, the time and the merge commit', () => {
    const out = render(page());
    expect(out).toContain('data-approval="approved"');
    expect(out).toContain('<p class="sig-stamp sig-approved">');
    expect(out).toContain('<code>1d6b7e84dd4e</code>');
    expect(out).toContain(`<code class="hash">${MERGE}</code>`);
    expect(out).toContain('<p class="sig-name">Hendra Kurniawan</p>');
    // Both forms' signature blocks and the record info give the approval time.
    expect(count(out, '4 Maret 2025, 10.57 WIB')).toBe(5);
    expect(out).not.toContain('sig-pending');
  });

  it('shows a pending round with its reason, and no approval time or kasi name', () => {
    const t = SITE_TEXT.id;
    const out = render(page({ approval: { state: 'unapproved', reason: 'direct-push', by: null, date: null, commit: null } }));
    expect(out).toContain('data-approval="unapproved"');
    expect(out).toContain(`<p class="sig-stamp sig-pending"><strong>${t.sig.pending}</strong><br>${t.approvalReason['direct-push']}</p>`);
    expect(out).toContain(`${t.approvalState.unapproved}</span> — ${t.approvalReason['direct-push']}</dd>`);
    expect(out).toContain(t.sig.placeDate('Contoh', '……………………'));
    expect(out).not.toContain('sig-approved');
    expect(out).not.toContain(t.round.approvalCommit);
  });

  it('shows a round whose approval history is incomplete as unknown', () => {
    const t = SITE_TEXT.en;
    const out = render(page({ approval: { state: 'unknown', reason: 'shallow-history', by: null, date: null, commit: null } }), 1);
    expect(out).toContain(`<p class="sig-stamp sig-unknown"><strong>${t.sig.unknown}</strong><br>${t.sig.unknownText}</p>`);
    expect(count(out, '<p class="sig-stamp sig-unknown">')).toBe(2);
    expect(out).not.toContain('sig-pending');
  });

  it('says who typed the round in when it was not the officer, on the form and by the signature', () => {
    const budi = { id: 'budi', name: 'Budi Santoso', nip: null, title: null };
    const text = render(page({ recordedBy: budi }));
    expect(count(text, 'dicatat oleh Budi Santoso atas nama Dewi Lestari')).toBe(4); // both forms: the head and the officer's signature
    expect(render(page({ recordedBy: budi }), 1)).toContain('recorded by Budi Santoso on behalf of Dewi Lestari');
    expect(render(page())).not.toContain('atas nama');
  });

  it('says so when a round has no findings, history or amendments, and lists them when it has', () => {
    const t = SITE_TEXT.id;
    const none = render(page());
    expect(none).toContain(`<p>${t.round.noFindings}</p>`);
    expect(none).toContain(`<p>${t.round.noHistory}</p>`);
    expect(none).not.toContain('<table class="form-table findings">');
    expect(none).not.toContain('<table class="history">');
    expect(none).not.toContain(`<h3>${t.round.amendments}</h3>`);

    const some = render(
      page({
        findings: [{ id: 'T-1', anchor: 'temuan-t-1', equipment: 'ac-01', equipmentName: 'AC 1', point: null, pointName: null, equipmentUrl: '/perangkat/server/ac-01/', description: 'Bocor', action: null, status: 'selesai', raisedOn: null, closedOn: '2025-03-06' }],
        history: [{ kind: 'submitted', date: '2025-03-04T08:00:00+07:00', who: 'Dewi', commit: COMMIT, subject: 'Ronde pagi' }],
        historyTruncated: true,
        amendments: [{ by: { id: null, name: 'Dewi', nip: null, title: null }, at: '2025-03-05T09:00:00+07:00', reason: 'Salah ketik' }],
      }),
    );
    expect(some).toContain('<a href="/temuan/#temuan-t-1">T-1</a>');
    expect(some).toContain('<td>–<br><span class="muted small">');
    expect(some).toContain('<tr class="event-submitted">');
    expect(some).toContain(`<code>${COMMIT.slice(0, 12)}</code>`);
    expect(some).toContain(t.round.historyTruncated);
    expect(some).toContain(`<h3>${t.round.amendments}</h3>`);
    expect(some).toContain('<td>Salah ketik</td>');
    expect(some).not.toContain(t.round.noFindings);
    expect(some).not.toContain(t.round.noHistory);
  });

  it('is placed in the site layout by the stored-page renderer, its markup unescaped', () => {
    const setup: RendererSetup = { includesDir: INCLUDES, sites: SITES.map((s) => ({ ...s, alternates: [] })), frame: FRAME };
    // The renderer takes a page as it travels (device rows naming their sheets) and puts the sheets back.
    const sheets = new Map<string, DeviceSheet>();
    const travelling: RoundPageData = {
      ...page(),
      checks: page().checks.map(({ items, no, status, ok, noteHtml, ...head }, k) => {
        sheets.set(`sheet-${k}`, { ...head, items: items.map(({ value: _v, ok: _o, ...text }) => text) });
        return { no, sheet: `sheet-${k}`, status, ok, values: items.map((it) => it.value), itemOk: items.map((it) => it.ok), noteHtml };
      }),
    };
    const out = createPageRenderer(setup, sheets)(0, 'round', page().url, travelling);
    expect(out).toMatch(/^\s*<!doctype html>/);
    expect(out).toContain('<title>Ronde Ruang Server, 4 Maret 2025, shift Pagi · ');
    expect(out).toContain(render(page()).replace('Judul', 'Ronde Ruang Server, 4 Maret 2025, shift Pagi'));
  });
});

describe('the macros the Nunjucks pages call', () => {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(INCLUDES), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  for (const [name, fn] of Object.entries(siteFilters())) env.addFilter(name, fn);
  for (const [name, fn] of Object.entries(siteGlobals())) env.addGlobal(name, fn);
  const njk = (body: string, lang = 0) =>
    env.renderString(`{% import "macros.njk" as m with context %}${body}`, { site: SITES[lang], t: SITE_TEXT[SITES[lang]!.lang], model: FRAME });

  it('print the same pieces as the TypeScript template', () => {
    const c = contexts[1]!;
    expect(njk('{{ m.verdict("attention") }}', 1)).toBe(PARTS.verdict(c, 'attention').value);
    expect(njk('{{ m.band({ min: 18.25, max: 27 }) }}', 1)).toBe(PARTS.band(c, { min: 18.25, max: 27 }).value);
    expect(njk('{{ m.range(1, null, "V") }}', 1)).toBe(PARTS.range(c, 1, null, 'V').value);
    expect(njk('{{ m.kop() }}')).toBe(PARTS.kop(contexts[0]!).value);
    expect(njk('{{ m.shiftName("pagi") }}')).toBe('Pagi');
  });

  it('escape what they are given once, and keep a macro passed to them as markup (as the macros did)', () => {
    expect(njk('{{ m.tableOpen("<x> & y") }}{{ m.tableClose() }}')).toBe('<div class="table-wrap" role="region" tabindex="0" aria-label="&lt;x&gt; &amp; y"></div>');
    expect(njk('{{ m.findingStatus(m.verdict("ok")) }}')).toContain('class="badge finding-<span class="badge verdict-ok">');
    expect(njk('{{ m.level("<b>") }}')).toBe('<span class="badge lvl-&lt;b&gt;"><span aria-hidden="true" class="icon"></span></span>');
  });
});
