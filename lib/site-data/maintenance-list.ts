import type { ArchiveHistory } from '../git/history.ts';
import type { LoadedMaintenance } from '../load/archive.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { personOf, recordHistory, type PersonView, type RecordHistoryView } from './approval.ts';
import { renderMarkdown } from './markdown.ts';

/** A maintenance record (pemeliharaan) as the site shows it. */
export interface MaintenanceView {
  slug: string;
  /** /pemeliharaan/<YYYY>/<slug>/ */
  url: string;
  path: string;
  blob: string;
  date: string;
  title: string;
  room: string;
  equipment: string[];
  officer: PersonView;
  kind: 'preventif' | 'korektif';
  vendor: string | null;
  findings: string[];
  startedAt: string | null;
  finishedAt: string | null;
  bodyHtml: string;
  amendments: { by: PersonView; at: string; reason: string }[];
  history: RecordHistoryView;
}

export function maintenanceViews(
  records: readonly LoadedMaintenance[],
  history: ArchiveHistory | null,
  config: ConfigRecord | undefined,
): MaintenanceView[] {
  return records
    .map((m) => {
      const slug = m.path.slice(m.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
      const d = m.data;
      return {
        slug,
        url: `/pemeliharaan/${d.date.slice(0, 4)}/${slug}/`,
        path: m.path,
        blob: m.blob,
        date: d.date,
        title: d.title,
        room: d.room,
        equipment: [...d.equipment],
        officer: personOf(config, d.officer),
        kind: d.kind,
        vendor: d.vendor ?? null,
        findings: d.findings ?? [],
        startedAt: d.started_at ?? null,
        finishedAt: d.finished_at ?? null,
        bodyHtml: renderMarkdown(m.body),
        amendments: (d.amendments ?? []).map((a) => ({ by: personOf(config, a.by), at: a.at, reason: a.reason })),
        history: recordHistory(history, m.path, m.blob, config),
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.slug.localeCompare(b.slug));
}
