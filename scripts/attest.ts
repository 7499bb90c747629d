// npm run attest [-- --date YYYY-MM-DD] [--lang id|en]: the kasi's attestation of the archive kept before
// signatures: writes records/pengesahan/<date>.yaml listing every record version on main that no signed
// merge approved, for the kasi to read, sign and bring to main (lib/git/attestation.ts).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { ATTESTATIONS_DIR } from '../lib/git/approvals.ts';
import { readHistory } from '../lib/git/history.ts';
import type { Lang } from '../lib/i18n/lang.ts';
import { recordKindOf } from '../lib/paths.ts';
import { todayWib } from '../lib/time.ts';

const USAGE = (lang: Lang) => (lang === 'en' ? 'Usage: npm run attest -- [--date YYYY-MM-DD] [--lang en]' : 'Pemakaian: npm run attest -- [--date YYYY-MM-DD] [--lang en]');

const T = {
  id: {
    statement: 'Saya, Kepala Seksi, menyatakan bahwa versi berkas di bawah ini telah saya periksa dan setujui sebelum persetujuan dengan tanda tangan digital diberlakukan.',
    nothing: '✓ Semua ronde dan catatan pemeliharaan di main sudah disetujui dengan tanda tangan. Tidak ada yang perlu disahkan.',
    exists: (p: string) => `${p} sudah ada. Tidak ada yang ditulis; pilih tanggal lain dengan --date atau hapus berkas itu lebih dulu.`,
    written: (p: string, n: number) => `Pengesahan ditulis: ${p} (${n} versi berkas).`,
    next: (p: string, anchored: boolean) =>
      [
        'Langkah berikutnya (Kepala Seksi):',
        '  1. Baca daftarnya; hapus baris berkas yang TIDAK Anda setujui dahulu.',
        anchored
          ? `  2. Kirim berkas ini sendirian di cabang baru (git checkout -b pengesahan && git add ${p} && git commit -m "Pengesahan arsip lama"), lalu setujui dengan npm run approve.`
          : `  2. Tandatangani bersama daftar kunci dalam satu commit: git add records/allowed_signers ${p} && git commit -S -m "Kunci Kasi dan pengesahan arsip lama"; commit ini menjadi jangkar kepercayaan.`,
        '  Ronde yang tercantum akan tampil "disetujui melalui pengesahan" dengan tanggal commit tersebut.',
      ].join('\n'),
  },
  en: {
    statement: 'I, the head of section, declare that I checked and approved the file versions below before approval by digital signature was in use.',
    nothing: '✓ Every round and maintenance record on main is approved by signature. Nothing to attest.',
    exists: (p: string) => `${p} already exists. Nothing was written; choose another date with --date or remove that file first.`,
    written: (p: string, n: number) => `Attestation written: ${p} (${n} file versions).`,
    next: (p: string, anchored: boolean) =>
      [
        'Next steps (head of section):',
        '  1. Read the list; remove the lines of files you did NOT approve then.',
        anchored
          ? `  2. Send this file alone on a new branch (git checkout -b pengesahan && git add ${p} && git commit -m "Attest the old archive"), then approve it with npm run approve.`
          : `  2. Sign it together with the key list in one commit: git add records/allowed_signers ${p} && git commit -S -m "Kasi key and attestation"; that commit becomes the trust anchor.`,
        '  The listed rounds will read "approved by attestation" with that commit\'s date.',
      ].join('\n'),
  },
};

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { date: { type: 'string' } }, USAGE);
  if (!args.ok) return args.exitCode;
  const { lang, values, positionals } = args;
  const date = (values.date as string | undefined) ?? todayWib();
  if (positionals.length || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return usageError(lang, positionals.join(' ') || `--date ${date}`, USAGE);
  const t = T[lang];
  const root = process.cwd();
  const history = await readHistory(root);
  const pending = [...history.files.values()]
    .filter((f) => f.blob && !f.deleted && (recordKindOf(f.path) === 'round' || recordKindOf(f.path) === 'maintenance') && f.approval.state !== 'approved')
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  if (pending.length === 0) {
    console.log(t.nothing);
    return 0;
  }
  const rel = `${ATTESTATIONS_DIR}${date}.yaml`;
  if (existsSync(join(root, rel))) {
    console.error(t.exists(rel));
    return 1;
  }
  mkdirSync(join(root, ATTESTATIONS_DIR), { recursive: true });
  const lines = [`date: "${date}"`, `statement: ${JSON.stringify(t.statement)}`, 'versions:', ...pending.map((f) => `  ${f.path}: ${f.blob}`)];
  writeFileSync(join(root, rel), `${lines.join('\n')}\n`);
  console.log(t.written(rel, pending.length));
  console.log(t.next(rel, history.anchor !== null));
  return 0;
}

runCommand(main);
