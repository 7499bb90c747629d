/**
 * One round as the official forms: the body of the round page, inside layouts/base-body.njk, rendered
 * by lib/site-build/page-renderer.ts. A TypeScript template, not Nunjucks: a cold build renders it twice
 * per round (22,000 times at 11,000 rounds), and the Nunjucks template spent ≈330 µs a page in its
 * runtime (docs/decisions.md, "Site build at scale"). Every value is escaped by `html`; only the records'
 * pre-rendered Markdown (noteHtml, notesHtml) goes in through `raw`. The indentation below is for
 * reading: `html` does not publish it.
 */
import type { RoundPage } from '../../../lib/site-data/round-page.ts';
import { html, raw, type Html, type Value } from '../html.ts';
import { PARTS as m, type PageContext } from '../parts.ts';

type Reading = RoundPage['readings'][number];
type Check = RoundPage['checks'][number];
type Item = Check['items'][number];

export function roundPage(r: RoundPage, c: PageContext, title: string): string {
  const { w, f, model } = c;
  const th = r.thresholds;
  const ym = f.ym(r.date.slice(0, 7));
  const en = c.site.lang === 'en';
  const meta = formMeta(r, c);
  // Printed three times (both signature blocks, record info): formatted once.
  const approvedAt = r.approval.state === 'approved' ? f.instant(r.approval.date) : null;
  const signatures = sigBlock(r, c, approvedAt);
  return html`
<nav class="crumbs screen-only" aria-label="${w.breadcrumb}">
  <a href="${f.href('/ronde/')}">${w.rounds.title}</a> ›
  <a href="${f.href(`/ronde/${ym}/`)}">${f.month(r.date.slice(0, 7))}</a> ›
  <a href="${f.href(`/ronde/${ym}/ruang/${r.room.id}/`)}">${r.room.name}</a>
</nav>
<h1 class="screen-only">${title}</h1>
<p class="round-badges screen-only">${m.verdict(c, r.verdict)} ${m.approval(c, r.approval.state)}</p>
<p class="screen-only muted">${w.round.printHint}</p>
<nav class="pager screen-only" aria-label="${w.round.prev} / ${w.round.next}">
${r.prev ? html`<a rel="prev" href="${f.href(r.prev.url)}">← ${w.round.prev}: ${f.date(r.prev.date)}, ${m.shiftName(c, r.prev.shift)}</a>` : ''}${
    r.next ? html`<a rel="next" href="${f.href(r.next.url)}">${w.round.next}: ${f.date(r.next.date)}, ${m.shiftName(c, r.next.shift)} →</a>` : ''
  }</nav>


<section class="sheet" aria-labelledby="form-suhu">
  ${m.kop(c)}
  <h2 id="form-suhu" class="form-title">${w.round.formTemp}</h2>
  ${meta}
  ${formTable(c, {
    cls: 'form-table readings',
    caption: w.round.readingsCaption,
    cols: [[w.round.readingCols.no, 'num'], w.round.readingCols.point, w.round.readingCols.time, [w.round.readingCols.temp, 'num'], [w.round.readingCols.rh, 'num'], [w.round.readingCols.dew, 'num'], w.round.readingCols.level, w.round.readingCols.remarks],
    rows: r.readings.map((x) => readingRow(x, c)),
  })}
${r.summary.tempMin !== null ? html`<p>${w.round.summary(f.num(r.summary.tempMin), f.num(r.summary.tempMax), f.numl(r.summary.rhMin, 1), f.numl(r.summary.rhMax, 1))}</p>` : ''}${
    r.unassessed > 0 ? html`<p class="small muted">${w.round.outletNote}</p>` : ''
  }  ${formTable(c, {
    cls: 'form-table legend',
    searched: false,
    caption: w.round.legendCaption,
    cols: [w.round.band.metric, w.round.band.normal, w.round.band.recommended, w.round.band.critical],
    rows: html`<tr><th scope="row">${w.round.temperature}</th><td>${m.band(c, th.temperature_c.normal)}</td><td>${m.band(c, th.temperature_c.warning)}</td><td>${m.band(c, th.temperature_c.critical)}</td></tr>
      <tr><th scope="row">${w.round.humidity}</th><td>${m.band(c, th.humidity_pct.normal)}</td><td>${m.band(c, th.humidity_pct.warning)}</td><td>${m.band(c, th.humidity_pct.critical)}</td></tr>
      <tr><th scope="row">${w.round.dewPoint}</th><td>–</td><td>${m.band(c, th.dew_point_c.warning)}</td><td>${m.band(c, th.dew_point_c.critical)}</td></tr>
`,
  })}
  <p class="small">${w.round.rateLimit(f.numl(th.rate_c_per_hour))}</p>
  ${signatures}
</section>

<section class="sheet page-break" aria-labelledby="form-pemeliharaan">
  ${m.kop(c)}
  <h2 id="form-pemeliharaan" class="form-title">${w.round.formMaint}</h2>
  ${meta}
  ${formTable(c, {
    cls: 'form-table checks',
    caption: w.round.checksCaption,
    cols: [[w.round.checkCols.no, 'num'], w.round.checkCols.device, w.round.checkCols.standard, w.round.checkCols.status, w.round.checkCols.remarks],
    rows: r.checks.map((ch) => html`    <tr class="status-row-${ch.status}">
      <td class="num">${ch.no}</td>
      <th scope="row"><a href="${f.href(ch.url)}">${ch.name}</a><br><span class="muted small">${en && ch.categoryNameEn ? ch.categoryNameEn : ch.categoryName}</span></th>
      <td>
        <ul class="items" data-pagefind-ignore>
${ch.items.map((it) => checkItem(it, c))}        </ul>
      </td>
      <td>${m.status(c, ch.status)}</td>
      <td class="remarks">${ch.noteHtml ? raw(ch.noteHtml) : ''}</td>
    </tr>
`),
  })}

  <h3 id="temuan">${w.round.findings}</h3>
${r.findings.length ? findingsTable(r, c) : html`  <p>${w.round.noFindings}</p>
`}
  <h3>${w.round.notes}</h3>
${r.notesHtml ? html`<div class="notes">${raw(r.notesHtml)}</div>` : html`<p>${w.round.noNotes}</p>`}
  ${signatures}
</section>

<section class="record-info" aria-labelledby="keabsahan" data-pagefind-ignore>
  <h2 id="keabsahan">${w.round.integrity}</h2>
  <dl class="kv">
    <div><dt>${w.rounds.cols.approval}</dt><dd>${m.approval(c, r.approval.state)}${
      r.approval.state === 'approved'
        ? html` — ${r.approval.by?.name}, <time datetime="${r.approval.date}">${approvedAt}</time>`
        : r.approval.reason
          ? html` — ${w.approvalReason[r.approval.reason]}`
          : ''
    }</dd></div>
    <div><dt>${w.round.file}</dt><dd><code>${r.path}</code></dd></div>
    <div><dt>${w.round.blob}</dt><dd><code class="hash">${r.blob}</code></dd></div>
${r.commit ? html`<div><dt>${w.round.commit}</dt><dd><code class="hash">${r.commit}</code></dd></div>` : ''}${
    r.approval.state === 'approved' && r.approval.commit ? html`<div><dt>${w.round.approvalCommit}</dt><dd><code class="hash">${r.approval.commit}</code></dd></div>` : ''
  }  </dl>

  <h3>${w.round.timing}</h3>
  <ul class="plain timing">
    ${timingList(r, c)}
  </ul>

  <h3>${w.round.history}</h3>
${r.historyTruncated ? html`<p class="notice notice-warn">${w.round.historyTruncated}</p>` : ''}${r.history.length ? historyTable(r, c) : html`  <p>${w.round.noHistory}</p>
`}
${r.amendments.length ? amendmentsTable(r, c) : ''}</section>
`.value;
}

