/** The data contract's paths (DESIGN.md). Every path here is relative to the archive root, with "/". */

export const RECORDS_DIR = 'records';
export const CONFIG_PATH = 'records/config.yaml';
export const CHECKLISTS_PATH = 'records/checklists.yaml';
export const ROUND_PATH_PATTERN = 'records/rounds/YYYY/MM/YYYY-MM-DD-<ruang>-<shift>.yaml';

export type RecordFileKind = 'config' | 'checklists' | 'room' | 'round' | 'maintenance';

export const roomPath = (room: string) => `records/rooms/${room}.yaml`;

export function roundPath(room: string, date: string, shift: string): string {
  const [y, m] = date.split('-');
  return `records/rounds/${y}/${m}/${date}-${room}-${shift}.yaml`;
}

export function maintenancePath(date: string, slug: string): string {
  return `records/maintenance/${date.slice(0, 4)}/${date}-${slug}.md`;
}

const ROUND_RE = /^records\/rounds\/(\d{4})\/(\d{2})\/((\d{4})-(\d{2})-\d{2})-([a-z0-9-]+)\.yaml$/;

/**
 * Splits a round path into date and "<room>-<shift>". Room ids may contain dashes, so the split
 * between room and shift needs the list of known shifts.
 */
export function parseRoundPath(path: string, shifts: readonly string[]): { date: string; room: string; shift: string } | null {
  const m = ROUND_RE.exec(path);
  if (!m || m[1] !== m[4] || m[2] !== m[5]) return null;
  const rest = m[6]!;
  // Longest shift id first, so "malam-2" wins over "2" style suffixes.
  for (const shift of [...shifts].sort((a, b) => b.length - a.length)) {
    if (rest.endsWith(`-${shift}`) && rest.length > shift.length + 1) {
      return { date: m[3]!, room: rest.slice(0, -shift.length - 1), shift };
    }
  }
  return null;
}

/** What kind of record a path holds, by its place in the data contract. */
export function recordKindOf(path: string): RecordFileKind | null {
  if (path === CONFIG_PATH) return 'config';
  if (path === CHECKLISTS_PATH) return 'checklists';
  if (/^records\/rooms\/[^/]+\.yaml$/.test(path)) return 'room';
  if (/^records\/rounds\/.+\.ya?ml$/.test(path)) return 'round';
  if (/^records\/maintenance\/.+\.md$/.test(path)) return 'maintenance';
  return null;
}

export const MAINTENANCE_RE = /^records\/maintenance\/(\d{4})\/((\d{4})-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Normalises a user-given path (OS separators, ./ prefix) to the contract's form. */
export const toPosixRelative = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
