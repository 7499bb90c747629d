// Generated from schemas/*.json by `npm run types`. Do not edit by hand.

// --- config.schema.json ---
/**
 * Organisasi, zona waktu, shift dan jadwal ronde, ambang batas, mutu baku waktu SOP, dan daftar staff.
 */
export interface ConfigRecord {
  /**
   * Identitas instansi untuk kop formulir dan situs arsip.
   */
  organization: {
    /**
     * Nama pemerintah daerah, mis. Pemerintah Kabupaten Lumajang.
     */
    government: string;
    /**
     * Nama dinas, mis. Dinas Komunikasi dan Informatika.
     */
    agency: string;
    /**
     * Nama bidang, mis. Bidang Aplikasi Informatika.
     */
    division?: string;
    /**
     * Nama seksi yang mengarsipkan, mis. Seksi Pengelolaan dan Pengembangan Infrastruktur SPBE.
     */
    section: string;
    /**
     * Alamat kantor untuk kop formulir.
     */
    address?: string;
    /**
     * Kota tempat penandatanganan formulir, mis. Lumajang.
     */
    city?: string;
  };
  /**
   * Identitas SOP yang dijalankan.
   */
  sop?: {
    /**
     * Nomor SOP.
     */
    number?: string;
    /**
     * Nama SOP.
     */
    title?: string;
    /**
     * Tanggal pengesahan SOP.
     */
    approved_on?: string;
  };
  /**
   * true bila arsip ini berisi data contoh: setiap halaman situs diberi tanda DATA CONTOH.
   */
  demo?: boolean;
  /**
   * Zona waktu semua jam di arsip: Asia/Jakarta (WIB).
   */
  timezone: 'Asia/Jakarta';
  /**
   * Daftar shift ronde.
   *
   * @minItems 1
   */
  shifts: {
    /**
     * Id shift, dipakai di nama berkas ronde (mis. pagi).
     */
    id: string;
    /**
     * Nama shift untuk tampilan (mis. Pagi).
     */
    name: string;
    /**
     * Jam mulai shift (HH:MM WIB).
     */
    start: string;
    /**
     * Jam akhir shift (HH:MM WIB).
     */
    end: string;
  }[];
  /**
   * Jadwal ronde yang diharapkan; ronde yang tidak ada menurut jadwal dihitung terlewat.
   *
   * @minItems 1
   */
  schedule: {
    /**
     * Ruang yang dijadwalkan; kosong berarti semua ruang.
     *
     * Items: Id huruf kecil, angka dan tanda hubung (mis. ups-01).
     */
    rooms?: string[];
    /**
     * Hari ronde, 1 = Senin … 7 = Minggu.
     *
     * @minItems 1
     */
    weekdays: number[];
    /**
     * Shift yang wajib ada pada hari tersebut.
     *
     * @minItems 1
     *
     * Items: Id huruf kecil, angka dan tanda hubung (mis. ups-01).
     */
    shifts: string[];
    /**
     * Jadwal berlaku sejak tanggal ini (YYYY-MM-DD).
     */
    since: string;
    /**
     * Jadwal berlaku sampai tanggal ini (opsional).
     */
    until?: string;
  }[];
  /**
   * Hari libur: tidak ada ronde terjadwal.
   *
   * Items: Tanggal format YYYY-MM-DD.
   */
  holidays?: string[];
  thresholds: Thresholds;
  /**
   * Mutu baku waktu SOP dalam menit.
   */
  sop_time_standards: {
    /**
     * Langkah 1: Kasi menyerahkan formulir (menit; SOP: 5).
     */
    handover_min: number;
    /**
     * Langkah 2: pengecekan kondisi peralatan, suhu dan kelembaban (menit; SOP: 60).
     */
    inspection_min: number;
    /**
     * Langkah 3: memastikan kondisi dan mencatat ke formulir (menit; SOP: 60).
     */
    recording_min: number;
    /**
     * Langkah 4: formulir diserahkan untuk diarsipkan (menit; SOP: 30).
     */
    archiving_min: number;
  };
  /**
   * Staff yang mencatat (admin) dan menyetujui (kasi). Email git menentukan siapa yang commit dan siapa yang menyetujui.
   *
   * @minItems 1
   */
  staff: {
    /**
     * Id huruf kecil, angka dan tanda hubung (mis. ups-01).
     */
    id: string;
    /**
     * Nama lengkap dengan gelar, untuk blok tanda tangan.
     */
    name: string;
    /**
     * NIP 18 digit (boleh dengan spasi: 19780910 199802 1 001).
     */
    nip?: string;
    /**
     * Email yang dipakai di git (user.email).
     */
    email: string;
    /**
     * Peran: admin (Administrator Server) atau kasi (Kepala Seksi).
     */
    role: 'admin' | 'kasi';
    /**
     * Jabatan lengkap untuk blok tanda tangan.
     */
    title?: string;
    /**
     * false bila staff sudah tidak bertugas.
     */
    active?: boolean;
    /**
     * Alamat no-reply situs git (mis. 12345+hendra@users.noreply.github.com) yang tercatat sebagai penulis merge web orang ini; merge web bertanda tangan kunci situs git diakui hanya bila penulisnya Kasi.
     */
    forge_emails?: string[];
  }[];
}
/**
 * Ambang batas suhu dan kelembaban (bawaan; dapat diubah per ruang).
 */