/** The head of both forms: room, date, shift, time, officer, verdict, SOP. */
function formMeta(r: RoundPage, c: PageContext): Html {
  const { w, f, model } = c;
  return html`<dl class="form-meta">
  <div><dt>${w.round.meta.room}</dt><dd>${r.room.name}${r.room.location ? html`, ${r.room.location}` : ''}</dd></div>
  <div><dt>${w.round.meta.date}</dt><dd>${f.dateLong(r.date)}</dd></div>
  <div><dt>${w.round.meta.shift}</dt><dd>${r.shift.name}${r.shift.start ? html` (${f.time(r.shift.start)}–${f.time(r.shift.end)} WIB)` : ''}</dd></div>
  <div><dt>${w.round.meta.time}</dt><dd>${f.time(r.startedAt)}${r.finishedAt ? html`–${f.time(r.finishedAt)}` : ''} WIB</dd></div>
  <div><dt>${w.round.meta.officer}</dt><dd>${r.officer.name}${r.recordedBy ? html` <span class="recorded-by">(${w.sig.recordedBy(r.recordedBy.name, r.officer.name)})</span>` : ''}</dd></div>
  <div><dt>${w.round.meta.verdict}</dt><dd>${m.verdict(c, r.verdict)}</dd></div>
${r.criteria ? html`<div><dt>${w.round.meta.criteria}</dt><dd>${w.round.meta.criteriaSince(f.dateLong(r.criteria.date.slice(0, 10)))}${r.criteria.current ? '' : html` (${w.round.meta.criteriaChanged})`}</dd></div>` : ''}${model.sop.number ? html`<div><dt>${w.round.meta.sop}</dt><dd>${w.sop(model.sop.number, model.sop.title)}</dd></div>` : ''}</dl>
`;
}

