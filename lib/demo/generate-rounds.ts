/**
 * Deterministic demo archive: 90 days of monitoring rounds for one room plus two maintenance
 * records, telling a small story (an AC fault, a few excursions, one missed round, one finding
 * still open). Pure: same inputs and seed → byte-identical texts. `scripts/generate-demo.ts` writes them.
 */
import { Document, Scalar, isMap, isPair, isScalar, visit } from 'yaml';
import type {
  Check,
  ChecklistsRecord,
  ConfigRecord,
  Finding,
  MaintenanceFrontMatter,
  Reading,
  RoomRecord,
  RoundRecord,
} from '../types.generated.ts';
import { own } from '../own.ts';

export const DEFAULT_SEED = 2026;
export const ROUND_SCHEMA_HEADER = '# yaml-language-server: $schema=../../../../schemas/round.schema.json';

export interface DemoOptions {
  config: ConfigRecord;
  checklists: ChecklistsRecord;
  room: RoomRecord;
  /** Last day of the archive, YYYY-MM-DD. */
  endDate: string;
  days: number;
  seed: number;
}

/** Day indexes (0 = first day of the window) of the story's events, chosen by the seed. */
export interface DemoStory {
  doorDay: number; // warning excursion at a rack inlet (rack door left open), closed in the same round
  preventiveDay: number; // preventive maintenance: UPS and genset
  acFaultDay: number; // AC found broken in the morning round; one critical reading
  acFixedDay: number; // compressor replaced (corrective maintenance); finding closed in the afternoon round
  missedDay: number; // the afternoon round of this day was not done
  humidityDay: number; // humidity warning (heavy rain)
  outageDay: number; // mains power outage before the afternoon round: temperature warning
  dustDay: number; // cleanliness finding raised, still open at the end
  dates: Record<Exclude<keyof DemoStory, 'dates'>, string>;
}

export interface DemoRoundFile { path: string; record: RoundRecord; text: string }
export interface DemoMaintenanceFile { path: string; front: MaintenanceFrontMatter; text: string }
export interface DemoArchive { story: DemoStory; rounds: DemoRoundFile[]; maintenance: DemoMaintenanceFile[] }

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for demo noise and no dependency needed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Findings before the archive starts were kept on paper; the demo continues that year's numbering.
const FIRST_FINDING_NO = 41;
const QUOTED_KEYS = new Set(['date', 'time', 'started_at', 'finished_at', 'raised_on', 'closed_on', 'since', 'until']);
const FLOW_KEYS = new Set(['items', 'values']);

