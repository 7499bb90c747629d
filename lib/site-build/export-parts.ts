/**
 * The downloads, written without ever holding the archive: while the build goes room by room, each
 * room-month's rows are turned into text once and kept as a part in the content store (under the
 * hash of its rounds' files, approvals and evaluation context, so an unchanged month is not turned
 * into text again); at the end the parts are read back month by month and assembled into the month
 * and whole-archive files (assembleExports).
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleExports, monthPart, tooLargeForExcel, type ExportLink, type MonthPart } from '../site-data/exports.ts';
import type { RoundEntry } from '../site-data/round-index.ts';
import { hashOf, type ContentStore } from './content-store.ts';

export class ExportParts {
  /** Stored part files by month, then room. */
  private readonly parts = new Map<string, Map<string, string>>();

  constructor(
    private readonly dir: string,
    private readonly store: ContentStore,
    /** Hash of the code the rows come from. */
    private readonly fingerprint: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /**
   * One room's entries (in date order): one part per month. `context` names everything besides the
   * round files that the rows depend on (thresholds, checklists, the room's record).
   */
  add(entries: readonly RoundEntry[], context: string): void {
    for (let i = 0; i < entries.length; ) {
      const { ym, room } = entries[i]!;
      let j = i;
      while (j < entries.length && entries[j]!.ym === ym) j++;
      const month = entries.slice(i, j);
      const key = hashOf('export-part', this.fingerprint, context, ...month.map((e) => `${e.path} ${e.blob} ${e.criteria?.commit ?? ''} ${JSON.stringify(e.history.approval)}`));
      const file = this.store.ensure(key, () => encodePart(monthPart(ym, month)));
      (this.parts.get(ym) ?? this.parts.set(ym, new Map()).get(ym)!).set(room, file);
      i = j;
    }
  }

  /** Writes the download files and returns the links for the Unduh page (months in order, whole archive last). */
  assemble(meta: { generatedAt: string; demo: boolean }): ExportLink[] {
    const files = new Map<string, ExportLink>();
    for (const c of assembleExports(this.partsInOrder(), meta)) {
      const link = files.get(c.name);
      const bytes = typeof c.text === 'string' ? Buffer.byteLength(c.text, 'utf8') : c.text.length;
      if (link) {
        appendFileSync(join(this.dir, c.name), c.text);
        link.bytes += bytes;
        link.rows += c.rows;
      } else {
        writeFileSync(join(this.dir, c.name), c.text);
        files.set(c.name, { name: c.name, kind: c.kind, month: c.month, bytes, rows: c.rows });
      }
    }
    for (const f of files.values()) f.excelTooLarge = tooLargeForExcel(f);
    return [...files.values()].sort((a, b) => (a.month === null ? 1 : 0) - (b.month === null ? 1 : 0) || (a.month ?? '').localeCompare(b.month ?? ''));
  }

  /** Parts in month order, rooms in name order within a month; one in memory at a time. */
  private *partsInOrder(): Generator<MonthPart> {
    for (const ym of [...this.parts.keys()].sort()) {
      const rooms = this.parts.get(ym)!;
      for (const room of [...rooms.keys()].sort()) {
        const file = rooms.get(room)!;
        let part: MonthPart;
        try {
          part = decodePart(readFileSync(file));
        } catch (e) {
          // A cut-off part (disk full, a copied cache): removed, so the next build makes it again.
          rmSync(file, { force: true });
          throw new DamagedPartError(file, (e as Error).message);
        }
        yield part;
      }
    }
  }
}

/** A stored download part that cannot be read back; it has been removed from the store. */
export class DamagedPartError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/**
 * A stored part: one JSON header line (the counts and the byte length of each text), then the three
 * texts as they are — read back as bytes and written into the download files without being escaped,
 * parsed or decoded again (at 200,000 rounds the parts are ≈7 GB of text).
 */
export function encodePart(p: MonthPart & { readings: string; checks: string; json: string }): string[] {
  const texts = [p.readings, p.checks, p.json];
  const head = { ym: p.ym, readingRows: p.readingRows, checkRows: p.checkRows, rounds: p.rounds, bytes: texts.map((t) => Buffer.byteLength(t, 'utf8')) };
  // In pieces (fillStoreFile writes them one by one): a month's texts are megabytes, never joined again.
  return [`${JSON.stringify(head)}\n`, ...texts];
}

export function decodePart(bytes: Buffer): MonthPart {
  const nl = bytes.indexOf(0x0a);
  const head = JSON.parse(bytes.subarray(0, nl).toString('utf8')) as { ym: string; readingRows: number; checkRows: number; rounds: number; bytes: [number, number, number] };
  const [a, b, c] = head.bytes;
  const start = nl + 1;
  if (bytes.length !== start + a + b + c) throw new Error(`damaged download part (${head.ym}): expected ${start + a + b + c} bytes, found ${bytes.length}`);
  return {
    ym: head.ym,
    readingRows: head.readingRows,
    checkRows: head.checkRows,
    rounds: head.rounds,
    readings: bytes.subarray(start, start + a),
    checks: bytes.subarray(start + a, start + a + b),
    json: bytes.subarray(start + a + b),
  };
}
