/**
 * The downloads, written without ever holding the archive: while the build goes room by room, each
 * room-month's rows are turned into text once and written to a part file; at the end the parts are
 * read back month by month and assembled into the month and whole-archive files (assembleExports).
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleExports, monthPart, type ExportLink, type MonthPart } from '../site-data/exports.ts';
import type { RoundEntry } from '../site-data/round-index.ts';

export class ExportParts {
  private readonly partsDir: string;

  constructor(private readonly dir: string) {
    this.partsDir = join(dir, '.parts');
    mkdirSync(this.partsDir, { recursive: true });
  }

  /** One room's entries (in date order): one part per month. */
  add(entries: readonly RoundEntry[]): void {
    for (let i = 0; i < entries.length; ) {
      const { ym, room } = entries[i]!;
      let j = i;
      while (j < entries.length && entries[j]!.ym === ym) j++;
      mkdirSync(join(this.partsDir, ym), { recursive: true });
      writeFileSync(join(this.partsDir, ym, `${room}.json`), JSON.stringify(monthPart(ym, entries.slice(i, j))));
      i = j;
    }
  }

  /** Writes the download files and removes the parts; returns the links for the Unduh page (months in order, whole archive last). */
  assemble(meta: { generatedAt: string; demo: boolean }): ExportLink[] {
    const files = new Map<string, ExportLink>();
    for (const c of assembleExports(this.parts(), meta)) {
      const link = files.get(c.name);
      const bytes = Buffer.byteLength(c.text, 'utf8');
      if (link) {
        appendFileSync(join(this.dir, c.name), c.text, 'utf8');
        link.bytes += bytes;
        link.rows += c.rows;
      } else {
        writeFileSync(join(this.dir, c.name), c.text, 'utf8');
        files.set(c.name, { name: c.name, kind: c.kind, month: c.month, bytes, rows: c.rows });
      }
    }
    rmSync(this.partsDir, { recursive: true, force: true });
    return [...files.values()].sort((a, b) => (a.month === null ? 1 : 0) - (b.month === null ? 1 : 0) || (a.month ?? '').localeCompare(b.month ?? ''));
  }

  /** Parts in month order, rooms in name order within a month; one in memory at a time. */
  private *parts(): Generator<MonthPart> {
    for (const ym of readdirSync(this.partsDir).sort()) {
      for (const f of readdirSync(join(this.partsDir, ym)).sort()) yield JSON.parse(readFileSync(join(this.partsDir, ym, f), 'utf8')) as MonthPart;
    }
  }
}
