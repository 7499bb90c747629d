import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script.ts';
import { ADMIN_BUDI, cleanup, env, git, workspace, yesterdayWib } from './helpers.ts';

/**
 * A branch with an out-of-range reading, a broken device and a threshold change: the review summary
 * must show all three to the kasi, without GitHub.
 */
let clone: string;
let home: string;
let markdown: string;
let english: string;
let roundPath: string;

beforeAll(() => {
  const ws = workspace();
  home = ws.home;
  clone = ws.clone('admin', ADMIN_BUDI);
  const date = yesterdayWib();
  git(clone, ['checkout', '-q', '-b', 'ronde/test'], home);
  const room = readFileSync(join(clone, 'records/rooms/ruang-server-utama.yaml'), 'utf8');
  const equipment = [...room.matchAll(/\{ id: ([a-z0-9-]+), name: [^,]+, category: ([a-z]+)/g)].map((m) => ({ id: m[1]!, category: m[2]! }));
  const checks = equipment
    .map(({ id }) =>
      id === 'ups-02'
        ? `  - equipment: ${id}\n    status: rusak\n    note: "UPS mati total, lampu indikator padam"\n`
        : `  - equipment: ${id}\n    status: tidak-diperiksa\n    note: "Uji ringkasan"\n`,
    )
    .join('');
  roundPath = `records/rounds/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-ruang-server-utama-pagi.yaml`;
  mkdirSync(join(clone, roundPath, '..'), { recursive: true });
  writeFileSync(
    join(clone, roundPath),
    `room: ruang-server-utama\ndate: "${date}"\nshift: pagi\nofficer: sari\nstarted_at: "08:00"\nfinished_at: "09:20"\n` +
      `readings:\n  - { point: rak-a-depan, time: "08:05", temperature_c: 28.5, humidity_pct: 45, note: "Pintu rak terbuka" }\n` +
      `  - { point: rak-b-depan, time: "08:06", temperature_c: 22.0, humidity_pct: 50 }\n` +
      `checks:\n${checks}findings:\n  - { id: T-2026-900, equipment: ups-02, description: UPS B mati, status: terbuka }\n`,
  );
  const config = readFileSync(join(clone, 'records/config.yaml'), 'utf8');
  writeFileSync(join(clone, 'records/config.yaml'), config.replace('normal: { min: 20, max: 25 }', 'normal: { min: 20, max: 26 }'));
  git(clone, ['add', '-A'], home);
  git(clone, ['commit', '-q', '-m', 'Ronde uji'], home);
  const review = (lang: string) => runScript('review', ['--base', 'origin/main', '--lang', lang], clone, { env: env(home) as Record<string, string> });
  const id = review('id');
  expect(id.err).toBe('');
  expect(id.code).toBe(0);
  markdown = id.out;
  if (process.env.RONDA_SHOW_REVIEW) console.log(markdown);
  english = review('en').out;
});
afterAll(cleanup);

describe('npm run review', () => {
  it('says the round was typed in by someone other than its officer', () => {
    expect(markdown).toContain('Dicatat oleh **Budi Santoso, S.Kom.** atas nama petugas **sari**');
    expect(english).toContain('Recorded by **Budi Santoso, S.Kom.** on behalf of officer **sari**');
  });

  it('starts with the hidden marker the CI comment step updates', () => {
    expect(markdown.startsWith('<!-- ronda-review -->')).toBe(true);
  });

  it('lists the out-of-range reading with its level and note, in id-ID numbers', () => {
    expect(markdown).toMatch(/\| rak-a-depan \| 08:05 \| 28,5 \| 45 \| [\d,]+ \| peringatan \| Pintu rak terbuka \|/);
    expect(english).toMatch(/\| rak-a-depan \| 08:05 \| 28\.5 \| 45 \| [\d.]+ \| warning \| Pintu rak terbuka \|/);
  });

  it('lists the broken device with its note and the new finding', () => {
    expect(markdown).toContain('| UPS 10 kVA B (`ups-02`) | **rusak** | UPS mati total, lampu indikator padam |');
    expect(markdown).toMatch(/\*\*T-2026-900\*\* \(baru\)/);
  });

  it('warns the kasi about the threshold change', () => {
    expect(markdown).toMatch(/⚠️ `records\/config\.yaml:\d+` perubahan .*ambang batas.* perlu persetujuan Kasi/);
  });

  it('says first, above every round, that a threshold change rides along with a round', () => {
    const head = markdown.split('### ')[0]!;
    expect(head).toMatch(/> 🛑 \*\*perubahan kunci, staf, ambang batas, atau checklist dikirim bersama 1 berkas lain \(mis\. records\/rounds\/.+\)\*\* \(`records\/config\.yaml`\)/);
    expect(english.split('### ')[0]).toContain('sent together with 1 other files');
  });

  it('reports the SOP timing of the round', () => {
    expect(markdown).toContain('Pengecekan dan pencatatan: 1 jam 20 menit (mutu baku 2 jam)');
    expect(markdown).toContain('Lebih dari 1 jam sejak mulai');
  });

  it('gives a verdict headline per round', () => {
    expect(markdown).toMatch(/### 🛑 kritis · Ronde Ruang Server Utama/);
  });
});