function readingRow(x: Reading, c: PageContext): Html {
  const { w, f } = c;
  // Every reason but the rate of change (shown with its numbers below), each followed by "; " unless it is the list's last.
  const reasons = x.reasons.map((reason, k) =>
    reason !== 'rate-of-change' ? html`<span>${w.reason[reason]}</span>${k < x.reasons.length - 1 ? '; ' : ''}` : '',
  );
  return html`    <tr class="row-${x.level || 'na'}">
      <td class="num">${x.no}</td>
      <th scope="row">${x.pointName}${x.position && x.position !== 'inlet' ? html`<br><span class="muted small sub">${w.position[x.position]}</span>` : ''}</th>
      <td>${f.time(x.time)}</td>
      <td class="num">${f.num(x.temperature)}</td>
      <td class="num">${f.numl(x.humidity, 1)}</td>
      <td class="num">${f.num(x.dewPoint)}</td>
      <td>${m.level(c, x.level)}</td>
      <td class="remarks">
${reasons}${x.rate ? html`<span>${w.reason['rate-of-change']}: ${w.rate(f.num(x.rate.deltaC), f.numl(x.rate.minutes), f.time(x.rate.from))}</span>` : ''}${
    x.noteHtml ? html`<div class="note">${raw(x.noteHtml)}</div>` : ''
  }      </td>
    </tr>
`;
}

function checkItem(it: Item, c: PageContext): Html {
  const { w, f } = c;
  const label = c.site.lang === 'en' && it.labelEn ? it.labelEn : it.label;
  const value = it.value as number | null;
  const measured =
    it.type === 'number'
      ? html`: <strong>${f.numl(value)}${value !== null && it.unit ? html` ${it.unit}` : ''}</strong> <span class="muted">(${w.round.standard} ${m.range(c, it.min, it.max, it.unit)})</span>`
      : '';
  return html`          <li class="item-${it.ok === null ? 'na' : it.ok ? 'ok' : 'bad'}">
            <span class="mark" aria-hidden="true">${it.ok === null ? '–' : it.ok ? '✓' : '✗'}</span>
            ${label}${measured}            <span class="visually-hidden">— ${it.ok === null ? w.round.notFilled : it.ok ? w.round.meets : w.round.notMeets}</span>
          </li>
`;
}

