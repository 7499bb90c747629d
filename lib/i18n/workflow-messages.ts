import type { Lang } from './lang.ts';
import { SITE_TEXT } from './site-strings.ts';

/**
 * Words of the daily workflow: the comments in a new round form (SCAFFOLD_TEXT), the questions of
 * `npm run new -- --interactive` (PROMPT_TEXT) and what `npm run new|submit|approve` print (WORKFLOW_TEXT).
 * Indonesian first; English with --lang en.
 */

const unitText = (unit: string, range: string, standard: string) => `${unit ? `, ${unit}` : ''}${range ? ` (${standard} ${range})` : ''}`;

export const SCAFFOLD_TEXT = {
  id: {
    header: (room: string, date: string, shift: string) => [
      ` Ronde ${room} — ${date}, shift ${shift}.`,
      ' Isi setiap null (angka, atau true/false), dan finished_at; lalu jalankan: npm run check',
    ],
    startedAt: 'jam mulai (HH:MM WIB)',
    finishedAt: 'isi jam selesai pencatatan (HH:MM WIB), mis. "09:10"',
    readingsTitle: 'Formulir monitoring suhu & kelembaban: satu baris per titik sensor; salin baris untuk pembacaan berikutnya.',
    checksTitle: 'Formulir monitoring pemeliharaan: satu entri per perangkat.',
    findingsTitle: 'Temuan dan tindak lanjut. Temuan terbuka dari ronde sebelumnya sudah dibawa ke sini: bila sudah ditangani, ubah status menjadi selesai dan isi action.',
    outletTemperature: '°C (lorong panas: dicatat, tidak dinilai)',
    temperature: (range: string) => `°C, normal ${range}`,
    humidity: (range: string) => `% RH, normal ${range}`,
    status: 'baik | perlu-perhatian | rusak | tidak-diperiksa',
    note: 'wajib diisi bila status bukan baik',
    booleanItem: (label: string) => `${label} (true = sesuai standar, false = tidak)`,
    numberItem: (label: string, unit: string, range: string) => `${label}${unitText(unit, range, 'standar')}`,
    optionalItem: (id: string, map: string, label: string, unit: string, range: string) => `opsional, di bawah ${map}: ${id} — ${label}${unitText(unit, range, 'standar')}`,
  },
  en: {
    header: (room: string, date: string, shift: string) => [
      ` Round ${room} — ${date}, shift ${shift}.`,
      ' Fill in every null (numbers, or true/false) and finished_at; then run: npm run check',
    ],
    startedAt: 'start time (HH:MM WIB)',
    finishedAt: 'fill in when recording finished (HH:MM WIB), e.g. "09:10"',
    readingsTitle: 'Temperature & humidity form: one row per sensor point; copy a row for further readings.',
    checksTitle: 'Maintenance form: one entry per device.',
    findingsTitle: 'Findings and follow-up. Open findings of the previous round are carried here: when handled, set status to selesai and fill in action.',
    outletTemperature: '°C (hot aisle: recorded, not assessed)',
    temperature: (range: string) => `°C, normal ${range}`,
    humidity: (range: string) => `% RH, normal ${range}`,
    status: 'baik | perlu-perhatian | rusak | tidak-diperiksa',
    note: 'required when status is not baik',
    booleanItem: (label: string) => `${label} (true = meets the standard, false = not)`,
    numberItem: (label: string, unit: string, range: string) => `${label}${unitText(unit, range, 'standard')}`,
    optionalItem: (id: string, map: string, label: string, unit: string, range: string) => `optional, under ${map}: ${id} — ${label}${unitText(unit, range, 'standard')}`,
  },
} satisfies Record<Lang, unknown>;

const plural = (n: number, word: string) => `${n} ${word}`;

