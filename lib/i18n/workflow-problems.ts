import type { Lang } from './lang.ts';

type Params = Record<string, string | number>;
export interface ProblemText { message: (p: Params) => string; fix: (p: Params) => string }

/**
 * Problem texts of the workflow modules: logger import (lib/import) and archive integrity
 * (lib/git/integrity.ts). Spread into PROBLEM_TEXTS by lib/i18n/problem-messages.ts.
 */
const WHAT_ID: Record<string, string> = {
  thresholds: 'ambang batas (thresholds)', staff: 'daftar staff', schedule: 'jadwal ronde (schedule)', holidays: 'hari libur (holidays)',
  shifts: 'shift', sop_time_standards: 'mutu baku waktu SOP', timezone: 'zona waktu', category: 'kategori', 'new-room': 'ruang baru', 'room-deleted': 'berkas ruang dihapus',
  equipment: 'inventaris perangkat', sensor_points: 'titik sensor', categories: 'kategori checklist',
};
const WHAT_EN: Record<string, string> = {
  thresholds: 'thresholds', staff: 'staff list', schedule: 'round schedule', holidays: 'holidays', shifts: 'shifts',
  sop_time_standards: 'SOP time standards', timezone: 'time zone', category: 'category', 'new-room': 'new room', 'room-deleted': 'room file deleted',
  equipment: 'equipment inventory', sensor_points: 'sensor points', categories: 'checklist categories',
};
const what = (p: Params, table: Record<string, string>) => `${table[String(p.what)] ?? p.what}${p.detail ? ` (${p.detail})` : ''}`;

