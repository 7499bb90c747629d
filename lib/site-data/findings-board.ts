/**
 * The findings board (papan temuan): every finding id across the archive with its current status,
 * the round that raised it and the round that closed it, its age, and the maintenance that followed it up.
 * A finding's state is the one in the latest round that lists it (rounds carry open findings forward).
 */
import type { RoundEntry } from './round-index.ts';
import type { MaintenanceView } from './maintenance-list.ts';
import { findingAnchor } from './round-page.ts';

export interface RoundRef {
  url: string;
  date: string;
  shift: string;
}

export interface FindingView {
  id: string;
  /** Anchor on the findings board. */
  anchor: string;
  room: string;
  /** The device the finding is about, and/or the sensor point (a reading outside its range). */
  equipment: string | null;
  point: string | null;
  description: string;
  action: string | null;
  status: 'terbuka' | 'selesai';
  raisedOn: string;
  closedOn: string | null;
  raisedIn: RoundRef;
  closedIn: RoundRef | null;
  lastSeenIn: RoundRef;
  /** Rounds that list it. */
  rounds: number;
  /** Open: days from raised to `today`; closed: days from raised to closed. */
  ageDays: number;
  maintenance: { url: string; date: string; title: string }[];
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function findingsBoard(
  entries: readonly RoundEntry[],
  maintenance: readonly MaintenanceView[],
  today: string,
): FindingView[] {
  // Chronological across rooms: entries are grouped by room, so sort references first.
  const chrono = [...entries].sort((a, b) => a.date.localeCompare(b.date) || a.index - b.index);
  const byId = new Map<string, FindingView>();
  for (const e of chrono) {
    const ref: RoundRef = { url: e.url, date: e.date, shift: e.shift };
    for (const f of e.record.findings ?? []) {
      let v = byId.get(f.id);
      if (!v) {
        v = {
          id: f.id,
          anchor: findingAnchor(f.id),
          room: e.room,
          equipment: f.equipment ?? null,
          point: f.point ?? null,
          description: f.description,
          action: f.action ?? null,
          // Set from this occurrence just below, like every later one.
          status: 'terbuka',
          raisedOn: f.raised_on ?? e.date,
          closedOn: null,
          raisedIn: ref,
          closedIn: null,
          lastSeenIn: ref,
          rounds: 0,
          ageDays: 0,
          maintenance: [],
        };
        byId.set(f.id, v);
      }
      v.rounds++;
      v.lastSeenIn = ref;
      v.description = f.description;
      v.equipment = f.equipment ?? null;
      v.point = f.point ?? null;
      if (f.action) v.action = f.action;
      if (f.status === 'selesai' && v.status !== 'selesai') {
        v.closedIn = ref;
        v.closedOn = f.closed_on ?? e.date;
      } else if (f.status === 'terbuka') {
        v.closedIn = null;
        v.closedOn = null;
      }
      v.status = f.status;
    }
  }
  for (const m of maintenance) {
    for (const id of m.findings) byId.get(id)?.maintenance.push({ url: m.url, date: m.date, title: m.title });
  }
  const out = [...byId.values()];
  for (const v of out) v.ageDays = Math.max(0, daysBetween(v.raisedOn, v.status === 'selesai' ? (v.closedOn ?? today) : today));
  return out.sort(compareFindings);
}

/** Board order: open first (oldest first: the longest-standing is the most urgent), then closed, newest first. */
export function compareFindings(a: FindingView, b: FindingView): number {
  return a.status !== b.status
    ? a.status === 'terbuka' ? -1 : 1
    : a.status === 'terbuka'
      ? a.raisedOn.localeCompare(b.raisedOn) || a.id.localeCompare(b.id)
      : (b.closedOn ?? '').localeCompare(a.closedOn ?? '') || b.id.localeCompare(a.id);
}

/** Was the finding open at the end of a day (raised on/before it, not closed by then)? */
export function openOn(f: FindingView, date: string): boolean {
  return f.raisedOn <= date && (f.closedOn === null || f.closedOn > date);
}
