/**
 * Synthetic configuration and rooms for the benchmark archive: the repository's config with a third
 * (night) shift, more staff, per-room schedules, and R rooms `ruang-server-01…` whose inventories vary
 * the way real regency server rooms do (one to four racks, one or two precision ACs, a building genset
 * or none). Pure and deterministic for a seed.
 */
import { Document, Scalar, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { mulberry32 } from '../demo/generate-rounds.ts';
import type { ConfigRecord, RoomRecord } from '../types.generated.ts';

type Equipment = RoomRecord['equipment'][number];
type SensorPoint = RoomRecord['sensor_points'][number];
type Staff = ConfigRecord['staff'][number];

export const NIGHT_SHIFT = { id: 'malam', name: 'Malam', start: '19:00', end: '22:00' } as const;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const roomId = (i: number) => `ruang-server-${pad(i + 1)}`;

// Extra staff so fifty rooms are not all walked by two people; ids, NIPs and emails are invented.
const EXTRA_ADMINS: [string, string][] = [
  ['dewi', 'Dewi Lestari, S.Kom.'],
  ['agus', 'Agus Prasetyo, A.Md.'],
  ['rina', 'Rina Marlina, S.T.'],
  ['yoga', 'Yoga Pratama, S.Kom.'],
];
const EXTRA_KASI: [string, string] = ['wahyu', 'Wahyu Hidayat, S.Kom., M.M.'];

/**
 * The repository's config with the night shift added (three rounds a day) and one schedule rule per
 * group of rooms that start on the same day. `starts` maps room id → first day of its rounds.
 */
export function syntheticConfig(base: ConfigRecord, starts: Map<string, string>): ConfigRecord {
  const shifts = base.shifts.some((s) => s.id === NIGHT_SHIFT.id) ? base.shifts : [...base.shifts, { ...NIGHT_SHIFT }];
  const domain = base.staff[0]?.email.split('@')[1] ?? 'diskominfo.go.id';
  const staff: Staff[] = [...base.staff];
  const addStaff = (id: string, name: string, role: 'admin' | 'kasi', k: number) => {
    if (staff.some((s) => s.id === id)) return;
    const first = id;
    staff.push({
      id,
      name,
      nip: `19${pad(85 + (k % 10))}0${(k % 9) + 1}1${k % 3} 20${pad(10 + k)}0${(k % 9) + 1} 1 0${pad(k + 10)}`,
      email: `${first}.bench@${domain}`,
      role,
      title: role === 'kasi' ? 'Kepala Seksi Pengelolaan dan Pengembangan Infrastruktur SPBE (Plt.)' : 'Administrator Server',
    } as Staff);
  };
  EXTRA_ADMINS.forEach(([id, name], k) => addStaff(id, name, 'admin', k));
  addStaff(EXTRA_KASI[0], EXTRA_KASI[1], 'kasi', EXTRA_ADMINS.length);

  const byStart = new Map<string, string[]>();
  for (const [room, since] of [...starts].sort()) byStart.set(since, [...(byStart.get(since) ?? []), room]);
  const allShifts = shifts.map((s) => s.id);
  const schedule = [...byStart]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([since, rooms]) => ({ rooms, weekdays: [1, 2, 3, 4, 5, 6, 7], shifts: allShifts, since }));
  return { ...base, shifts, staff, schedule: schedule.length ? schedule : base.schedule };
}

const BUILDINGS = [
  'Gedung Diskominfo', 'Kantor Bupati', 'Gedung DPRD', 'RSUD dr. Haryoto', 'Dinas Kesehatan', 'Dinas Pendidikan',
  'Dinas Kependudukan dan Pencatatan Sipil', 'BPKAD', 'Bappeda', 'Mal Pelayanan Publik', 'Kecamatan Sukodono', 'Kecamatan Tempeh',
];
const RACK_LETTERS = ['a', 'b', 'c', 'd'];
const RACK_ROLES = ['server aplikasi', 'server basis data', 'jaringan', 'penyimpanan'];
const SERVER_MODELS: [string, string][] = [
  ['Dell', 'PowerEdge R750'], ['Dell', 'PowerEdge R650'], ['HPE', 'ProLiant DL380 Gen10'], ['Lenovo', 'ThinkSystem SR650'], ['Synology', 'RS3621xs+'],
];
const LOGGERS = ['Elitech RC-4HC', 'Govee H5075'];

