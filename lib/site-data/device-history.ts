/**
 * Inventory and per-device condition history across rounds. The history is kept compact: runs of
 * the same status (baik from … to …, N rounds) plus every check that was not fine, so a device page
 * stays small however long the archive grows.
 */
import type { CheckStatus } from '../evaluate/index.ts';
import type { ChecklistsRecord, RoomRecord } from '../types.generated.ts';
import type { FindingView } from './findings-board.ts';
import type { MaintenanceView } from './maintenance-list.ts';
import { renderMarkdownInline } from './markdown.ts';
import type { RoundEntry } from './round-index.ts';
import { own } from '../own.ts';

export interface StatusRun {
  status: CheckStatus;
  fromDate: string;
  fromShift: string;
  fromUrl: string;
  toDate: string;
  toShift: string;
  toUrl: string;
  rounds: number;
}

export interface NotableCheck {
  date: string;
  shift: string;
  url: string;
  status: CheckStatus;
  noteHtml: string;
  /** Items not meeting the standard: label (id and en), value, unit and range. */
  issues: { label: string; labelEn: string | null; value: number | boolean | null; unit: string | null; min: number | null; max: number | null }[];
}

export interface DeviceView {
  room: string;
  id: string;
  name: string;
  category: string;
  categoryName: string;
  categoryNameEn: string | null;
  brand: string | null;
  model: string | null;
  serial: string | null;
  rack: string | null;
  installed: string | null;
  retired: string | null;
  /** /perangkat/<room>/<id>/ */
  url: string;
  latest: { status: CheckStatus; date: string; shift: string; url: string } | null;
  counts: Record<CheckStatus, number>;
  runs: StatusRun[];
  /** The latest NOTABLE_SHOWN checks that were not fine, oldest first (all of them are in the checks CSV). */
  notable: NotableCheck[];
  notableTotal: number;
  findings: { id: string; anchor: string; status: string; description: string; raisedOn: string; closedOn: string | null }[];
  maintenance: { url: string; date: string; title: string; kind: string }[];
}

/**
 * A device page lists at most this many not-fine checks: over ten years a device flagged every few days
 * would otherwise make a page of thousands of rows (and hold megabytes per device in the build).
 */
export const NOTABLE_SHOWN = 100;

export function deviceHistories(
  rooms: ReadonlyMap<string, RoomRecord>,
  checklists: ChecklistsRecord | undefined,
  entries: readonly RoundEntry[],
  findings: readonly FindingView[],
  maintenance: readonly MaintenanceView[],
): DeviceView[] {
  const views = new Map<string, DeviceView>();
  const key = (room: string, id: string) => `${room}\u0000${id}`;
  for (const [roomId, room] of [...rooms].sort(([a], [b]) => a.localeCompare(b))) {
    for (const eq of room.equipment) {
      const cat = own(checklists?.categories, eq.category);
      views.set(key(roomId, eq.id), {
        room: roomId,
        id: eq.id,
        name: eq.name,
        category: eq.category,
        categoryName: cat?.name ?? eq.category,
        categoryNameEn: cat?.name_en ?? null,
        brand: eq.brand ?? null,
        model: eq.model ?? null,
        serial: eq.serial ?? null,
        rack: eq.rack ?? null,
        installed: eq.installed ?? null,
        retired: eq.retired ?? null,
        url: `/perangkat/${roomId}/${eq.id}/`,
        latest: null,
        counts: { baik: 0, 'perlu-perhatian': 0, rusak: 0, 'tidak-diperiksa': 0 },
        runs: [],
        notable: [],
        notableTotal: 0,
        findings: [],
        maintenance: [],
      });
    }
  }
  // entries are in room, date, shift order: each device's checks arrive chronologically.
  for (const e of entries) {
    for (const c of e.evaluation.checks) {
      const v = views.get(key(e.room, c.equipment));
      if (!v) continue; // unknown equipment: the checker reports it
      v.counts[c.status]++;
      v.latest = { status: c.status, date: e.date, shift: e.shift, url: e.url };
      const last = v.runs[v.runs.length - 1];
      if (last && last.status === c.status) {
        last.toDate = e.date;
        last.toShift = e.shift;
        last.toUrl = e.url;
        last.rounds++;
      } else {
        v.runs.push({ status: c.status, fromDate: e.date, fromShift: e.shift, fromUrl: e.url, toDate: e.date, toShift: e.shift, toUrl: e.url, rounds: 1 });
      }
      if (c.status !== 'baik' || c.outOfRange.length > 0 || c.failedItems.length > 0) {
        v.notable.push({
          date: e.date,
          shift: e.shift,
          url: e.url,
          status: c.status,
          noteHtml: renderMarkdownInline(e.record.checks[c.index]?.note),
          issues: [...c.outOfRange, ...c.failedItems].map((i) => ({
            label: i.label,
            labelEn: i.labelEn,
            value: i.value,
            unit: i.unit,
            min: i.min,
            max: i.max,
          })),
        });
      }
    }
  }
  for (const v of views.values()) {
    v.notableTotal = v.notable.length;
    if (v.notable.length > NOTABLE_SHOWN) v.notable = v.notable.slice(-NOTABLE_SHOWN);
  }
  for (const f of findings) {
    if (f.equipment) views.get(key(f.room, f.equipment))?.findings.push({ id: f.id, anchor: f.anchor, status: f.status, description: f.description, raisedOn: f.raisedOn, closedOn: f.closedOn });
  }
  for (const m of maintenance) {
    for (const id of m.equipment) views.get(key(m.room, id))?.maintenance.push({ url: m.url, date: m.date, title: m.title, kind: m.kind });
  }
  return [...views.values()];
}