/**
 * YAML text with every date/time quoted: YAML 1.1 readers (gray-matter, js-yaml) would otherwise read
 * 2026-11-24 as a Date and 08:05 as the sexagesimal number 485. items/values stay on one line each.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (QUOTED_KEYS.has(key) && isScalar(pair.value)) pair.value.type = Scalar.QUOTE_DOUBLE;
      if (FLOW_KEYS.has(key) && isMap(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

export function renderRound(record: RoundRecord): string {
  return `${ROUND_SCHEMA_HEADER}\n${toYaml(record)}`;
}

export function renderMaintenance(front: MaintenanceFrontMatter, body: string): string {
  return `---\n${toYaml(front)}---\n\n${body.trim()}\n`;
}

// --- small helpers ---------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const hhmm = (min: number) => `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;
const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}
function nonEmpty<T>(a: T[], what: string): [T, ...T[]] {
  if (a.length === 0) throw new Error(`demo: ${what} kosong`);
  return a as [T, ...T[]];
}
// Magnus formula (a = 17.62, b = 243.12 °C), as in DESIGN.md.
const gamma = (t: number) => (17.62 * t) / (243.12 + t);
export const dewPoint = (t: number, rh: number) => {
  const g = Math.log(rh / 100) + gamma(t);
  return (243.12 * g) / (17.62 - g);
};
const rhFromDew = (t: number, td: number) => 100 * Math.exp(gamma(td) - gamma(t));

export function generateDemoArchive(opts: DemoOptions): DemoArchive {
  const { config, checklists, room, endDate, days, seed } = opts;
  if (!Number.isInteger(days) || days < 30) throw new Error('demo: days minimal 30');
  const rnd = mulberry32(seed);
  const uni = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const at = (fraction: number, jitter: number) => Math.min(days - 2, Math.floor(fraction * days) + int(0, jitter));

  const startDate = addDays(endDate, -(days - 1));
  const dateOf = (d: number) => addDays(startDate, d);
  const shifts = config.shifts.map((s) => s.id);
  const morning = shifts[0]!;
  const afternoon = shifts[shifts.length - 1]!;
  const admins = config.staff.filter((s) => s.role === 'admin' && s.active !== false).map((s) => s.id);
  nonEmpty(admins, 'staff admin');

  // Story days: spread over the window, jittered by the seed, never overlapping.
  const acFaultDay = at(0.4, 4);
  const storyDays = {
    doorDay: at(0.11, 5),
    preventiveDay: at(0.22, 5),
    acFaultDay,
    acFixedDay: acFaultDay + 4,
    missedDay: at(0.56, 6),
    humidityDay: at(0.67, 4),
    outageDay: at(0.76, 4),
    dustDay: at(0.85, 4),
  };
  const story: DemoStory = {
    ...storyDays,
    dates: Object.fromEntries(Object.entries(storyDays).map(([k, d]) => [k, dateOf(d)])) as DemoStory['dates'],
  };

  // Equipment the story is about, picked by category so another room still works.
  const ofCategory = (c: string) => room.equipment.filter((e) => e.category === c);
  const pick = (c: string, i: number) => {
    const list = ofCategory(c);
    return list[Math.min(i, list.length - 1)];
  };
  const faultyAc = pick('ac', 1);
  const backupAc = pick('ac', 2);
  const doorRack = pick('rak', 2);
  const dusty = pick('kebersihan', 0);
  const genset = pick('genset', 0);
  const ups = ofCategory('ups').map((e) => e.id);
  const inlets = room.sensor_points.filter((p) => (p.position ?? 'inlet') === 'inlet');
  const hotInlet = inlets[Math.min(1, inlets.length - 1)]!; // the point nearest the faulty AC
  const doorInlet = inlets[inlets.length - 1]!;

  const th = { ...config.thresholds, ...room.thresholds };
  const tNormal = { min: th.temperature_c?.normal?.min ?? 20, max: th.temperature_c?.normal?.max ?? 25 };
  const hNormal = { min: th.humidity_pct?.normal?.min ?? 40, max: th.humidity_pct?.normal?.max ?? 60 };
  const dewMax = th.dew_point_c?.warning?.max ?? 15;
  const isAbnormal = (r: Reading) =>
    r.temperature_c < tNormal.min || r.temperature_c > tNormal.max ||
    r.humidity_pct < hNormal.min || r.humidity_pct > hNormal.max ||
    dewPoint(r.temperature_c, r.humidity_pct) > dewMax;

  const fno = (k: number) => `T-${endDate.slice(0, 4)}-${pad(FIRST_FINDING_NO + k, 3)}`;
  const acFinding: Finding | undefined = faultyAc && {
    id: fno(1),
    equipment: faultyAc.id,
    description: `Kompresor ${faultyAc.name} tidak bekerja`,
    status: 'terbuka',
    raised_on: story.dates.acFaultDay,
  };
  const dustFinding: Finding | undefined = dusty && {
    id: fno(2),
    equipment: dusty.id,
    description: 'Debu menumpuk di bawah raised floor',
    status: 'terbuka',
    raised_on: story.dates.dustDay,
  };

  // Each point sits a little warmer or cooler than the room; drawn once.
  const pointOffset = new Map(room.sensor_points.map((p) => [p.id, uni(-0.4, 0.4)]));
  let tempWalk = 0; // mean-reverting daily drift of the room temperature
  let dewWalk = 0;
  let fuel = int(70, 80);

  const rounds: DemoRoundFile[] = [];
  const maintenance: DemoMaintenanceFile[] = [];

  for (let d = 0; d < days; d++) {
    const date = dateOf(d);
    tempWalk = 0.7 * tempWalk + uni(-0.45, 0.45);
    dewWalk = 0.6 * dewWalk + uni(-0.6, 0.6);
    const acDown = d >= story.acFaultDay && d <= story.acFixedDay;

    shifts.forEach((shift, si) => {
      const officer = admins[(Math.floor(d / 7) + si) % admins.length]!;
      const isMorning = shift === morning;
      const is = (day: number, s: string) => d === day && shift === s;
      const discovery = is(story.acFaultDay, morning);
      // Both happen between the morning and the afternoon round.
      if (is(story.preventiveDay, afternoon)) fuel = 95; // refilled after the genset test
      if (is(story.outageDay, afternoon)) fuel -= 6; // the genset ran during the outage
      const upsDischarged = is(story.preventiveDay, afternoon) || is(story.outageDay, afternoon);
      if (is(story.missedDay, afternoon)) return;
      const acClosing = is(story.acFixedDay, afternoon);
      const acBroken = acDown && !acClosing;
      const startWindow = isMorning ? [15, 60] : [5, 45];
      const start = toMin(config.shifts[si]!.start) + int(startWindow[0]!, startWindow[1]!);
      const firstRead = start + int(2, 4);
      const gap = int(38, 41);

      // --- readings: every point twice, ~40 min apart -------------------------------------------
      const base = 22.4 + tempWalk + (isMorning ? 0 : 0.5) + (acBroken && !discovery ? 1.1 : 0);
      const dew = 12 + dewWalk + (isMorning ? 0.2 : -0.2);
      const notes: string[] = [];
      const readings: Reading[] = [];
      const firstPass = new Map<string, number>();
      for (const pass of [0, 1]) {
        // Inlets first: the outlet and room points follow the inlet average.
        const temps = new Map<string, { t: number; event: boolean; note?: string }>();
        for (const p of inlets) {
          let t = base + pointOffset.get(p.id)! + pass * uni(0.05, 0.3) + uni(-0.2, 0.2);
          let event = true;
          let note: string | undefined;
          const prev = firstPass.get(p.id) ?? t;
          // After an excursion the second reading falls back by < 5 °C/h (ASHRAE rate of change).
          const fallBack = () => Math.min(prev - uni(1.8, 2.6), tNormal.max - 0.2);
          if (discovery) {
            // The AC failed overnight; the backup split is switched on during the round.
            t = 22.5 + (p.id === hotInlet.id ? (pass === 0 ? 9.9 : 6.9) : pass === 0 ? uni(3.5, 4.5) : uni(2, 2.8));
          } else if (is(story.doorDay, afternoon) && p.id === doorInlet.id) {
            t = pass === 0 ? uni(25.6, 26.6) : fallBack();
            note = `Pintu belakang ${doorRack?.name ?? 'rak'} terbuka setelah pemasangan perangkat; pintu ditutup, suhu turun pada pembacaan berikutnya.`;
          } else if (is(story.outageDay, afternoon)) {
            t = pass === 0 ? uni(25.3, 26.4) : fallBack();
            note = 'Suhu naik setelah listrik PLN padam; AC presisi menyala kembali setelah genset mengambil alih.';
          } else event = false;
          temps.set(p.id, { t, event, note });
        }
        const inletAvg = [...temps.values()].reduce((a, x) => a + x.t, 0) / Math.max(1, temps.size);
        for (const p of room.sensor_points) {
          if (temps.has(p.id)) continue;
          const t = inletAvg + (p.position === 'outlet' ? uni(1.3, 2) : uni(0.3, 0.8));
          temps.set(p.id, { t, event: discovery });
        }
        room.sensor_points.forEach((p, pi) => {
          const x = temps.get(p.id)!;
          const t = round1(x.event ? x.t : clamp(x.t, tNormal.min + 0.8, tNormal.max - 0.2));
          if (pass === 0) firstPass.set(p.id, t);
          let note = x.note;
          let rh = rhFromDew(t, dew) + uni(-1.5, 1.5);
          if (!x.event) rh = clamp(rh, 45, 58);
          if (is(story.humidityDay, morning) && (p.position === 'room' || p.id === doorInlet.id)) {
            rh = uni(61, 64.4);
            note = 'Hujan deras sejak pagi dan pintu ruang sering dibuka; fungsi pengeringan (dehumidify) AC presisi diperiksa dan berfungsi.';
          }
          const reading: Reading = { point: p.id, time: hhmm(firstRead + pass * gap + pi), temperature_c: t, humidity_pct: Math.round(rh) };
          if (!isAbnormal(reading)) return void readings.push(reading);
          if (discovery) {
            note = t > 32
              ? `Suhu kritis: ${faultyAc?.name ?? 'AC'} mati; ${backupAc?.name ?? 'AC cadangan'} dinyalakan (${acFinding?.id}).`
              : `Suhu naik dan kelembaban turun karena ${faultyAc?.name ?? 'AC'} mati (${acFinding?.id}).`;
          }
          // Safety net: an out-of-range reading never goes without a note.
          reading.note = note ?? (acBroken ? `Di luar rentang normal selama ${faultyAc?.name ?? 'AC'} rusak (${acFinding?.id}).` : 'Di luar rentang normal; dipantau.');
          readings.push(reading);
        });
      }
      const lastRead = firstRead + gap + room.sensor_points.length - 1;
      // Two rounds run over the SOP's 60-minute inspection standard: the AC fault and the power outage.
      const finish = discovery ? start + int(80, 90) : is(story.outageDay, afternoon) ? start + int(68, 75) : lastRead + int(1, 11);

      // --- findings ---------------------------------------------------------------------------
      const findings: Finding[] = [];
      if (is(story.doorDay, afternoon) && doorRack) {
        findings.push({
          id: fno(0), equipment: doorRack.id, description: `Pintu belakang ${doorRack.name} tidak tertutup rapat`,
          action: 'Pintu rak ditutup dan kuncinya dikencangkan', status: 'selesai', raised_on: date, closed_on: date,
        });
      }
      if (acFinding && acDown) {
        findings.push(acClosing
          ? { ...acFinding, action: 'Kompresor diganti oleh teknisi vendor', status: 'selesai', closed_on: date }
          : { ...acFinding });
      }
      if (dustFinding && d >= story.dustDay) findings.push({ ...dustFinding });

      // --- checks -----------------------------------------------------------------------------
      const checks: Check[] = room.equipment.map((eq) => {
        const items: Record<string, boolean> = {};
        const values: Record<string, number> = {};
        for (const item of own(checklists.categories, eq.category)?.items ?? []) {
          if (item.type === 'boolean') items[item.id] = true;
          else values[item.id] = measure(eq.id, eq.category, item.id, item.min, item.max);
        }
        // Categories without measured items get no empty `values: {}`.
        const check: Check = { equipment: eq.id, status: 'baik', items, ...(Object.keys(values).length ? { values } : {}), note: '' };
        if (acFinding && eq.id === faultyAc?.id && acBroken) {
          items.menyala = false;
          Object.assign(check, { status: 'rusak', note: `Kompresor tidak bekerja, unit hanya meniup udara; menunggu teknisi vendor (${acFinding.id}).` });
        }
        if (dustFinding && eq.id === dusty?.id && findings.some((f) => f.id === dustFinding.id)) {
          items.bersih = false;
          Object.assign(check, { status: 'perlu-perhatian', note: `Debu menumpuk di bawah raised floor; menunggu jadwal pembersihan menyeluruh (${dustFinding.id}).` });
        }
        return check;
      });

      function measure(id: string, category: string, item: string, min = 0, max = 100): number {
        switch (`${category}.${item}`) {
          case 'ac.setpoint_c': return id !== backupAc?.id ? 21 : acBroken ? 20 : 22;
          case 'ups.load_pct': return int(38, 52) + (id === ups[0] ? 4 : 0);
          case 'ups.battery_pct': return upsDischarged ? int(95, 97) : rnd() < 0.85 ? 100 : 99;
          case 'ups.output_v': return int(218, 222);
          case 'genset.fuel_pct': return fuel;
          case 'genset.battery_v': return round1(uni(12.8, 13.4));
          case 'panel.voltage_v': return int(215, 226);
          case 'grounding.resistance_ohm': return round1(uni(1.8, 2.2));
          case 'firewall.cpu_pct': return int(isMorning ? 18 : 25, isMorning ? 35 : 45);
          default: return round1(min + (max - min) * uni(0.4, 0.6));
        }
      }

      // --- round notes ------------------------------------------------------------------------
      if (is(story.preventiveDay, morning)) notes.push('Hari ini pemeliharaan rutin UPS dan uji genset (lihat catatan pemeliharaan).');
      if (discovery) notes.push(`${faultyAc?.name ?? 'AC'} mati saat ronde dimulai. ${backupAc?.name ?? 'AC cadangan'} dinyalakan dengan set point 20 °C dan vendor dihubungi; ronde lebih lama dari mutu baku 60 menit.`);
      if (is(story.acFixedDay, morning)) notes.push('Teknisi vendor dijadwalkan datang hari ini untuk mengganti kompresor.');
      if (acClosing) notes.push(`Kompresor ${faultyAc?.name ?? 'AC'} sudah diganti; suhu kembali normal.`);
      if (d === story.missedDay + 1 && isMorning) notes.push(`Ronde sore tanggal ${dateOf(story.missedDay)} tidak dilaksanakan: petugas mengikuti rapat koordinasi SPBE di kantor bupati.`);
      if (is(story.outageDay, afternoon)) notes.push(`Listrik PLN padam sekitar 45 menit sebelum ronde; genset mengambil alih melalui ATS. Ronde lebih lama dari mutu baku 60 menit.`);

      const record: RoundRecord = {
        room: room.id, date, shift, officer,
        started_at: hhmm(start), finished_at: hhmm(finish),
        readings: nonEmpty(readings, 'readings'),
        checks: nonEmpty(checks, 'checks'),
        findings,
        notes: notes.join(' '),
      };
      rounds.push({
        path: `records/rounds/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-${room.id}-${shift}.yaml`,
        record,
        text: renderRound(record),
      });
    });
  }

  // --- maintenance records ----------------------------------------------------------------------
  const officerOn = (d: number) => admins[Math.floor(d / 7) % admins.length]!;
  const addMaintenance = (d: number, slug: string, front: Omit<MaintenanceFrontMatter, 'date' | 'room' | 'officer'>, body: string) => {
    const date = dateOf(d);
    const { title, equipment, kind, ...rest } = front; // spelled out to keep the schema's key order
    const full: MaintenanceFrontMatter = { date, title, room: room.id, equipment, officer: officerOn(d), kind, ...rest };
    maintenance.push({ path: `records/maintenance/${date.slice(0, 4)}/${date}-${slug}.md`, front: full, text: renderMaintenance(full, body) });
  };
  addMaintenance(story.preventiveDay, 'pemeliharaan-rutin-ups-dan-uji-genset', {
    title: 'Pemeliharaan rutin UPS dan uji genset',
    equipment: nonEmpty([...ups, ...(genset ? [genset.id] : [])], 'perangkat pemeliharaan'),
    kind: 'preventif', vendor: 'Teknisi vendor UPS dan genset', started_at: '09:00', finished_at: '11:30',
  }, `
Pemeliharaan preventif triwulanan sesuai jadwal.

Yang dikerjakan:

- Pemeriksaan indikator dan log alarm ${ofCategory('ups').map((e) => e.name).join(' dan ')}: tidak ada alarm.
- Uji runtime baterai UPS: hasil sesuai spesifikasi; kapasitas baterai kembali penuh setelah diisi ulang.
- Pembersihan debu pada kisi-kisi ventilasi UPS.
- Uji jalan genset selama 15 menit dan uji perpindahan ATS (simulasi PLN padam): berhasil.
- Pemeriksaan oli, air radiator, dan aki starter; bahan bakar diisi hingga 95 %.
`);
  if (faultyAc && acFinding) {
    addMaintenance(story.acFixedDay, `penggantian-kompresor-${faultyAc.id}`, {
      title: `Penggantian kompresor ${faultyAc.name}`,
      equipment: [faultyAc.id], kind: 'korektif', vendor: 'Teknisi vendor AC presisi', findings: [acFinding.id],
      started_at: '09:30', finished_at: '12:15',
    }, `
Perbaikan menindaklanjuti temuan ${acFinding.id}: kompresor ${faultyAc.name} tidak bekerja sejak ${story.dates.acFaultDay}.

Yang dikerjakan:

- Pemeriksaan kelistrikan dan tekanan refrigeran: kompresor dinyatakan rusak.
- Kompresor diganti dengan unit baru oleh teknisi vendor.
- Pengisian ulang refrigeran dan uji kebocoran.
- Uji jalan 2 jam: suhu sisi masuk rak kembali 22–23 °C.
- ${backupAc?.name ?? 'AC cadangan'} dikembalikan ke set point 22 °C.
`);
  }
  maintenance.sort((a, b) => a.path.localeCompare(b.path));
  return { story, rounds, maintenance };
}
