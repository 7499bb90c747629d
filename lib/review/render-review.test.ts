import { describe, expect, it } from 'vitest';
import { renderReview, REVIEW_MARKER } from './render-review.ts';
import type { RoundReview } from './round-review.ts';

/** A round whose every free text tries to blind the kasi's review or command the CI log. */
const HIDE = 'Ruang Server\n<!--';
const COMMAND = 'Pintu terbuka\n::warning title=Aman::semua baik';
const hostile: RoundReview = {
  path: 'records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml',
  change: 'added',
  room: 'ruang-server-utama',
  roomName: HIDE,
  date: '2026-11-24',
  shift: 'pagi',
  officer: 'budi',
  recordedBy: 'Budi\n::error::x',
  verdict: 'critical',
  startedAt: '08:00',
  finishedAt: '09:00',
  excursions: [{ point: 'rak-a', time: '08:05', temperatureC: 32.4, humidityPct: 45, dewPointC: 18.4, level: 'critical', note: COMMAND }],
  rateViolations: [],
  devicesNotOk: [{ equipment: 'ups-02', name: 'UPS <b>B</b> | x', status: 'rusak', note: '`\n<!-- sembunyikan -->' }],
  outOfRange: [],
  newFindings: [{ id: 'T-2026-900', equipment: 'ups-02', description: '**Tidak ada masalah** [klik](javascript:alert(1))', status: 'terbuka' }],
  closedFindings: [],
  stillOpen: [],
  sincePrevious: { previous: null, statusChanges: [], tempMeanDelta: null, rhMeanDelta: null },
};

describe('the review cannot be blinded', () => {
  const md = renderReview({ rounds: [hostile], timing: new Map(), problems: [], integrity: [] }, 'id');
  const lines = md.split('\n');

  it('no record text starts a line: no workflow command, no HTML comment, nothing hidden', () => {
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(md.split(REVIEW_MARKER)).toHaveLength(2); // the marker once, at the top
    expect(md).not.toContain('<!-- sembunyikan');
    expect(md.indexOf('<!--')).toBe(0);
    expect(md).not.toMatch(/<b>|[^\\]\]\(javascript/); // no tag, and the link text bracket is escaped: no link
  });

  it('still shows every hostile text, escaped, in the right place', () => {
    expect(md).toContain('### 🛑 kritis · Ronde Ruang Server &lt;!--');
    expect(md).toContain('Pintu terbuka ::warning title=Aman::semua baik');
    expect(md).toContain('UPS &lt;b&gt;B&lt;/b&gt; \\| x');
    expect(md).toContain('\\*\\*Tidak ada masalah\\*\\* \\[klik\\](javascript:alert(1))');
    expect(md).toContain('#### ');
  });

  it('lists the maintenance records the pull request adds, changes or deletes', () => {
    const withMaintenance = renderReview({ rounds: [], timing: new Map(), problems: [], integrity: [], maintenance: [
      { path: 'records/maintenance/2026/2026-10-07-kompresor.md', change: 'deleted', title: 'Penggantian <kompresor>' },
      { path: 'records/maintenance/2026/2026-11-20-uji.md', change: 'added', title: null },
    ] }, 'id');
    expect(withMaintenance).toContain('### Catatan pemeliharaan\n- 🛑 dihapus: Penggantian &lt;kompresor&gt; (`records/maintenance/2026/2026-10-07-kompresor.md`)\n- baru: (`records/maintenance/2026/2026-11-20-uji.md`)');
  });
});