function findingsTable(r: RoundPage, c: PageContext): Html {
  const { w, f } = c;
  return formTable(c, {
    cls: 'form-table findings',
    caption: w.round.findings,
    captionHidden: true,
    cols: [w.round.findingCols.id, w.round.findingCols.device, w.round.findingCols.description, w.round.findingCols.action, w.round.findingCols.status],
    rows: r.findings.map((x) => html`    <tr>
      <th scope="row"><a href="${f.href('/temuan/')}#${x.anchor}">${x.id}</a></th>
      <td>${x.equipmentUrl ? html`<a href="${f.href(x.equipmentUrl)}">${x.equipmentName}</a>` : ''}${x.point ? html`${x.equipmentUrl ? html`<br>` : ''}<span class="muted">${w.findings.pointLabel}</span> ${x.pointName}` : ''}</td>
      <td>${x.description}${x.raisedOn ? html`<br><span class="muted small">${w.round.findingCols.raised} ${f.date(x.raisedOn)}</span>` : ''}</td>
      <td>${x.action || '–'}${x.closedOn ? html`<br><span class="muted small">${w.round.findingCols.closed} ${f.date(x.closedOn)}</span>` : ''}</td>
      <td>${m.findingStatus(c, x.status)}</td>
    </tr>
`),
  });
}

/** The SOP times: work against its standard, start within the shift, handover, archiving against its standard. */
function timingList(r: RoundPage, c: PageContext): Html {
  const { w, f } = c;
  const tm = r.timing;
  const shift = [r.shift.name, f.time(r.shift.start), f.time(r.shift.end)] as const;
  return html`<li>${
    tm.workMin !== null
      ? html`${w.round.work(f.duration(tm.workMin), f.duration(tm.workStandardMin))} ${m.verdict(c, tm.workWithin ? 'ok' : 'attention')}`
      : w.round.workUnknown
  }</li>
${tm.inShift === true ? html`<li>${w.round.inShift(...shift)} ${m.verdict(c, 'ok')}</li>
` : tm.inShift === false ? html`<li>${w.round.notInShift(...shift)} ${m.verdict(c, 'attention')}</li>` : ''}${
    tm.handoverMin !== null ? html`<li>${w.round.handover(f.duration(tm.handoverMin))}</li>` : ''
  }    <li>${
    tm.archiveMin !== null
      ? html`${w.round.archive(f.duration(tm.archiveMin), f.duration(tm.archiveStandardMin))} ${m.verdict(c, tm.archiveWithin ? 'ok' : 'attention')}`
      : tm.deviations.includes('time-unverified')
        ? w.round.archiveUnverified
        : tm.deviations.includes('time-not-vouched')
          ? w.round.archiveNotVouched
          : w.round.archivePending
  }</li>`;
}

function historyTable(r: RoundPage, c: PageContext): Html {
  const { w, f } = c;
  return formTable(c, {
    cls: 'history',
    caption: w.round.historyCaption,
    cols: [w.round.historyCols.when, w.round.historyCols.event, w.round.historyCols.who, w.round.historyCols.commit, w.round.historyCols.subject],
    rows: r.history.map((ev) => html`    <tr class="event-${ev.kind}">
      <td><time datetime="${ev.date}">${f.instant(ev.date)}</time></td>
      <th scope="row">${w.event[ev.kind]}</th>
      <td>${ev.who}</td>
      <td><code>${ev.commit.slice(0, 12)}</code></td>
      <td>${ev.subject}</td>
    </tr>
`),
  });
}

function amendmentsTable(r: RoundPage, c: PageContext): Html {
  const { w } = c;
  return html`  <h3>${w.round.amendments}</h3>
  ${formTable(c, {
    cls: null,
    caption: w.round.amendments,
    captionHidden: true,
    cols: [w.round.amendmentCols.at, w.round.amendmentCols.by, w.round.amendmentCols.reason],
    rows: r.amendments.map((a) => html`<tr><th scope="row">${a.at}</th><td>${a.by.name}</td><td>${a.reason}</td></tr>`),
  })}
`;
}