const id: Record<string, ProblemText> = {
  'import-empty': { message: () => 'berkas ekspor logger tidak berisi data', fix: () => 'Periksa bahwa berkas yang dipilih adalah hasil ekspor logger (CSV Govee atau teks Elitech).' },
  'import-bad-file': { message: (p) => `berkas ekspor tidak dapat dibaca: ${p.detail}`, fix: () => 'Ekspor ulang dari aplikasi logger tanpa menyuntingnya di Excel.' },
  'import-columns-missing': { message: (p) => `kolom ${p.missing} tidak ditemukan di judul kolom (${p.header})`, fix: () => 'Judul kolom harus memuat kata waktu/time, suhu/temperature dan kelembaban/humidity.' },
  'import-unknown-layout': { message: (p) => `susunan kolom tidak dikenali: ${p.row}`, fix: () => 'Format yang dikenal: CSV Govee (dengan judul kolom) dan teks Elitech (no, tanggal jam, suhu, RH).' },
  'import-unit-conflict': { message: (p) => `judul kolom menyebut satuan °${p.header}, tetapi --unit ${String(p.given).toLowerCase()} diberikan`, fix: () => 'Hapus --unit; satuan dari judul kolom yang dipakai.' },
  'import-unit-unknown': { message: (p) => `satuan suhu tidak dapat ditentukan${p.header ? ` dari judul kolom "${p.header}"` : ' (berkas tanpa judul kolom)'}`, fix: () => 'Tambahkan --unit c (Celsius) atau --unit f (Fahrenheit) sesuai pengaturan logger.' },
  'import-bad-row': { message: (p) => `baris tidak dapat dibaca: ${p.row}`, fix: () => 'Setiap baris harus berisi tanggal jam (YYYY-MM-DD HH:MM:SS), suhu dan kelembaban berupa angka.' },
  'import-no-samples': { message: (p) => `tidak ada data logger tanggal ${p.date} pukul ${p.from}–${p.to}`, fix: () => 'Periksa tanggal ronde, atau beri --start dan --end sesuai jam ronde.' },
  'changed-after-approval': { message: (p) => `berkas ini sudah disetujui ${p.by} (${p.date}), lalu diubah di main tanpa persetujuan (commit ${p.commit})`, fix: () => 'Kembalikan versi yang disetujui (git revert commit itu), lalu kirim koreksi sebagai ralat (amendments) lewat pull request yang disetujui Kasi.' },
  'approved-record-deleted': { message: (p) => `berkas yang sudah disetujui ${p.by} (${p.date}) dihapus dari main (commit ${p.commit})`, fix: () => 'Catatan yang disetujui tidak boleh dihapus. Kembalikan berkasnya (git revert commit itu); bila isinya salah, perbaiki dengan ralat (amendments).' },
  'history-rewritten': { message: (p) => `riwayat main tidak lagi memuat commit ${p.commit} yang diterbitkan sebelumnya (riwayat ditulis ulang atau di-force-push)`, fix: () => 'Pulihkan main dari salinan yang benar (mis. repositori cadangan atau klon Kasi), lalu laporkan ke Kasi. Jangan menerbitkan dari riwayat ini.' },
  'parents-swapped': { message: (p) => `merge ${p.commit} di main menyembunyikan persetujuan Kasi ${p.hidden} dari riwayat utama main (merge itu dibuat di atas commit lama)`, fix: () => 'Riwayat main dibelokkan: persetujuan, pencabutan kunci, atau pergantian staf di garis lama disembunyikan. Kembalikan main ke commit sebelum merge itu dan laporkan ke Kasi.' },
  'cache-tracked': { message: (p) => `folder .ronda-cache/ ikut di-commit (${p.count} berkas)`, fix: () => 'Cache hanya milik mesin yang membangun. Hapus dari repositori: git rm -r --cached .ronda-cache && git commit, dan pastikan .ronda-cache/ ada di .gitignore.' },
  'integrity-unavailable': { message: (p) => `riwayat git main tidak dapat dibaca untuk memeriksa keutuhan arsip (${p.detail})`, fix: () => 'Pastikan ini klon lengkap (bukan shallow) dan git terpasang; ulangi npm run check.' },
  'published-version-gone': { message: () => 'versi berkas ini yang diterbitkan sebagai disetujui tidak ada lagi sebagai versi yang disetujui di riwayat ini', fix: () => 'Bandingkan dengan situs terbitan sebelumnya dan pulihkan riwayat main; laporkan ke Kasi.' },
  'governance-mixed': { message: (p) => `perubahan kunci, staf, ambang batas, atau checklist dikirim bersama ${p.others} berkas lain (mis. ${p.example})`, fix: () => 'Perubahan aturan disetujui Kasi tersendiri, tidak boleh menumpang ronde atau catatan lain. Pisahkan: kirim berkas ini dalam pull request sendiri, dan berkas lainnya di cabang lain.' },
  'approved-round-deleted': { message: (p) => `ronde yang sudah disetujui ${p.by} (${p.date}) dihapus`, fix: () => 'Ronde yang disetujui tidak boleh dihapus. Kembalikan berkasnya; bila ada kesalahan, ubah isinya dan tambahkan entri amendments (by, at, reason).' },
  'approved-round-changed': { message: (p) => `ronde yang sudah disetujui ${p.by} (${p.date}) diubah tanpa entri amendments baru`, fix: () => 'Tambahkan entri di amendments: by (id staff), at (YYYY-MM-DD), reason (alasan perubahan); perubahan perlu disetujui Kasi lagi.' },
  'amendment-removed': { message: () => 'entri amendments lama diubah atau dihapus', fix: () => 'Riwayat perubahan tidak boleh diubah; kembalikan entri lama dan tambahkan entri baru di bawahnya.' },
  'needs-kasi-attention': { message: (p) => `perubahan ${what(p, WHAT_ID)} perlu persetujuan Kasi`, fix: () => 'Kasi perlu meninjau perubahan ini sebelum digabung ke main.' },
  'integrity-bad-ref': { message: (p) => `ref git "${p.ref}" tidak ditemukan`, fix: () => 'Beri nama cabang atau commit yang ada, mis. --against origin/main.' },
};

