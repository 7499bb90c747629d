import type { Problem } from '../problems.ts';
import type { Lang } from './lang.ts';
import { WORKFLOW_PROBLEM_TEXTS } from './workflow-problems.ts';
import { causesText } from './deviation-text.ts';
import { formatDuration } from '../format/durations.ts';

type Params = Record<string, string | number>;
interface Text { message: (p: Params) => string; fix: (p: Params) => string }

const withHint = (fix: string, p: Params) => (p.hint ? `${fix} ${p.hint}` : fix);

/** Every problem's words, Indonesian first. A code missing here falls back to a generic text (tested). */
const id: Record<string, Text> = {
  'file-too-large': { message: (p) => `berkas terlalu besar (${p.size} bita, maksimum ${p.max})`, fix: () => 'Satu berkas ronde cukup beberapa KB; periksa apakah berkas yang benar yang disimpan.' },
  'binary-file': { message: () => 'berkas berisi data biner, bukan teks YAML', fix: () => 'Simpan ulang sebagai teks UTF-8 dari editor teks (bukan dari Word/Excel).' },
  'not-utf8': { message: () => 'berkas bukan teks UTF-8', fix: () => 'Simpan ulang dengan encoding UTF-8 (di VS Code: "Save with Encoding" → UTF-8).' },
  'empty-file': { message: () => 'berkas kosong', fix: () => 'Buat ronde baru dengan `npm run new`, lalu isi formulirnya.' },
  'yaml-syntax': { message: (p) => `YAML tidak dapat dibaca: ${p.detail}`, fix: () => 'Periksa indentasi (spasi, bukan tab), tanda titik dua setelah nama kolom, dan tanda kurung/kutip yang belum ditutup di baris ini atau baris sebelumnya.' },
  'yaml-duplicate-key': { message: (p) => `nama kolom muncul dua kali (${p.detail})`, fix: () => 'Hapus salah satu baris yang sama; setiap kolom hanya boleh sekali dalam satu bagian.' },
  'yaml-tab-indent': { message: () => 'indentasi memakai karakter tab', fix: () => 'Ganti tab dengan spasi (2 spasi per tingkat).' },
  'yaml-multiple-documents': { message: () => 'berkas berisi lebih dari satu dokumen YAML (ada baris ---)', fix: () => 'Satu berkas untuk satu ronde: hapus baris `---` dan pindahkan isi kedua ke berkasnya sendiri.' },
  'yaml-custom-tag': { message: (p) => `tag YAML tidak diizinkan (${p.detail})`, fix: () => 'Hapus tag yang diawali `!`; tulis nilai biasa saja.' },
  'yaml-alias-bomb': { message: () => 'terlalu banyak alias YAML (*…): berkas ditolak demi keamanan', fix: () => 'Tulis nilai secara langsung tanpa anchor (&) dan alias (*).' },
  'top-level-not-map': { message: (p) => `isi berkas harus berupa daftar kolom (nama: nilai), bukan ${p.kind === 'list' ? 'daftar' : 'satu nilai'}`, fix: () => 'Mulai berkas dengan kolom seperti `room:`, `date:`, `shift:`; lihat contoh di README.' },
  'not-finite-number': { message: (p) => `nilai ${p.value} bukan angka yang sah (${p.field})`, fix: () => 'Tulis angka biasa, mis. 22.4; jangan .nan atau .inf.' },
  'missing-field': { message: (p) => `kolom wajib belum ada: ${p.field}`, fix: (p) => withHint('Tambahkan kolom ini.', p) },
  'unknown-field': { message: (p) => `kolom tidak dikenal: ${p.field}`, fix: (p) => `Periksa ejaan; kolom yang diizinkan di sini: ${p.allowed}.` },
  'not-filled': { message: (p) => `belum diisi: ${p.field}`, fix: (p) => withHint('Isi nilainya.', p) },
  'wrong-type': { message: (p) => `jenis nilai salah di ${p.field}: ${p.actual}`, fix: (p) => withHint(p.expected === 'number' ? 'Tulis angka tanpa tanda kutip, dengan titik sebagai pemisah desimal (mis. 22.4).' : `Seharusnya ${typeName(p.expected, 'id')}.`, p) },
  'not-in-list': { message: (p) => `nilai ${p.value} tidak dikenal di ${p.field}`, fix: (p) => `Pilih salah satu: ${p.allowed}.` },
  'wrong-value': { message: (p) => `nilai ${p.value} di ${p.field} tidak sah`, fix: (p) => `Nilai yang benar: ${p.expected}.` },
  'bad-format': { message: (p) => `format salah di ${p.field}: ${p.value}`, fix: (p) => withHint('Perbaiki formatnya.', p) },
  'below-minimum': { message: (p) => `nilai ${p.value} di ${p.field} di bawah batas ${p.limit}`, fix: (p) => withHint('Periksa kembali hasil ukur dan satuannya.', p) },
  'above-maximum': { message: (p) => `nilai ${p.value} di ${p.field} di atas batas ${p.limit}`, fix: (p) => withHint('Periksa kembali hasil ukur dan satuannya.', p) },
  'empty-list': { message: (p) => `daftar ${p.field} kosong`, fix: (p) => withHint('Isi minimal satu entri.', p) },
  'empty-text': { message: (p) => `teks ${p.field} kosong`, fix: (p) => withHint('Isi teksnya.', p) },
  'text-too-long': { message: (p) => `teks ${p.field} terlalu panjang (maksimum ${p.limit} karakter)`, fix: () => 'Ringkas teksnya; uraian panjang dapat ditulis di catatan pemeliharaan.' },
  'duplicate-items': { message: (p) => `ada nilai ganda di ${p.field}`, fix: () => 'Hapus nilai yang sama.' },
  'schema-other': { message: (p) => `nilai tidak sesuai formulir di ${p.field} (${p.detail})`, fix: (p) => withHint('Perbaiki nilainya.', p) },
  // Cross-record rules.
  'attestation-shape': { message: () => 'pengesahan tidak lengkap: perlu date, statement, dan versions', fix: () => 'Buat berkas pengesahan dengan `npm run attest`; bentuknya: date: "YYYY-MM-DD", statement: <pernyataan Kasi>, versions: { <path berkas>: <blob id 40 karakter> }.' },
  'attestation-path': { message: (p) => `${p.path} bukan berkas ronde atau pemeliharaan`, fix: () => 'Cantumkan hanya berkas di bawah records/rounds/ atau records/maintenance/.' },
  'attestation-blob': { message: (p) => `blob id untuk ${p.path} tidak sah`, fix: () => 'Tulis blob id 40 karakter heksadesimal dari `git rev-parse HEAD:<path>` (atau buat ulang berkas dengan `npm run attest`).' },
  // records/allowed_signers.
  'signers-line-invalid': { message: (p) => `baris kunci tidak dapat dibaca: ${p.text}`, fix: () => 'Tulis satu kunci per baris dalam format git: <email> <jenis kunci> <kunci> [keterangan], mis. `hendra@kab.go.id ssh-ed25519 AAAAC3Nza… hendra` (isi berkas ~/.ssh/id_ed25519.pub diawali email).' },
  'signers-cert-authority': { message: () => 'baris cert-authority (otoritas sertifikat) tidak diakui untuk persetujuan', fix: () => 'Pemegang otoritas sertifikat dapat menerbitkan sertifikat atas nama siapa pun, termasuk Kasi. Daftarkan kunci SSH Kasi sendiri, tanpa cert-authority; baris ini diabaikan saat memeriksa tanda tangan.' },
  'signers-demo-key': { message: (p) => `kunci DEMO terdaftar untuk ${p.principal}, padahal arsip ini bukan demo (demo: false)`, fix: () => 'Kunci privat DEMO tersimpan terbuka di repositori Ronda, sehingga siapa pun dapat menandatangani persetujuan dengannya. Hapus baris ini dan daftarkan kunci Kasi yang sebenarnya (docs/panduan-kasi.md).' },
  'signers-unknown-principal': { message: (p) => `email ${p.principal} tidak ada di daftar staf config.yaml`, fix: () => 'Persetujuan dengan kunci ini tidak akan diakui. Samakan email dengan email staf di config.yaml, atau hapus barisnya.' },
  'unknown-room': { message: (p) => `ruang "${p.room}" tidak ada di records/rooms/`, fix: (p) => `Gunakan id ruang yang ada: ${p.known}.` },
  'unknown-shift': { message: (p) => `shift "${p.shift}" tidak ada di config.yaml`, fix: (p) => `Gunakan salah satu: ${p.known}.` },
  'unknown-officer': { message: (p) => `petugas "${p.officer}" tidak ada di daftar staff config.yaml`, fix: (p) => `Gunakan id staff: ${p.known}.` },
  'unknown-point': { message: (p) => `titik sensor "${p.point}" tidak ada di ruang ${p.room}`, fix: (p) => `Gunakan salah satu: ${p.known}.` },
  'unknown-equipment': { message: (p) => `perangkat "${p.equipment}" tidak ada di inventaris ruang ${p.room}`, fix: (p) => `Periksa ejaan, atau tambahkan perangkat ke records/rooms/${p.room}.yaml. Id yang ada: ${p.known}.` },
  'unknown-category': { message: (p) => `kategori "${p.category}" tidak ada di checklists.yaml`, fix: (p) => `Gunakan salah satu: ${p.known}.` },
  'duplicate-id': { message: (p) => `id "${p.id}" dipakai lebih dari sekali`, fix: () => 'Beri setiap entri id yang berbeda.' },
  'path-mismatch': { message: (p) => `nama berkas tidak cocok dengan isinya: seharusnya ${p.expected}`, fix: () => 'Pindahkan/ganti nama berkas, atau perbaiki room/date/shift di dalamnya (`git mv` menjaga riwayat).' },
  'bad-path': { message: (p) => `letak berkas tidak sesuai pola ${p.pattern}`, fix: () => 'Buat ronde dengan `npm run new` agar nama dan foldernya benar.' },
  'duplicate-round': { message: (p) => `ronde ganda: ${p.room} ${p.date} shift ${p.shift} juga ada di ${p.other}`, fix: () => 'Satu ruang hanya satu ronde per shift per tanggal; gabungkan isinya lalu hapus salah satu.' },
  'future-date': { message: (p) => `tanggal ${p.date} masih di masa depan (hari ini ${p.today} WIB)`, fix: () => 'Periksa tanggal ronde.' },
  'invalid-date': { message: (p) => `tanggal ${p.date} tidak ada di kalender`, fix: () => 'Periksa tanggal (mis. 31 November tidak ada).' },
  'finish-before-start': { message: (p) => `jam selesai ${p.finished} lebih awal dari jam mulai ${p.started}`, fix: () => 'Periksa started_at dan finished_at (format 24 jam).' },
  'reading-outside-round': { message: (p) => `jam pembacaan ${p.time} di luar waktu ronde (${p.started}–${p.finished})`, fix: () => 'Periksa jam pembacaan, atau sesuaikan started_at/finished_at.' },
  'missing-finished-at': { message: () => 'jam selesai (finished_at) belum diisi', fix: () => 'Isi finished_at saat ronde selesai dicatat (HH:MM WIB).' },
  'device-not-checked': { message: (p) => `perangkat ${p.equipment} (${p.name}) tidak ada di checks`, fix: () => 'Tambahkan entri untuk perangkat ini; bila tidak diperiksa, tulis status: tidak-diperiksa dengan alasan di note.' },
  'duplicate-check': { message: (p) => `perangkat ${p.equipment} dicatat lebih dari sekali di checks`, fix: () => 'Gabungkan menjadi satu entri.' },
  'note-required': { message: (p) => `${causesText(p.causes, 'id') || `status ${p.status} pada ${p.equipment}`}: tanpa catatan atau temuan baru`, fix: () => 'Isi note dengan uraian kondisi, atau catat temuan baru di findings dengan `equipment:` perangkat ini. Temuan lama yang hanya dibawa tidak dihitung.' },
  'reason-required': { message: (p) => `${p.equipment} tidak diperiksa tanpa alasan`, fix: () => 'Tulis alasannya di note (mis. "ruang genset terkunci, kunci di bagian umum").' },
  'reading-needs-note': { message: (p) => `pembacaan ${p.point} jam ${p.time}${p.level === 'critical' ? ' KRITIS' : ''}: ${causesText(p.causes, 'id') || `di luar rentang normal (${p.detail})`}, tanpa catatan atau temuan baru`, fix: () => 'Tambahkan note pada pembacaan ini, atau catat temuan baru di findings dengan `point:` titik ini, beserta tindak lanjutnya. Temuan lain atau temuan lama yang hanya dibawa tidak dihitung.' },
  'closed-finding-without-action': { message: (p) => `temuan ${p.id} berstatus selesai tanpa tindak lanjut`, fix: () => 'Isi kolom action dengan tindakan yang dilakukan.' },
  'checklist-item-missing': { message: (p) => `butir "${p.label}" (${p.item}) pada ${p.equipment} belum diisi`, fix: (p) => (p.type === 'boolean' ? `Tambahkan ${p.item}: true (sesuai standar) atau false di bawah items.` : `Tambahkan ${p.item}: <angka>${p.unit ? ` (${p.unit})` : ''} di bawah values.`) },
  'checklist-item-unknown': { message: (p) => `butir "${p.item}" tidak ada di checklist kategori ${p.category}`, fix: (p) => `Butir yang ada: ${p.known}.` },
  'value-out-of-range': { message: (p) => `${p.equipment}: ${causesText(p.causes, 'id') || `${p.label} = ${p.value}${p.unit} di luar standar (${p.range})`}, tanpa catatan atau temuan baru`, fix: () => 'Bila benar, beri status perlu-perhatian/rusak dengan catatan atau temuan baru untuk perangkat ini; bila salah ketik, perbaiki angkanya.' },
  'finding-without-subject': { message: (p) => `temuan ${p.id} tidak menyebut perangkat atau titik sensor`, fix: () => 'Tambahkan `equipment: <id perangkat>` atau `point: <id titik sensor>` (atau keduanya) pada temuan ini.' },
  'time-in-future': { message: (p) => `jam ${p.time} belum terjadi (sekarang ${p.now} WIB)`, fix: () => 'Periksa jam di perangkat atau salah ketik; tulis jam sebenarnya (HH:MM, WIB).' },
  'outside-shift': { message: (p) => `ronde ${p.shift} dimulai ${p.started}, di luar jam shift ${p.start}–${p.end} WIB`, fix: () => 'Bila jamnya benar, jelaskan di notes mengapa ronde di luar jadwal; bila salah shift atau salah ketik, perbaiki.' },
  'late-submit': { message: (p) => `dikirim ${formatDuration(Number(p.late), 'id')} setelah ronde selesai (mutu baku ${formatDuration(Number(p.standard), 'id')})`, fix: () => 'Kirim ronde segera setelah selesai; bila terlambat karena alasan tertentu, jelaskan di notes.' },
  'item-not-standard': { message: (p) => `${p.equipment}: "${p.label}" tidak sesuai standar tetapi status baik`, fix: () => 'Ubah status menjadi perlu-perhatian atau rusak dan tulis catatan.' },
  'finding-equipment-changed': { message: (p) => `temuan ${p.id} dulu untuk ${p.before}, sekarang ${p.after}`, fix: () => 'Satu nomor temuan untuk satu perangkat; buat nomor baru untuk temuan lain.' },
  'finding-dropped': { message: (p) => `temuan terbuka ${p.id} dari ronde ${p.previous} hilang tanpa ditutup`, fix: () => 'Bawa temuan ke ronde ini (status terbuka), atau tutup dengan status selesai dan action.' },
  'staff-role': { message: (p) => `staff ${p.officer} berperan ${p.role}, bukan admin`, fix: () => 'Ronde dicatat oleh Administrator Server (role admin).' },
  'placeholder': { message: (p) => `masih berisi isian contoh di ${p.field}`, fix: () => 'Ganti isian contoh dengan hasil pengecekan.' },
  'room-file-mismatch': { message: (p) => `id ruang "${p.id}" tidak sama dengan nama berkas (${p.expected})`, fix: () => 'Samakan id dengan nama berkas.' },
  'unknown-file': { message: () => 'berkas ini tidak dikenal sebagai catatan Ronda', fix: () => 'Ronde: records/rounds/YYYY/MM/YYYY-MM-DD-<ruang>-<shift>.yaml; pemeliharaan: records/maintenance/YYYY/YYYY-MM-DD-<judul>.md.' },
  'file-not-found': { message: () => 'berkas tidak ditemukan', fix: () => 'Periksa path yang diberikan.' },
  'archive-missing': { message: (p) => `berkas wajib tidak ada: ${p.what}`, fix: () => 'Jalankan dari folder proyek Ronda, atau salin contoh dari README.' },
  'missing-front-matter': { message: () => 'catatan pemeliharaan tanpa front matter YAML', fix: () => 'Awali berkas dengan baris ---, kolom date/title/room/equipment/officer/kind, lalu --- dan uraian.' },
};