/** One room's inventory, varied by the seed: racks, sensor points per rack, and equipment per category. */
export function syntheticRoom(index: number, seed: number): RoomRecord {
  const rnd = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const id = roomId(index);
  const no = pad(index + 1);
  const building = BUILDINGS[index % BUILDINGS.length]!;
  const racks = RACK_LETTERS.slice(0, index === 0 ? 3 : int(1, 4));
  const serial = (prefix: string) => `${prefix}-${int(10, 99)}-${pad(int(0, 99999), 5)}`;
  const installed = () => `20${pad(int(15, 22))}-${pad(int(1, 12))}-${pad(int(1, 28))}`;

  const sensor_points: SensorPoint[] = racks.map((r) => ({
    id: `rak-${r}-depan`, name: `Rak ${r.toUpperCase()} sisi depan (lorong dingin)`, position: 'inlet', logger: LOGGERS[0]!,
  }));
  sensor_points.push({ id: `rak-${racks[0]}-belakang`, name: `Rak ${racks[0]!.toUpperCase()} sisi belakang (lorong panas)`, position: 'outlet' });
  sensor_points.push({ id: 'ruang-tengah', name: 'Tengah ruangan', position: 'room', logger: LOGGERS[1]! });

  const eq: Equipment[] = [];
  const precisionAcs = racks.length >= 3 ? 2 : 1;
  for (let i = 1; i <= precisionAcs; i++) {
    eq.push({ id: `ac-${pad(i)}`, name: `AC Presisi ${i}`, category: 'ac', brand: 'Stulz', model: 'CyberAir Mini ASD 181', serial: serial('STZ'), installed: installed() });
  }
  eq.push({ id: `ac-${pad(precisionAcs + 1)}`, name: 'AC Split Cadangan', category: 'ac', brand: 'Daikin', model: 'FTKC35', serial: serial('DK'), installed: installed() });
  const upsCount = racks.length >= 2 ? 2 : 1;
  for (let i = 1; i <= upsCount; i++) {
    eq.push({ id: `ups-${pad(i)}`, name: `UPS ${upsCount > 1 ? `10 kVA ${String.fromCharCode(64 + i)}` : '6 kVA'}`, category: 'ups', brand: 'APC', model: upsCount > 1 ? 'SRT10KXLI' : 'SRT6KXLI', serial: serial('AS'), rack: `rak-${racks[i - 1]}`, installed: installed() });
  }
  if (index === 0 || chance(0.7)) eq.push({ id: 'genset-01', name: 'Genset dan ATS', category: 'genset', brand: 'Perkins', model: '1103A-33TG2', serial: serial('PK'), installed: installed() });
  eq.push({ id: 'panel-01', name: 'Panel Distribusi Ruang Server', category: 'panel', brand: 'Schneider', model: 'Prisma G', installed: installed() });
  eq.push({ id: 'grounding-01', name: 'Grounding dan Penangkal Petir', category: 'grounding', installed: installed() });
  eq.push({ id: 'apar-01', name: 'APAR CO2 5 kg', category: 'pemadam', brand: 'Yamato', model: 'CO2-5', serial: serial('YMT') });
  if (racks.length >= 3) eq.push({ id: 'fm200-01', name: 'Sistem FM-200', category: 'pemadam', brand: 'Kidde', model: 'FM-200 ECS', installed: installed() });
  eq.push({ id: 'cctv-01', name: 'CCTV Ruang Server', category: 'cctv', brand: 'Hikvision', model: 'DS-2CD2143G2-I' });
  eq.push({ id: 'akses-01', name: chance(0.5) ? 'Akses Pintu Sidik Jari' : 'Akses Pintu Kartu', category: 'akses', brand: 'ZKTeco', model: 'F22' });
  racks.forEach((r, i) => eq.push({ id: `rak-${r}`, name: `Rak ${r.toUpperCase()} (${RACK_ROLES[i]})`, category: 'rak', brand: 'APC', model: 'NetShelter SX 42U' }));
  let srv = 0;
  for (const r of racks) {
    if (r === 'c') continue; // the network rack
    for (let k = int(1, 3); k > 0; k--) {
      const [brand, model] = SERVER_MODELS[int(0, SERVER_MODELS.length - 1)]!;
      srv++;
      eq.push({ id: `srv-${pad(srv)}`, name: `Server ${srv}`, category: 'server', brand, model, serial: serial('SRV'), rack: `rak-${r}`, installed: installed() });
    }
  }
  const netRack = `rak-${racks.includes('c') ? 'c' : racks[0]}`;
  eq.push({ id: 'sw-core-01', name: 'Core Switch', category: 'jaringan', brand: 'Cisco', model: 'Catalyst 9300-48P', serial: serial('FCW'), rack: netRack });
  if (racks.length >= 2) eq.push({ id: 'sw-dist-01', name: 'Switch Distribusi', category: 'jaringan', brand: 'Cisco', model: 'Catalyst 9200-24T', rack: netRack });
  eq.push({ id: 'rtr-01', name: 'Router Internet', category: 'jaringan', brand: 'MikroTik', model: 'CCR2116-12G-4S+', rack: netRack });
  if (index === 0 || chance(0.6)) eq.push({ id: 'fw-01', name: 'Firewall Perimeter', category: 'firewall', brand: 'Fortinet', model: 'FortiGate 100F', serial: serial('FG'), rack: netRack });
  eq.push({ id: 'lampu-01', name: 'Penerangan Ruang Server', category: 'penerangan' });
  eq.push({ id: 'kebersihan-01', name: 'Kebersihan Ruang Server', category: 'kebersihan' });
  if (chance(0.5)) eq.push({ id: 'leak-01', name: 'Sensor Kebocoran Air di bawah AC', category: 'kebocoran', brand: 'RLE', model: 'SeaHawk LD1000' });

  return { id, name: `Ruang Server ${no}`, location: `${building}, Lantai ${int(1, 3)}`, sensor_points, equipment: eq };
}