const en: Record<string, ProblemText> = {
  'import-empty': { message: () => 'the logger export holds no data', fix: () => 'Check that the file is a logger export (Govee CSV or Elitech text).' },
  'import-bad-file': { message: (p) => `the export cannot be read: ${p.detail}`, fix: () => 'Export it again from the logger app without editing it in Excel.' },
  'import-columns-missing': { message: (p) => `column ${p.missing} not found in the header (${p.header})`, fix: () => 'The header must name a time, a temperature and a humidity column.' },
  'import-unknown-layout': { message: (p) => `unknown column layout: ${p.row}`, fix: () => 'Known formats: Govee CSV (with a header) and Elitech text (index, date time, temperature, RH).' },
  'import-unit-conflict': { message: (p) => `the header says °${p.header}, but --unit ${String(p.given).toLowerCase()} was given`, fix: () => 'Drop --unit; the header\'s unit is used.' },
  'import-unit-unknown': { message: (p) => `the temperature unit cannot be told${p.header ? ` from the header "${p.header}"` : ' (file without a header)'}`, fix: () => 'Add --unit c (Celsius) or --unit f (Fahrenheit) as the logger is set.' },
  'import-bad-row': { message: (p) => `row cannot be read: ${p.row}`, fix: () => 'Each row needs a date-time (YYYY-MM-DD HH:MM:SS), a temperature and a humidity as numbers.' },
  'import-no-samples': { message: (p) => `no logger samples on ${p.date} between ${p.from} and ${p.to}`, fix: () => 'Check the round date, or give --start and --end matching the round.' },
  'changed-after-approval': { message: (p) => `this file was approved by ${p.by} (${p.date}) and then changed on main without approval (commit ${p.commit})`, fix: () => 'Restore the approved version (git revert that commit), then send the correction as an amendment in a pull request the kasi approves.' },
  'approved-record-deleted': { message: (p) => `a file approved by ${p.by} (${p.date}) was deleted from main (commit ${p.commit})`, fix: () => 'Approved records are never deleted. Restore the file (git revert that commit); correct its content with an amendment.' },
  'history-rewritten': { message: (p) => `main's history no longer contains commit ${p.commit}, published before (history rewritten or force-pushed)`, fix: () => 'Restore main from a good copy (a backup repository or the kasi\'s clone) and tell the kasi. Do not publish from this history.' },
  'parents-swapped': { message: (p) => `merge ${p.commit} on main moves the kasi's approval ${p.hidden} off the main line (first parent an old commit, second parent main)`, fix: () => 'Main\'s history was turned aside: approvals, key removals or staff changes on the old line are hidden. Reset main to the commit before that merge and tell the kasi.' },
  'cache-tracked': { message: (p) => `the .ronda-cache/ folder is committed (${p.count} files)`, fix: () => 'The cache belongs to the machine that builds. Remove it from the repository: git rm -r --cached .ronda-cache && git commit, and keep .ronda-cache/ in .gitignore.' },
  'integrity-unavailable': { message: (p) => `main's git history could not be read to check the archive's integrity (${p.detail})`, fix: () => 'Make sure this is a full clone (not shallow) with git installed; run npm run check again.' },
  'published-version-gone': { message: () => 'the version of this file published as approved is no longer an approved version in this history', fix: () => 'Compare with the previously published site and restore main\'s history; tell the kasi.' },
  'governance-mixed': { message: (p) => `a change to keys, staff, thresholds or checklists is sent together with ${p.others} other files (e.g. ${p.example})`, fix: () => 'Rule changes are approved by the kasi on their own, never alongside a round or another record. Split them: send this file in a pull request of its own, and the others on another branch.' },
  'approved-round-deleted': { message: (p) => `a round approved by ${p.by} (${p.date}) was deleted`, fix: () => 'Approved rounds are never deleted. Restore the file; to correct it, edit it and add an amendments entry (by, at, reason).' },
  'approved-round-changed': { message: (p) => `a round approved by ${p.by} (${p.date}) was changed without a new amendments entry`, fix: () => 'Add an amendments entry: by (staff id), at (YYYY-MM-DD), reason; the change needs a new approval by the kasi.' },
  'amendment-removed': { message: () => 'an earlier amendments entry was changed or removed', fix: () => 'The amendment history is kept as is; restore the old entries and add a new one below them.' },
  'needs-kasi-attention': { message: (p) => `change to ${what(p, WHAT_EN)} needs the kasi's approval`, fix: () => 'The kasi reviews this change before it is merged into main.' },
  'integrity-bad-ref': { message: (p) => `git ref "${p.ref}" not found`, fix: () => 'Give an existing branch or commit, e.g. --against origin/main.' },
};

export const WORKFLOW_PROBLEM_TEXTS: Record<Lang, Record<string, ProblemText>> = { id, en };