/**
 * One table of the forms in its scrollable region (named by its caption): a row of column names — a
 * `num` column is right-aligned —, then the rows. `searched: false` keeps it out of the search index.
 */
function formTable(
  c: PageContext,
  t: { cls: string | null; caption: Html; captionHidden?: boolean; searched?: boolean; cols: readonly (Html | readonly [Html, 'num'])[]; rows: Value },
): Html {
  const head = t.cols.map((col) => (Array.isArray(col) ? html`<th scope="col" class="num">${col[0]}</th>` : html`<th scope="col">${col}</th>`));
  return html`${m.tableOpen(c, t.caption)}
  <table${t.cls ? html` class="${t.cls}"` : ''}${t.searched === false ? html` data-pagefind-ignore` : ''}>
    <caption${t.captionHidden ? html` class="visually-hidden"` : ''}>${t.caption}</caption>
    <thead><tr>${head}</tr></thead>
    <tbody>
${t.rows}</tbody>
  </table>
  ${m.tableClose(c)}
`;
}

/** Signature block of a form: the officer, and "Mengetahui, Kepala Seksi" from the approval in git. */
function sigBlock(r: RoundPage, c: PageContext, approvedAt: string | null): Html {
  const { w, f, model } = c;
  const a = r.approval;
  const approved = a.state === 'approved';
  const kasiTitle = a.by?.title || model.kasi[0]?.title || w.sig.kasiRole(model.organization.section);
  const kasi =
    approved
      ? html`    <p class="sig-stamp sig-approved">${a.via === 'attestation' ? html`<a href="${f.href('/jejak/#pengesahan')}">${w.sig.approvedByAttestation}</a>` : w.sig.approved}<br><time datetime="${a.date}">${approvedAt}</time>${a.commit ? html`<br><code>${a.commit.slice(0, 12)}</code>` : ''}</p>
    <p class="sig-name">${a.by?.name}</p>
    <p class="sig-nip">${a.by?.nip ? html`${w.sig.nip} ${a.by.nip}` : w.sig.blankNip}</p>
`
      : a.state === 'unknown'
        ? html`    <p class="sig-stamp sig-unknown"><strong>${w.sig.unknown}</strong><br>${w.sig.unknownText}</p>
    <p class="sig-name">${w.sig.blankName}</p>
    <p class="sig-nip">${w.sig.blankNip}</p>
`
        : html`    <p class="sig-stamp sig-pending"><strong>${w.sig.pending}</strong>${a.reason ? html`<br>${w.approvalReason[a.reason]}` : ''}</p>
    <p class="sig-name">${w.sig.blankName}</p>
    <p class="sig-nip">${w.sig.blankNip}</p>
`;
  return html`<div class="signatures" data-pagefind-ignore>
  <div class="sig sig-officer">
    <p>&nbsp;</p>
    <p>${w.sig.officer}</p>
    <p class="sig-role">${r.officer.title || w.sig.officerRole}</p>
    <p class="sig-stamp sig-recorded">${w.sig.recorded}${r.history.length ? html`<br>${f.instant(r.history[0]!.date)}` : ''}${r.recordedBy ? html`<br>${w.sig.recordedBy(r.recordedBy.name, r.officer.name)}` : ''}</p>
    <p class="sig-name">${r.officer.name}</p>
    <p class="sig-nip">${r.officer.nip ? html`${w.sig.nip} ${r.officer.nip}` : w.sig.blankNip}</p>
  </div>
  <div class="sig sig-kasi" data-approval="${a.state}">
    <p>${w.sig.placeDate(model.organization.city || '', approvedAt ?? '……………………')}</p>
    <p>${w.sig.knowing}</p>
    <p class="sig-role">${kasiTitle}</p>
${kasi}  </div>
</div>
`;
}