export interface Thresholds {
  /**
   * Suhu (°C) di sisi masuk udara perangkat.
   */
  temperature_c?: {
    normal?: Band;
    warning?: Band;
    critical?: Band;
  };
  /**
   * Kelembaban relatif (% RH).
   */
  humidity_pct?: {
    normal?: Band;
    warning?: Band;
    critical?: Band;
  };
  /**
   * Titik embun (°C), dihitung dengan rumus Magnus.
   */
  dew_point_c?: {
    warning?: Band;
    critical?: Band;
  };
  /**
   * Laju perubahan suhu maksimum (°C per jam; ASHRAE: 5, atau 20 tanpa tape drive).
   */
  rate_c_per_hour?: number;
}
/**
 * Rentang nilai: min dan/atau max (inklusif).
 */
export interface Band {
  /**
   * Batas bawah (inklusif).
   */
  min?: number;
  /**
   * Batas atas (inklusif).
   */
  max?: number;
}

// --- checklists.schema.json ---
/**
 * Untuk setiap kategori perangkat: butir kondisi standar (ya/tidak) dan butir terukur dengan satuan dan rentang yang diizinkan.
 */
export interface ChecklistsRecord {
  /**
   * Kategori perangkat (ac, ups, genset, …) dan butir standarnya.
   */
  categories: {
    [k: string]:
      | {
          /**
           * Nama kategori dalam bahasa Indonesia.
           */
          name: string;
          /**
           * Nama kategori dalam bahasa Inggris.
           */
          name_en?: string;
          /**
           * Butir kondisi standar.
           */
          items: {
            /**
             * Id butir, dipakai sebagai kunci di items/values ronde.
             */
            id: string;
            /**
             * Uraian butir (bahasa Indonesia).
             */
            label: string;
            /**
             * Uraian butir (bahasa Inggris).
             */
            label_en?: string;
            /**
             * boolean: ya/tidak (true = sesuai standar); number: nilai terukur.
             */
            type: 'boolean' | 'number';
            /**
             * Satuan nilai terukur (mis. %, °C, V).
             */
            unit?: string;
            /**
             * Nilai minimum yang diizinkan (inklusif).
             */
            min?: number;
            /**
             * Nilai maksimum yang diizinkan (inklusif).
             */
            max?: number;
            /**
             * false bila butir boleh dikosongkan (bawaan: wajib diisi bila perangkat diperiksa).
             */
            required?: boolean;
          }[];
        }
      | undefined;
  };
}

// --- room.schema.json ---
/**
 * Satu ruang server: titik sensor dan inventaris perangkat.
 */