/** The round summary in commit messages (subject and body) and in command output. */
export const SUMMARY_TEXT = {
  id: {
    subject: (room: string, date: string, shift: string, parts: string[]) => `Ronde ${room} ${date} ${shift}: ${parts.length ? parts.join(', ') : 'semua normal'}`,
    tempWarning: (n: number) => plural(n, 'peringatan suhu'),
    tempCritical: (n: number) => plural(n, 'suhu kritis'),
    rhWarning: (n: number) => plural(n, 'peringatan kelembaban'),
    rhCritical: (n: number) => plural(n, 'kelembaban kritis'),
    rate: (n: number) => plural(n, 'perubahan suhu terlalu cepat'),
    attention: (n: number) => plural(n, 'perangkat perlu perhatian'),
    broken: (n: number) => plural(n, 'perangkat rusak'),
    unchecked: (n: number) => plural(n, 'perangkat tidak diperiksa'),
    valuesOut: (n: number) => plural(n, 'nilai di luar standar'),
    openFindings: (n: number) => plural(n, 'temuan terbuka'),
    officer: 'Petugas',
    time: 'Waktu',
    climate: 'Suhu dan kelembaban',
    readingsOut: 'Pembacaan di luar normal',
    devices: 'Perangkat yang tidak baik',
    findings: 'Temuan',
    level: { normal: 'normal', warning: 'peringatan', critical: 'kritis' } as Record<string, string>,
    findingStatus: { terbuka: 'terbuka', selesai: 'selesai' } as Record<string, string>,
  },
  en: {
    subject: (room: string, date: string, shift: string, parts: string[]) => `Round ${room} ${date} ${shift}: ${parts.length ? parts.join(', ') : 'all normal'}`,
    tempWarning: (n: number) => plural(n, 'temperature warning(s)'),
    tempCritical: (n: number) => plural(n, 'critical temperature(s)'),
    rhWarning: (n: number) => plural(n, 'humidity warning(s)'),
    rhCritical: (n: number) => plural(n, 'critical humidity'),
    rate: (n: number) => plural(n, 'too fast temperature change(s)'),
    attention: (n: number) => plural(n, 'device(s) needing attention'),
    broken: (n: number) => plural(n, 'broken device(s)'),
    unchecked: (n: number) => plural(n, 'device(s) not checked'),
    valuesOut: (n: number) => plural(n, 'value(s) out of standard'),
    openFindings: (n: number) => plural(n, 'open finding(s)'),
    officer: 'Officer',
    time: 'Time',
    climate: 'Temperature and humidity',
    readingsOut: 'Readings outside normal',
    devices: 'Devices not in good condition',
    findings: 'Findings',
    level: { normal: 'normal', warning: 'warning', critical: 'critical' } as Record<string, string>,
    findingStatus: { terbuka: 'open', selesai: 'closed' } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;

type P = Record<string, string | number>;

/** What `npm run new|submit|approve` print. Failure texts are keyed by the code the lib returns. */
export const WORKFLOW_TEXT = {
  id: {
    usageNew:
      'Pemakaian: npm run new -- [--room <ruang>] [--shift <shift>] [--date YYYY-MM-DD] [--officer <id>] [--start HH:MM] [--end HH:MM]\n' +
      '           [--import <berkas-logger> [--point <titik>] [--unit c|f]]… [--interactive] [--no-pull] [--json] [--lang id|en]',
    usageSubmit: 'Pemakaian: npm run submit -- [berkas-ronde] [--no-push] [--json] [--lang id|en]',
    usageApprove: 'Pemakaian: npm run approve -- <cabang> [<commit yang ditinjau>] [--no-push] [--json] [--lang id|en]',
    usageError: (detail: string) => `Perintah tidak dikenali: ${detail}`,
    internalError: (detail: string) => `Ronda mengalami kesalahan tak terduga: ${detail}. Laporkan ke pengelola Ronda beserta perintah yang dijalankan.`,
    failure: {
      'records-invalid': () => 'Berkas config, checklist atau ruang bermasalah; perbaiki dulu (lihat di bawah).',
      'room-needed': (p: P) => `Ada lebih dari satu ruang; pilih dengan --room. Ruang: ${p.known}.`,
      'unknown-room': (p: P) => `Ruang "${p.room}" tidak dikenal. Ruang yang ada: ${p.known}.`,
      'unknown-shift': (p: P) => `Shift "${p.shift}" tidak dikenal. Shift yang ada: ${p.known}.`,
      'unknown-officer': (p: P) => `Petugas "${p.officer}" tidak ada di daftar staff config.yaml. Id staff: ${p.known}.`,
      'officer-not-found': (p: P) => `Email git "${p.email || '(belum diatur)'}" tidak ada di daftar staff; beri --officer <id>, atau atur: git config user.email <email-anda>. Staff: ${p.known}.`,
      'unknown-point': (p: P) => `Titik sensor "${p.point}" tidak dikenal. Titik yang ada: ${p.known}.`,
      'bad-date': (p: P) => `Tanggal "${p.date}" tidak sah; tulis YYYY-MM-DD, mis. 2026-11-24.`,
      'future-date': (p: P) => `Tanggal ${p.date} belum tiba (hari ini ${p.today} WIB).`,
      'bad-time': (p: P) => `${p.option} "${p.value}" tidak sah; tulis HH:MM, mis. 08:05.`,
      'end-before-start': (p: P) => `Jam selesai ${p.end} lebih awal dari jam mulai ${p.start}.`,
      'round-exists': (p: P) => `Ronde ini sudah ada: ${p.path}. Berkas tidak ditimpa; buka dan lanjutkan mengisinya, atau pilih shift/tanggal lain.`,
      'import-file-missing': (p: P) => `Berkas logger tidak ditemukan: ${p.file}.`,
      'import-invalid': (p: P) => `Berkas logger ${p.file} tidak dapat dipakai:`,
      'import-point-needed': (p: P) => `Untuk ${p.file}, pilih titik sensor dengan --point. Titik yang ada: ${p.known}.`,
      'import-point-twice': (p: P) => `Titik ${p.point} diberi dua berkas logger; satu berkas per titik.`,
      'not-a-repository': (p: P) => `${p.dir} bukan folder git. Jalankan dari folder arsip Ronda (hasil git clone).`,
      'operation-in-progress': (p: P) => `Ada ${p.operation} git yang belum selesai. Selesaikan atau batalkan dulu (mis. git ${p.operation} --abort), lalu ulangi.`,
      'not-a-round': (p: P) => `${p.path} bukan berkas ronde (records/rounds/YYYY/MM/YYYY-MM-DD-<ruang>-<shift>.yaml).`,
      'file-not-found': (p: P) => `Berkas tidak ditemukan: ${p.path}.`,
      'nothing-to-submit': () => 'Tidak ada ronde baru atau berubah untuk dikirim. Buat ronde dengan npm run new.',
      'other-changes-staged': (p: P) => `Ada perubahan lain yang sudah di-stage (git add): ${p.paths}. Tidak ada yang dikirim. Batalkan stage dengan: git restore --staged <berkas>, lalu ulangi.`,
      'check-failed': () => 'Pemeriksaan menemukan galat; tidak ada yang dikirim. Perbaiki baris-baris berikut, jalankan npm run check, lalu ulangi:',
      'no-identity': () => 'Identitas git belum diatur. Jalankan: git config user.name "Nama Anda" dan git config user.email <email-dinas>.',
      'no-main-branch': (p: P) => `Cabang ${p.base} tidak ditemukan.`,
      'branch-has-other-content': (p: P) => `Cabang ${p.branch} sudah ada dan berisi perubahan lain (${p.paths}). Tidak ada yang dikirim; hubungi pengelola Ronda.`,
      'branch-changed-meanwhile': (p: P) => `Cabang ${p.branch} berubah saat pengiriman; ulangi npm run submit.`,
      'not-kasi': (p: P) => `Persetujuan hanya oleh Kepala Seksi (role kasi di config.yaml). Identitas git Anda: ${p.email || '(belum diatur)'}. Kasi: ${p.kasi}.`,
      'no-signing-key': () =>
        'Persetujuan harus ditandatangani dengan kunci SSH Anda, tetapi git belum diatur untuk menandatangani.\n' +
        '  1. Buat kunci (sekali saja): ssh-keygen -t ed25519 -C "email-kasi@instansi.go.id"\n' +
        '  2. Atur git:  git config --global gpg.format ssh\n' +
        '               git config --global user.signingkey ~/.ssh/id_ed25519.pub\n' +
        '  3. Daftarkan kunci publik (isi ~/.ssh/id_ed25519.pub) di records/allowed_signers lewat pull request yang\n' +
        '     disetujui kunci yang sudah terdaftar. Panduan lengkap: docs/panduan-kasi.md, bagian "Kunci tanda tangan".',
      'signature-not-accepted': (p: P) =>
        `Merge sudah ditandatangani, tetapi tanda tangan itu tidak akan diakui sebagai persetujuan: ${SITE_TEXT.id.approvalReason[String(p.reason)] ?? p.reason}. ` +
        `Pastikan kunci ${p.key || 'Anda'} terdaftar atas email ${p.email} di records/allowed_signers pada ${p.base}. Tidak ada yang diubah.`,
      'self-approval': (p: P) => `Kepala Seksi tidak menyetujui ronde yang ia catat sendiri (${p.paths}); minta Kepala Seksi lain atau pejabat yang ditunjuk.`,
      'main-behind': (p: P) => `Cabang ${p.base} lokal tertinggal dari origin. Jalankan git pull di ${p.base} dulu, lalu ulangi.`,
      'branch-not-found': (p: P) => `Cabang "${p.branch}" tidak ditemukan. Cabang ronde yang ada: ${p.known}.`,
      'already-merged': (p: P) => `Cabang ${p.branch} sudah tergabung di ${p.base}.`,
      'tip-moved': (p: P) => `Cabang ${p.branch} sudah berubah sejak Anda meninjaunya: ujungnya sekarang ${p.tip}, yang Anda tinjau ${p.reviewed}. Tidak ada yang digabung. Baca lagi ringkasan terbaru di pull request, lalu jalankan npm run approve -- ${p.branch} ${p.tip}.`,
      'commit-not-found': (p: P) => `Commit ${p.reviewed} tidak dikenal di repositori ini. Salin id commit dari ringkasan pull request (baris "Ditinjau pada commit"), lalu ulangi.`,
      'nothing-to-merge': (p: P) => `Cabang ${p.branch} tidak berisi perubahan.`,
      'outside-records': (p: P) => `Cabang ${p.branch} mengubah berkas di luar records/ (${p.paths}); tinjau lewat pull request, bukan npm run approve.`,
      'main-checked-out-elsewhere': (p: P) => `Cabang main sedang dibuka di worktree lain (${p.path}); setujui dari sana.`,
      'working-tree-dirty': (p: P) => `Ada perubahan yang belum di-commit di main (${p.paths}); simpan atau batalkan dulu.`,
      'merge-conflict': (p: P) => `Cabang ${p.branch} bentrok dengan main${p.detail ? ` (${p.detail})` : ''}; minta admin memperbarui cabangnya.`,
      'working-tree-blocks': (p: P) => `main tidak dapat dimajukan karena berkas di folder kerja: ${p.detail}`,
      'main-changed-meanwhile': (p: P) => `${p.base} berubah saat persetujuan; ulangi.`,
    } as Record<string, (p: P) => string>,
    created: (path: string) => `✓ Ronde baru dibuat: ${path}`,
    carried: (n: number) => `  ${n} temuan terbuka dari ronde sebelumnya dibawa ke ronde ini.`,
    imported: (n: number, point: string, file: string) => `  ${n} pembacaan dari ${file} untuk titik ${point}.`,
    nextNew: (path: string) => `Langkah berikutnya: isi berkas di VS Code (code ${path}), lalu jalankan npm run check dan npm run submit.`,
    submitted: (branch: string) => `✓ Ronde dikirim ke cabang ${branch}.`,
    unchanged: (branch: string) => `Cabang ${branch} sudah berisi ronde ini; tidak ada commit baru.`,
    pushed: () => '✓ Dikirim ke origin.',
    pushFailed: (detail: string) => `Gagal mengirim ke origin: ${detail}\nCabang sudah dibuat di komputer ini; periksa jaringan lalu jalankan npm run submit lagi.`,
    noRemote: () => 'Tidak ada remote origin: cabang hanya ada di komputer ini.',
    notPushed: () => 'Tidak dikirim ke origin (--no-push).',
    prLink: (url: string) => `Buka pull request untuk Kasi: ${url}`,
    noPrLink: () => 'Buka pull request untuk cabang ini di situs git kantor.',
    approved: (branch: string, base: string, kasi: string) => `✓ ${branch} digabung ke ${base}, disetujui ${kasi}.`,
    mergeCommit: (commit: string) => `  commit merge: ${commit}`,
    workingTreeUpdated: () => '  Folder kerja (main) diperbarui.',
    approvePushed: (base: string) => `✓ ${base} dikirim ke origin.`,
    warningsHeader: 'Peringatan (tidak menghalangi):',
    mainUpdated: (n: number) => `✓ main diperbarui dari origin (${n} berkas catatan baru/berubah).`,
    mainSkipped: (reason: string, paths: string) =>
      ({
        offline: 'main tidak diperbarui: origin tidak dapat dihubungi. Ronde tetap dibuat dari arsip di komputer ini.',
        diverged: 'main di komputer ini berbeda dengan origin; hubungi pengelola Ronda. Ronde tetap dibuat.',
        'local-changes': `main tidak diperbarui karena ada berkas lokal yang berbeda dengan versi di origin${paths ? ` (${paths})` : ''}. Bila ronde itu dikoreksi setelah dikirim, kirim ulang dengan npm run submit <berkas>.`,
        'not-on-main': 'Anda tidak sedang di cabang main; main tidak diperbarui.',
        'operation-in-progress': 'Ada operasi git yang belum selesai; main tidak diperbarui.',
      })[reason] ?? '',
  },
  en: {
    usageNew:
      'Usage: npm run new -- [--room <room>] [--shift <shift>] [--date YYYY-MM-DD] [--officer <id>] [--start HH:MM] [--end HH:MM]\n' +
      '       [--import <logger-file> [--point <point>] [--unit c|f]]… [--interactive] [--no-pull] [--json] [--lang id|en]',
    usageSubmit: 'Usage: npm run submit -- [round-file] [--no-push] [--json] [--lang id|en]',
    usageApprove: 'Usage: npm run approve -- <branch> [<reviewed commit>] [--no-push] [--json] [--lang id|en]',
    usageError: (detail: string) => `Unrecognised command line: ${detail}`,
    internalError: (detail: string) => `Ronda hit an unexpected error: ${detail}. Report it to the Ronda maintainers with the command you ran.`,
    failure: {
      'records-invalid': () => 'The config, checklist or room files have problems; fix them first (see below).',
      'room-needed': (p: P) => `There is more than one room; choose with --room. Rooms: ${p.known}.`,
      'unknown-room': (p: P) => `Unknown room "${p.room}". Rooms: ${p.known}.`,
      'unknown-shift': (p: P) => `Unknown shift "${p.shift}". Shifts: ${p.known}.`,
      'unknown-officer': (p: P) => `Officer "${p.officer}" is not in config.yaml staff. Staff ids: ${p.known}.`,
      'officer-not-found': (p: P) => `Git email "${p.email || '(not set)'}" is not in the staff list; pass --officer <id>, or set: git config user.email <your-email>. Staff: ${p.known}.`,
      'unknown-point': (p: P) => `Unknown sensor point "${p.point}". Points: ${p.known}.`,
      'bad-date': (p: P) => `Date "${p.date}" is not valid; write YYYY-MM-DD, e.g. 2026-11-24.`,
      'future-date': (p: P) => `Date ${p.date} is in the future (today is ${p.today} WIB).`,
      'bad-time': (p: P) => `${p.option} "${p.value}" is not valid; write HH:MM, e.g. 08:05.`,
      'end-before-start': (p: P) => `End time ${p.end} is before start time ${p.start}.`,
      'round-exists': (p: P) => `This round already exists: ${p.path}. It is not overwritten; open it and continue, or choose another shift/date.`,
      'import-file-missing': (p: P) => `Logger file not found: ${p.file}.`,
      'import-invalid': (p: P) => `Logger file ${p.file} cannot be used:`,
      'import-point-needed': (p: P) => `For ${p.file}, choose the sensor point with --point. Points: ${p.known}.`,
      'import-point-twice': (p: P) => `Point ${p.point} was given two logger files; one file per point.`,
      'not-a-repository': (p: P) => `${p.dir} is not a git folder. Run from the Ronda archive folder (a git clone).`,
      'operation-in-progress': (p: P) => `A git ${p.operation} is in progress. Finish or abort it (e.g. git ${p.operation} --abort), then retry.`,
      'not-a-round': (p: P) => `${p.path} is not a round file (records/rounds/YYYY/MM/YYYY-MM-DD-<room>-<shift>.yaml).`,
      'file-not-found': (p: P) => `File not found: ${p.path}.`,
      'nothing-to-submit': () => 'No new or changed round to submit. Create one with npm run new.',
      'other-changes-staged': (p: P) => `Other changes are staged (git add): ${p.paths}. Nothing was submitted. Unstage them with: git restore --staged <file>, then retry.`,
      'check-failed': () => 'The check found errors; nothing was submitted. Fix these lines, run npm run check, then retry:',
      'no-identity': () => 'Git identity not set. Run: git config user.name "Your Name" and git config user.email <office-email>.',
      'no-main-branch': (p: P) => `Branch ${p.base} not found.`,
      'branch-has-other-content': (p: P) => `Branch ${p.branch} already exists with other changes (${p.paths}). Nothing was submitted; ask the Ronda maintainers.`,
      'branch-changed-meanwhile': (p: P) => `Branch ${p.branch} changed during the submit; run npm run submit again.`,
      'not-kasi': (p: P) => `Only a Kepala Seksi (role kasi in config.yaml) approves. Your git identity: ${p.email || '(not set)'}. Kasi: ${p.kasi}.`,
      'no-signing-key': () =>
        'An approval must be signed with your SSH key, but git is not set up to sign.\n' +
        '  1. Make a key (once): ssh-keygen -t ed25519 -C "kasi-email@agency.go.id"\n' +
        '  2. Set up git:  git config --global gpg.format ssh\n' +
        '                  git config --global user.signingkey ~/.ssh/id_ed25519.pub\n' +
        '  3. Register the public key (~/.ssh/id_ed25519.pub) in records/allowed_signers through a pull request approved\n' +
        '     by a key already listed. Full guide: docs/panduan-kasi.md, section "Kunci tanda tangan".',
      'signature-not-accepted': (p: P) =>
        `The merge was signed, but that signature would not count as an approval: ${SITE_TEXT.en.approvalReason[String(p.reason)] ?? p.reason}. ` +
        `Make sure key ${p.key || 'yours'} is registered for ${p.email} in records/allowed_signers on ${p.base}. Nothing was changed.`,
      'self-approval': (p: P) => `A head of section does not approve rounds they recorded themselves (${p.paths}); ask another head of section or the appointed official.`,
      'main-behind': (p: P) => `Local ${p.base} is behind origin. Run git pull on ${p.base} first, then retry.`,
      'branch-not-found': (p: P) => `Branch "${p.branch}" not found. Round branches: ${p.known}.`,
      'already-merged': (p: P) => `Branch ${p.branch} is already merged into ${p.base}.`,
      'tip-moved': (p: P) => `Branch ${p.branch} changed since you reviewed it: its tip is now ${p.tip}, you reviewed ${p.reviewed}. Nothing was merged. Read the latest summary on the pull request, then run npm run approve -- ${p.branch} ${p.tip}.`,
      'commit-not-found': (p: P) => `Commit ${p.reviewed} is not known in this repository. Copy the commit id from the pull-request summary (the "Reviewed at commit" line) and try again.`,
      'nothing-to-merge': (p: P) => `Branch ${p.branch} holds no changes.`,
      'outside-records': (p: P) => `Branch ${p.branch} changes files outside records/ (${p.paths}); review it as a pull request, not with npm run approve.`,
      'main-checked-out-elsewhere': (p: P) => `main is checked out in another worktree (${p.path}); approve from there.`,
      'working-tree-dirty': (p: P) => `main has uncommitted changes (${p.paths}); commit or discard them first.`,
      'merge-conflict': (p: P) => `Branch ${p.branch} conflicts with main${p.detail ? ` (${p.detail})` : ''}; ask the admin to update it.`,
      'working-tree-blocks': (p: P) => `main cannot be moved because of files in the working tree: ${p.detail}`,
      'main-changed-meanwhile': (p: P) => `${p.base} changed during the approval; retry.`,
    } as Record<string, (p: P) => string>,
    created: (path: string) => `✓ New round created: ${path}`,
    carried: (n: number) => `  ${n} open finding(s) carried from the previous round.`,
    imported: (n: number, point: string, file: string) => `  ${n} reading(s) from ${file} for point ${point}.`,
    nextNew: (path: string) => `Next: fill in the file in VS Code (code ${path}), then run npm run check and npm run submit.`,
    submitted: (branch: string) => `✓ Round submitted on branch ${branch}.`,
    unchanged: (branch: string) => `Branch ${branch} already holds this round; no new commit.`,
    pushed: () => '✓ Pushed to origin.',
    pushFailed: (detail: string) => `Push to origin failed: ${detail}\nThe branch exists on this computer; check the network and run npm run submit again.`,
    noRemote: () => 'No origin remote: the branch exists on this computer only.',
    notPushed: () => 'Not pushed to origin (--no-push).',
    prLink: (url: string) => `Open the pull request for the kasi: ${url}`,
    noPrLink: () => 'Open a pull request for this branch on the office git site.',
    approved: (branch: string, base: string, kasi: string) => `✓ ${branch} merged into ${base}, approved by ${kasi}.`,
    mergeCommit: (commit: string) => `  merge commit: ${commit}`,
    workingTreeUpdated: () => '  Working tree (main) updated.',
    approvePushed: (base: string) => `✓ ${base} pushed to origin.`,
    warningsHeader: 'Warnings (not blocking):',
    mainUpdated: (n: number) => `✓ main updated from origin (${n} record file(s) new or changed).`,
    mainSkipped: (reason: string, paths: string) =>
      ({
        offline: 'main not updated: origin cannot be reached. The round is made from the archive on this computer.',
        diverged: 'main on this computer differs from origin; ask the Ronda maintainers. The round is still made.',
        'local-changes': `main not updated: local files differ from the version on origin${paths ? ` (${paths})` : ''}. If you corrected that round after submitting, submit it again with npm run submit <file>.`,
        'not-on-main': 'You are not on the main branch; main was not updated.',
        'operation-in-progress': 'A git operation is in progress; main was not updated.',
      })[reason] ?? '',
  },
} satisfies Record<Lang, unknown>;

/** Questions of `npm run new -- --interactive`. */
export const PROMPT_TEXT = {
  id: {
    intro: (room: string, date: string, shift: string) => `Ronde ${room}, ${date}, shift ${shift}. Tekan Enter untuk menerima nilai bawaan.`,
    readingTime: (point: string) => `${point}: jam baca (HH:MM)`,
    temperature: (point: string, range: string) => `${point}: suhu °C${range ? ` (normal ${range})` : ''}`,
    humidity: (point: string, range: string) => `${point}: kelembaban % RH${range ? ` (normal ${range})` : ''}`,
    readingNote: (point: string) => `${point}: di luar normal — catatan/tindak lanjut`,
    status: (device: string) => `${device}: kondisi`,
    statusChoices: { baik: 'baik', 'perlu-perhatian': 'perlu perhatian', rusak: 'rusak', 'tidak-diperiksa': 'tidak diperiksa' } as Record<string, string>,
    booleanItem: (device: string, label: string) => `${device}: ${label}?`,
    numberItem: (device: string, label: string, unit: string, range: string) => `${device}: ${label}${unit ? ` (${unit})` : ''}${range ? ` [standar ${range}]` : ''}`,
    optionalNumber: 'kosongkan bila tidak diukur',
    note: (device: string) => `${device}: catatan (wajib)`,
    reason: (device: string) => `${device}: alasan tidak diperiksa`,
    findingOpen: (id: string, desc: string) => `Temuan ${id} (${desc}) masih terbuka?`,
    findingAction: (id: string) => `Temuan ${id}: tindak lanjut yang dilakukan`,
    addFinding: 'Tambah temuan baru?',
    findingEquipment: 'Perangkat temuan',
    findingDescription: 'Uraian temuan',
    finishedAt: 'Jam selesai pencatatan (HH:MM)',
    invalidTime: 'Tulis HH:MM, mis. 09:10',
    required: 'Wajib diisi',
  },
  en: {
    intro: (room: string, date: string, shift: string) => `Round ${room}, ${date}, shift ${shift}. Press Enter to accept a default.`,
    readingTime: (point: string) => `${point}: reading time (HH:MM)`,
    temperature: (point: string, range: string) => `${point}: temperature °C${range ? ` (normal ${range})` : ''}`,
    humidity: (point: string, range: string) => `${point}: humidity % RH${range ? ` (normal ${range})` : ''}`,
    readingNote: (point: string) => `${point}: outside normal — note/follow-up`,
    status: (device: string) => `${device}: condition`,
    statusChoices: { baik: 'good', 'perlu-perhatian': 'needs attention', rusak: 'broken', 'tidak-diperiksa': 'not checked' } as Record<string, string>,
    booleanItem: (device: string, label: string) => `${device}: ${label}?`,
    numberItem: (device: string, label: string, unit: string, range: string) => `${device}: ${label}${unit ? ` (${unit})` : ''}${range ? ` [standard ${range}]` : ''}`,
    optionalNumber: 'leave empty when not measured',
    note: (device: string) => `${device}: note (required)`,
    reason: (device: string) => `${device}: reason it was not checked`,
    findingOpen: (id: string, desc: string) => `Finding ${id} (${desc}) still open?`,
    findingAction: (id: string) => `Finding ${id}: action taken`,
    addFinding: 'Add a new finding?',
    findingEquipment: 'Device of the finding',
    findingDescription: 'Description of the finding',
    finishedAt: 'Time recording finished (HH:MM)',
    invalidTime: 'Write HH:MM, e.g. 09:10',
    required: 'Required',
  },
} satisfies Record<Lang, unknown>;