const CONFIG_QUOTED = new Set(['start', 'end', 'since', 'until', 'approved_on', 'nip']);
const CONFIG_FLOW = new Set(['weekdays', 'rooms', 'shifts', 'normal', 'warning', 'critical']);

/**
 * YAML text of a config written the way people write it: times and dates quoted (YAML 1.1 readers
 * would take 07:30 for a number), short lists and threshold ranges on one line.
 */
export function renderConfig(config: ConfigRecord): string {
  const doc = new Document(config);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (CONFIG_QUOTED.has(key) && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
      // Top-level `shifts` is a list of maps: only the schedule's list of ids goes on one line.
      if (CONFIG_FLOW.has(key) && (isMap(pair.value) || (isSeq(pair.value) && pair.value.items.every(isScalar)))) pair.value.flow = true;
    },
  });
  return `# yaml-language-server: $schema=../schemas/config.schema.json\n${doc.toString({ lineWidth: 0 })}`;
}

/** YAML text of a room as the repository's room file is written: one line per sensor point and device. */
export function renderRoom(room: RoomRecord): string {
  const doc = new Document(room);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if ((key === 'installed' || key === 'retired') && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
      if ((key === 'sensor_points' || key === 'equipment') && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
    },
  });
  return `# yaml-language-server: $schema=../../schemas/room.schema.json\n${doc.toString({ lineWidth: 0 })}`;
}