export interface RoomRecord {
  /**
   * Id ruang; harus sama dengan nama berkas (tanpa .yaml).
   */
  id: string;
  /**
   * Nama ruang untuk tampilan.
   */
  name: string;
  /**
   * Lokasi ruang (gedung, lantai).
   */
  location?: string;
  thresholds?: Thresholds;
  /**
   * Titik pengukuran suhu dan kelembaban.
   *
   * @minItems 1
   */
  sensor_points: {
    /**
     * Id titik sensor, dipakai di readings[].point.
     */
    id: string;
    /**
     * Nama titik sensor.
     */
    name: string;
    /**
     * inlet: sisi masuk udara perangkat (lorong dingin; ambang berlaku di sini); outlet: sisi buang; room: udara ruang.
     */
    position?: 'inlet' | 'outlet' | 'room';
    /**
     * Alat ukur/logger di titik ini (mis. Elitech RC-4HC).
     */
    logger?: string;
  }[];
  /**
   * Inventaris perangkat di ruang ini.
   *
   * @minItems 1
   */
  equipment: {
    /**
     * Id perangkat, dipakai di checks[].equipment.
     */
    id: string;
    /**
     * Nama perangkat.
     */
    name: string;
    /**
     * Kategori dari checklists.yaml (ac, ups, genset, …).
     */
    category: string;
    /**
     * Merek.
     */
    brand?: string;
    /**
     * Model/tipe.
     */
    model?: string;
    /**
     * Nomor seri.
     */
    serial?: string;
    /**
     * Rak tempat perangkat (bila ada).
     */
    rack?: string;
    /**
     * Tanggal pemasangan (YYYY-MM-DD).
     */
    installed?: string;
    /**
     * Tanggal perangkat tidak lagi dipakai; sesudahnya tidak wajib diperiksa.
     */
    retired?: string;
  }[];
}
/**
 * Ambang batas khusus ruang ini; menimpa bawaan di config.yaml per butir.
 */
/**
 * Rentang nilai: min dan/atau max (inklusif).
 */
// --- round.schema.json ---
/**
 * Satu ronde monitoring ruang server: formulir monitoring suhu & kelembaban dan formulir monitoring pemeliharaan (SOP Monitoring dan Pemeliharaan IT Infrastruktur).
 */