const en: Record<string, Text> = {
  'file-too-large': { message: (p) => `file too large (${p.size} bytes, max ${p.max})`, fix: () => 'A round file is a few KB; check that the right file was saved.' },
  'binary-file': { message: () => 'file contains binary data, not YAML text', fix: () => 'Save it again as UTF-8 text from a text editor.' },
  'not-utf8': { message: () => 'file is not UTF-8 text', fix: () => 'Save it again with UTF-8 encoding.' },
  'empty-file': { message: () => 'file is empty', fix: () => 'Create a round with `npm run new` and fill it in.' },
  'yaml-syntax': { message: (p) => `YAML cannot be read: ${p.detail}`, fix: () => 'Check indentation (spaces, not tabs), the colon after each field name, and unclosed brackets/quotes on this or the previous line.' },
  'yaml-duplicate-key': { message: (p) => `a field appears twice (${p.detail})`, fix: () => 'Remove one of the repeated lines.' },
  'yaml-tab-indent': { message: () => 'indentation uses a tab character', fix: () => 'Replace tabs with spaces (2 per level).' },
  'yaml-multiple-documents': { message: () => 'file holds more than one YAML document (a --- line)', fix: () => 'One file per round: remove the `---` line.' },
  'yaml-custom-tag': { message: (p) => `YAML tag not allowed (${p.detail})`, fix: () => 'Remove the tag starting with `!`.' },
  'yaml-alias-bomb': { message: () => 'too many YAML aliases (*…): refused for safety', fix: () => 'Write the values directly, without anchors (&) and aliases (*).' },
  'top-level-not-map': { message: (p) => `the file must hold fields (name: value), not a ${p.kind === 'list' ? 'list' : 'single value'}`, fix: () => 'Start with fields such as `room:`, `date:`, `shift:`; see the README example.' },
  'not-finite-number': { message: (p) => `${p.value} is not a valid number (${p.field})`, fix: () => 'Write a plain number such as 22.4.' },
  'missing-field': { message: (p) => `required field missing: ${p.field}`, fix: () => 'Add this field.' },
  'unknown-field': { message: (p) => `unknown field: ${p.field}`, fix: (p) => `Check the spelling; fields allowed here: ${p.allowed}.` },
  'not-filled': { message: (p) => `not filled in: ${p.field}`, fix: () => 'Fill in the value.' },
  'wrong-type': { message: (p) => `wrong kind of value at ${p.field}: ${p.actual}`, fix: (p) => (p.expected === 'number' ? 'Write a number without quotes, with a dot as decimal separator (e.g. 22.4).' : `Expected ${typeName(p.expected, 'en')}.`) },
  'not-in-list': { message: (p) => `unknown value ${p.value} at ${p.field}`, fix: (p) => `Choose one of: ${p.allowed}.` },
  'wrong-value': { message: (p) => `value ${p.value} at ${p.field} is not valid`, fix: (p) => `The right value: ${p.expected}.` },
  'bad-format': { message: (p) => `wrong format at ${p.field}: ${p.value}`, fix: () => 'Fix the format (dates YYYY-MM-DD, times HH:MM, ids lower-case-with-dashes).' },
  'below-minimum': { message: (p) => `${p.value} at ${p.field} is below ${p.limit}`, fix: () => 'Check the measurement and its unit.' },
  'above-maximum': { message: (p) => `${p.value} at ${p.field} is above ${p.limit}`, fix: () => 'Check the measurement and its unit.' },
  'empty-list': { message: (p) => `list ${p.field} is empty`, fix: () => 'Add at least one entry.' },
  'empty-text': { message: (p) => `text ${p.field} is empty`, fix: () => 'Fill in the text.' },
  'text-too-long': { message: (p) => `text ${p.field} is too long (max ${p.limit} characters)`, fix: () => 'Shorten it; long narratives belong in a maintenance record.' },
  'duplicate-items': { message: (p) => `repeated values in ${p.field}`, fix: () => 'Remove the repeats.' },
  'schema-other': { message: (p) => `value does not fit the form at ${p.field} (${p.detail})`, fix: () => 'Fix the value.' },
  'attestation-shape': { message: () => 'the attestation is incomplete: it needs date, statement and versions', fix: () => 'Make the attestation with `npm run attest`; its shape: date: "YYYY-MM-DD", statement: <the kasi\'s statement>, versions: { <file path>: <40-character blob id> }.' },
  'attestation-path': { message: (p) => `${p.path} is not a round or maintenance record`, fix: () => 'List only files under records/rounds/ or records/maintenance/.' },
  'attestation-blob': { message: (p) => `the blob id for ${p.path} is not valid`, fix: () => 'Write the 40-character hexadecimal blob id from `git rev-parse HEAD:<path>` (or make the file again with `npm run attest`).' },
  // records/allowed_signers.
  'signers-line-invalid': { message: (p) => `key line cannot be read: ${p.text}`, fix: () => 'Write one key per line in git\'s format: <email> <key type> <key> [comment], e.g. `hendra@kab.go.id ssh-ed25519 AAAAC3Nza… hendra` (the content of ~/.ssh/id_ed25519.pub preceded by the e-mail).' },
  'signers-cert-authority': { message: () => 'a cert-authority line is not accepted for approvals', fix: () => 'Whoever holds a certificate authority can issue certificates in anyone\'s name, the kasi\'s included. List the kasi\'s own SSH key, without cert-authority; this line is ignored when signatures are checked.' },
  'signers-demo-key': { message: (p) => `a DEMO key is listed for ${p.principal}, but this archive is not a demo (demo: false)`, fix: () => 'The DEMO private key is published in the Ronda repository, so anyone can sign approvals with it. Remove this line and register the real kasi\'s key (docs/panduan-kasi.md).' },
  'signers-unknown-principal': { message: (p) => `e-mail ${p.principal} is not in config.yaml's staff list`, fix: () => 'Approvals signed with this key will not count. Use the staff member\'s e-mail from config.yaml, or remove the line.' },
  'unknown-room': { message: (p) => `room "${p.room}" is not in records/rooms/`, fix: (p) => `Use an existing room id: ${p.known}.` },
  'unknown-shift': { message: (p) => `shift "${p.shift}" is not in config.yaml`, fix: (p) => `Use one of: ${p.known}.` },
  'unknown-officer': { message: (p) => `officer "${p.officer}" is not in config.yaml staff`, fix: (p) => `Use a staff id: ${p.known}.` },
  'unknown-point': { message: (p) => `sensor point "${p.point}" is not in room ${p.room}`, fix: (p) => `Use one of: ${p.known}.` },
  'unknown-equipment': { message: (p) => `equipment "${p.equipment}" is not in room ${p.room}'s inventory`, fix: (p) => `Check the spelling, or add it to records/rooms/${p.room}.yaml. Known ids: ${p.known}.` },
  'unknown-category': { message: (p) => `category "${p.category}" is not in checklists.yaml`, fix: (p) => `Use one of: ${p.known}.` },
  'duplicate-id': { message: (p) => `id "${p.id}" is used more than once`, fix: () => 'Give each entry its own id.' },
  'path-mismatch': { message: (p) => `file name does not match its content: expected ${p.expected}`, fix: () => 'Move/rename the file, or fix room/date/shift inside (`git mv` keeps history).' },
  'bad-path': { message: (p) => `file location does not follow ${p.pattern}`, fix: () => 'Create rounds with `npm run new` so the name and folder are right.' },
  'duplicate-round': { message: (p) => `duplicate round: ${p.room} ${p.date} shift ${p.shift} also in ${p.other}`, fix: () => 'One round per room, shift and date; merge them and delete one.' },
  'future-date': { message: (p) => `date ${p.date} is in the future (today is ${p.today} WIB)`, fix: () => 'Check the round date.' },
  'invalid-date': { message: (p) => `date ${p.date} does not exist`, fix: () => 'Check the date (e.g. 31 November does not exist).' },
  'finish-before-start': { message: (p) => `finished_at ${p.finished} is before started_at ${p.started}`, fix: () => 'Check both times (24-hour clock).' },
  'reading-outside-round': { message: (p) => `reading time ${p.time} is outside the round (${p.started}–${p.finished})`, fix: () => 'Check the reading time, or adjust started_at/finished_at.' },
  'missing-finished-at': { message: () => 'finished_at is not filled in', fix: () => 'Fill in finished_at when the round is recorded (HH:MM WIB).' },
  'device-not-checked': { message: (p) => `device ${p.equipment} (${p.name}) is missing from checks`, fix: () => 'Add an entry; if it was not checked, use status: tidak-diperiksa with the reason in note.' },
  'duplicate-check': { message: (p) => `device ${p.equipment} appears more than once in checks`, fix: () => 'Merge them into one entry.' },
  'note-required': { message: (p) => `${causesText(p.causes, 'en') || `status ${p.status} on ${p.equipment}`}: no note and no new finding`, fix: () => 'Describe the condition in note, or record a new finding with `equipment:` this device. A finding only carried forward does not count.' },
  'reason-required': { message: (p) => `${p.equipment} not checked, with no reason`, fix: () => 'Write the reason in note.' },
  'reading-needs-note': { message: (p) => `reading ${p.point} at ${p.time}${p.level === 'critical' ? ' CRITICAL' : ''}: ${causesText(p.causes, 'en') || `outside the normal band (${p.detail})`}, with no note and no new finding`, fix: () => 'Add a note to the reading, or a new finding with `point:` this point, with the follow-up. Another finding, or one only carried forward, does not count.' },
  'closed-finding-without-action': { message: (p) => `finding ${p.id} is closed without an action`, fix: () => 'Fill in action with what was done.' },
  'checklist-item-missing': { message: (p) => `item "${p.label}" (${p.item}) on ${p.equipment} is not filled in`, fix: (p) => (p.type === 'boolean' ? `Add ${p.item}: true (meets the standard) or false under items.` : `Add ${p.item}: <number>${p.unit ? ` (${p.unit})` : ''} under values.`) },
  'checklist-item-unknown': { message: (p) => `item "${p.item}" is not in the ${p.category} checklist`, fix: (p) => `Known items: ${p.known}.` },
  'value-out-of-range': { message: (p) => `${p.equipment}: ${causesText(p.causes, 'en') || `${p.label} = ${p.value}${p.unit} outside the standard (${p.range})`}, with no note and no new finding`, fix: () => 'If right, set status perlu-perhatian/rusak with a note or a new finding for this device; if a typo, fix it.' },
  'finding-without-subject': { message: (p) => `finding ${p.id} names no device and no sensor point`, fix: () => 'Add `equipment: <device id>` or `point: <sensor point id>` (or both) to this finding.' },
  'time-in-future': { message: (p) => `${p.time} has not happened yet (it is ${p.now} WIB)`, fix: () => 'Check the device clock or a typo; write the real time (HH:MM, WIB).' },
  'outside-shift': { message: (p) => `the ${p.shift} round started at ${p.started}, outside the shift's ${p.start}–${p.end} WIB`, fix: () => 'If the time is right, say in notes why the round was off schedule; if the shift or time is wrong, fix it.' },
  'late-submit': { message: (p) => `submitted ${formatDuration(Number(p.late), 'en')} after the round finished (standard ${formatDuration(Number(p.standard), 'en')})`, fix: () => 'Submit right after the round; if late for a reason, say so in notes.' },
  'item-not-standard': { message: (p) => `${p.equipment}: "${p.label}" does not meet the standard but status is baik`, fix: () => 'Set status perlu-perhatian or rusak and write a note.' },
  'finding-equipment-changed': { message: (p) => `finding ${p.id} was for ${p.before}, now ${p.after}`, fix: () => 'One finding id per device; use a new id for another finding.' },
  'finding-dropped': { message: (p) => `open finding ${p.id} from round ${p.previous} disappeared without being closed`, fix: () => 'Carry it into this round (status terbuka), or close it with status selesai and an action.' },
  'staff-role': { message: (p) => `staff ${p.officer} has role ${p.role}, not admin`, fix: () => 'Rounds are recorded by a server administrator (role admin).' },
  'placeholder': { message: (p) => `still holds a placeholder at ${p.field}`, fix: () => 'Replace the placeholder with what you measured.' },
  'room-file-mismatch': { message: (p) => `room id "${p.id}" differs from the file name (${p.expected})`, fix: () => 'Make the id match the file name.' },
  'unknown-file': { message: () => 'this file is not a known Ronda record', fix: () => 'Rounds: records/rounds/YYYY/MM/YYYY-MM-DD-<room>-<shift>.yaml; maintenance: records/maintenance/YYYY/YYYY-MM-DD-<slug>.md.' },
  'file-not-found': { message: () => 'file not found', fix: () => 'Check the path given.' },
  'archive-missing': { message: (p) => `required file missing: ${p.what}`, fix: () => 'Run from the Ronda project folder, or copy the example from the README.' },
  'missing-front-matter': { message: () => 'maintenance record without YAML front matter', fix: () => 'Start the file with ---, the fields date/title/room/equipment/officer/kind, then --- and the narrative.' },
};

function typeName(t: string | number | undefined, lang: Lang): string {
  const names: Record<string, [string, string]> = {
    number: ['angka', 'a number'], string: ['teks', 'text'], boolean: ['true atau false', 'true or false'],
    array: ['daftar (baris diawali "- ")', 'a list (lines starting with "- ")'], object: ['kumpulan kolom (nama: nilai)', 'a set of fields (name: value)'],
    integer: ['bilangan bulat', 'a whole number'],
  };
  const pair = names[String(t)];
  return pair ? pair[lang === 'id' ? 0 : 1] : String(t);
}

// Workflow codes (logger import, archive integrity) live in their own file and join the table here.
export const PROBLEM_TEXTS: Record<Lang, Record<string, Text>> = {
  id: { ...id, ...WORKFLOW_PROBLEM_TEXTS.id },
  en: { ...en, ...WORKFLOW_PROBLEM_TEXTS.en },
};

export function problemText(p: Problem, lang: Lang): { message: string; fix: string } {
  const text = PROBLEM_TEXTS[lang][p.code];
  if (!text) {
    const detail = Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(', ');
    return { message: `${p.code}${detail ? ` (${detail})` : ''}`, fix: '' };
  }
  return { message: text.message(p.params), fix: text.fix(p.params) };
}
