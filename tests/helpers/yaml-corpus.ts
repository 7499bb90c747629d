/** The YAML fast path's comparison corpus and check, shared by the unit test and the opt-in scale test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect } from 'vitest';
import { syntheticConfig, syntheticRoom } from '../../lib/bench/synthetic-records.ts';
import { generateDemoArchive } from '../../lib/demo/generate-rounds.ts';
import { parseYamlSource, parseYamlSourceExact, type YamlSource } from '../../lib/load/yaml-source.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord } from '../../lib/types.generated.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export type Result = YamlSource | { problems: unknown[] };

/** Both paths on one input; throws (through expect) where they differ. */
export function expectSame(input: string | Uint8Array, file = 'x.yaml'): { fast: Result; exact: Result } {
  const fast = parseYamlSource(input, file);
  const exact = parseYamlSourceExact(input, file);
  if ('problems' in exact || 'problems' in fast) {
    expect(fast).toStrictEqual(exact);
  } else {
    // toStrictEqual tells -0 from 0 and NaN apart; JSON adds the key order.
    expect(fast.data).toStrictEqual(exact.data);
    expect(JSON.stringify(fast.data)).toBe(JSON.stringify(exact.data));
    expect(fast.positions).toStrictEqual(exact.positions);
  }
  return { fast, exact };
}

const readYaml = <T>(rel: string) => parse(readFileSync(join(REPO, rel), 'utf8')) as T;

/** A few hundred rounds as `npm run new` / the demo and bench generators write them, several room layouts. */
export function generatedRounds(size: { demoDays: number; benchRooms: number[]; benchDays: number }): string[] {
  const config = readYaml<ConfigRecord>('records/config.yaml');
  const checklists = readYaml<ChecklistsRecord>('records/checklists.yaml');
  const room = readYaml<RoomRecord>('records/rooms/ruang-server-utama.yaml');
  const demo = generateDemoArchive({ config, checklists, room, endDate: '2026-11-23', days: size.demoDays, seed: 7 });
  const texts = demo.rounds.map((r) => r.text);
  const benchConfig = syntheticConfig(config, new Map());
  for (const index of size.benchRooms) {
    const bench = generateDemoArchive({ config: benchConfig, checklists, room: syntheticRoom(index, 42), endDate: '2025-12-31', days: size.benchDays, seed: 42 + index });
    texts.push(...bench.rounds.map((r) => r.text));
  }
  return texts;
}

