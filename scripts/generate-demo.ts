// `npm run demo [-- --seed N --days N --end YYYY-MM-DD --room ID --force]`: writes the demo archive
// (rounds + maintenance) from lib/demo into records/. Refuses to overwrite changed files without --force.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { DEFAULT_SEED, generateDemoArchive } from '../lib/demo/generate-rounds.ts';
import type { ChecklistsRecord, ConfigRecord, RoomRecord } from '../lib/types.generated.ts';

const root = resolve(import.meta.dirname, '..');
let args;
try {
  args = parseArgs({
    options: {
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      days: { type: 'string', default: '90' },
      end: { type: 'string', default: '2026-11-23' },
      room: { type: 'string', default: 'ruang-server-utama' },
      force: { type: 'boolean', default: false },
    },
  }).values;
} catch (e) {
  console.error(`Argumen tidak dikenal: ${(e as Error).message}`);
  process.exit(2);
}
const seed = Number(args.seed);
const days = Number(args.days);
if (!Number.isInteger(seed) || !Number.isInteger(days) || days < 30 || !/^\d{4}-\d{2}-\d{2}$/.test(args.end)) {
  console.error('Pemakaian: npm run demo -- [--seed <bilangan bulat>] [--days <≥30>] [--end YYYY-MM-DD] [--room <id>] [--force]');
  process.exit(2);
}

// The records are trusted repository files here; full validation is `npm run check`'s job.
const read = <T>(rel: string): T => parse(readFileSync(join(root, rel), 'utf8')) as T;
const archive = generateDemoArchive({
  config: read<ConfigRecord>('records/config.yaml'),
  checklists: read<ChecklistsRecord>('records/checklists.yaml'),
  room: read<RoomRecord>(`records/rooms/${args.room}.yaml`),
  endDate: args.end,
  days,
  seed,
});

const files = [...archive.rounds, ...archive.maintenance];
const changed = files.filter((f) => {
  const abs = join(root, f.path);
  return existsSync(abs) && readFileSync(abs, 'utf8') !== f.text;
});
if (changed.length > 0 && !args.force) {
  console.error(`${changed.length} berkas sudah ada dengan isi berbeda dan akan ditimpa:`);
  for (const f of changed) console.error(`  ${f.path}`);
  console.error('Tidak ada berkas yang ditulis. Jalankan lagi dengan --force untuk menimpa.');
  process.exit(1);
}
for (const f of files) {
  const abs = join(root, f.path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, f.text);
}
const s = archive.story.dates;
console.log(`Data contoh ditulis: ${archive.rounds.length} ronde dan ${archive.maintenance.length} catatan pemeliharaan (seed ${seed}).`);
console.log(`  AC rusak ${s.acFaultDay}, diperbaiki ${s.acFixedDay}; ronde sore terlewat ${s.missedDay}; temuan terbuka sejak ${s.dustDay}.`);