export interface RoundRecord {
  /**
   * Id ruang server, sama dengan nama berkas di records/rooms/ (mis. ruang-server-utama).
   */
  room: string;
  /**
   * Tanggal ronde, format YYYY-MM-DD (waktu lokal WIB).
   */
  date: string;
  /**
   * Id shift dari config.yaml (mis. pagi, sore).
   */
  shift: string;
  /**
   * Id petugas (Administrator Server) dari daftar staff di config.yaml.
   */
  officer: string;
  /**
   * Jam mulai pengecekan, HH:MM waktu lokal (WIB).
   */
  started_at: string;
  /**
   * Jam selesai pengecekan dan pencatatan, HH:MM waktu lokal (WIB).
   */
  finished_at?: string;
  /**
   * Formulir monitoring suhu & kelembaban: satu baris per titik sensor per waktu baca.
   *
   * @minItems 1
   */
  readings: Reading[];
  /**
   * Formulir monitoring pemeliharaan: satu entri per perangkat di ruang ini.
   *
   * @minItems 1
   */
  checks: Check[];
  /**
   * Temuan dan tindak lanjutnya. Temuan yang masih terbuka dibawa ke ronde berikutnya dengan id yang sama.
   */
  findings?: Finding[];
  /**
   * Catatan umum ronde (Markdown).
   */
  notes?: string;
  /**
   * Perubahan setelah ronde disetujui: siapa, kapan, dan mengapa. Wajib diisi bila ronde yang sudah disetujui diubah.
   */
  amendments?: Amendment[];
}
export interface Reading {
  /**
   * Id titik sensor dari berkas ruang (records/rooms/).
   */
  point: string;
  /**
   * Jam pembacaan, HH:MM WIB.
   */
  time: string;
  /**
   * Suhu dalam °C (batas fisik yang diterima: −20 sampai 60).
   */
  temperature_c: number;
  /**
   * Kelembaban relatif dalam % RH (0–100).
   */
  humidity_pct: number;
  /**
   * Sumber data, mis. 'manual' atau nama berkas ekspor logger.
   */
  source?: string;
  /**
   * Catatan pembacaan (Markdown); wajib bila di luar rentang normal dan tidak ada temuan.
   */
  note?: string;
}
export interface Check {
  /**
   * Id perangkat dari inventaris ruang (records/rooms/).
   */
  equipment: string;
  /**
   * Kondisi perangkat: baik, perlu-perhatian, rusak, atau tidak-diperiksa.
   */
  status: 'baik' | 'perlu-perhatian' | 'rusak' | 'tidak-diperiksa';
  /**
   * Butir kondisi standar (ya/tidak) dari checklists.yaml: true bila sesuai standar.
   */
  items?: {
    /**
     * Tulis true bila sesuai standar, false bila tidak.
     */
    [k: string]: boolean | undefined;
  };
  /**
   * Nilai terukur dari checklists.yaml (mis. load_pct: 46), dibandingkan dengan rentang standarnya.
   */
  values?: {
    /**
     * Tulis angka hasil ukur, titik sebagai pemisah desimal (mis. 46 atau 21.5).
     */
    [k: string]: number | undefined;
  };
  /**
   * Catatan (Markdown); wajib bila status bukan baik.
   */
  note?: string;
}
export interface Finding {
  /**
   * Nomor temuan, format T-YYYY-NNN (mis. T-2026-011).
   */
  id: string;
  /**
   * Id perangkat yang terkait temuan (isi ini, titik sensor, atau keduanya).
   */
  equipment?: string;
  /**
   * Id titik sensor yang terkait temuan, mis. untuk suhu atau kelembapan di luar rentang (isi ini, perangkat, atau keduanya).
   */
  point?: string;
  /**
   * Uraian temuan.
   */
  description: string;
  /**
   * Tindak lanjut yang dilakukan; wajib bila status selesai.
   */
  action?: string;
  /**
   * Status temuan: terbuka atau selesai.
   */
  status: 'terbuka' | 'selesai';
  /**
   * Tanggal temuan pertama kali dicatat (YYYY-MM-DD).
   */
  raised_on?: string;
  /**
   * Tanggal temuan dinyatakan selesai (YYYY-MM-DD).
   */
  closed_on?: string;
}
export interface Amendment {
  /**
   * Id staff yang mengubah.
   */
  by: string;
  /**
   * Kapan diubah: YYYY-MM-DD atau YYYY-MM-DDTHH:MM (WIB).
   */
  at: string;
  /**
   * Alasan perubahan.
   */
  reason: string;
}

// --- maintenance.schema.json ---
/**
 * Front matter YAML sebuah catatan pemeliharaan (records/maintenance/YYYY/YYYY-MM-DD-slug.md); uraian kegiatan ditulis sebagai Markdown di bawahnya.
 */
export interface MaintenanceFrontMatter {
  /**
   * Tanggal pemeliharaan (YYYY-MM-DD).
   */
  date: string;
  /**
   * Judul singkat kegiatan.
   */
  title: string;
  /**
   * Id ruang server.
   */
  room: string;
  /**
   * Id perangkat yang dipelihara.
   *
   * @minItems 1
   *
   * Items: Id huruf kecil, angka dan tanda hubung (mis. ups-01).
   */
  equipment: string[];
  /**
   * Id huruf kecil, angka dan tanda hubung (mis. ups-01).
   */
  officer: string;
  /**
   * preventif: terjadwal; korektif: perbaikan kerusakan.
   */
  kind: 'preventif' | 'korektif';
  /**
   * Pihak ketiga/teknisi (bila ada).
   */
  vendor?: string;
  /**
   * Nomor temuan yang ditindaklanjuti (T-YYYY-NNN).
   */
  findings?: string[];
  /**
   * Jam mulai (WIB).
   */
  started_at?: string;
  /**
   * Jam selesai (WIB).
   */
  finished_at?: string;
  /**
   * Perubahan setelah disetujui (siapa, kapan, mengapa).
   */
  amendments?: Amendment[];
}