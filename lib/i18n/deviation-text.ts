/**
 * A deviation's cause and follow-up in words (lib/evaluate/deviations.ts), the same on every surface:
 * "titik embun 18,4 °C di atas batas kritis 17 °C".
 */
import type { Deviation, DeviationKind } from '../evaluate/deviations.ts';
import { formatNumberLoose } from '../format/numbers.ts';
import type { Lang } from './lang.ts';

type Params = Record<string, string | number>;

const METRIC = {
  id: { temperature: 'suhu', humidity: 'kelembapan', 'dew-point': 'titik embun' },
  en: { temperature: 'temperature', humidity: 'humidity', 'dew-point': 'dew point' },
} as const;
const UNIT = { temperature: '°C', humidity: '% RH', 'dew-point': '°C' } as const;
const BAND = {
  id: { normal: 'batas normal', warning: 'batas rekomendasi', critical: 'batas kritis' },
  en: { normal: 'the normal limit', warning: 'the recommended limit', critical: 'the critical limit' },
} as const;
const SIDE = { id: { above: 'di atas', below: 'di bawah' }, en: { above: 'above', below: 'below' } } as const;
const STATUS = {
  id: { rusak: 'rusak', 'perlu-perhatian': 'perlu perhatian', 'tidak-diperiksa': 'tidak diperiksa' },
  en: { rusak: 'broken (rusak)', 'perlu-perhatian': 'needs attention', 'tidak-diperiksa': 'not checked' },
} as const;

const READING = /^(temperature|humidity|dew-point)-(above|below)-(normal|warning|critical)$/;

/** The cause alone: what deviates, by how much, against which limit. */
export function causeText(cause: { code: string; params: Params }, lang: Lang): string {
  const n = (v: string | number | undefined) => (typeof v === 'number' ? formatNumberLoose(v, lang, 1) : String(v ?? ''));
  const p = cause.params;
  const m = READING.exec(cause.code);
  if (m) {
    const metric = m[1] as keyof typeof UNIT;
    const unit = UNIT[metric];
    return `${METRIC[lang][metric]} ${n(p.value)} ${unit} ${SIDE[lang][m[2] as 'above' | 'below']} ${BAND[lang][m[3] as 'normal' | 'warning' | 'critical']} ${n(p.limit)} ${unit}`;
  }
  const id = lang === 'id';
  switch (cause.code) {
    case 'rate-of-change':
      return id ? `suhu berubah ${n(p.rate)} °C/jam, lebih cepat dari batas ${n(p.limit)} °C/jam` : `temperature changed ${n(p.rate)} °C/h, faster than the limit of ${n(p.limit)} °C/h`;
    case 'status-rusak':
    case 'status-perlu-perhatian':
    case 'status-tidak-diperiksa': {
      const status = STATUS[lang][cause.code.slice(7) as keyof (typeof STATUS)['id']];
      return id ? `${p.equipment} ${status}` : `${p.equipment} ${status}`;
    }
    case 'value-above':
    case 'value-below': {
      const unit = p.unit ? ` ${p.unit}` : '';
      const side = SIDE[lang][cause.code === 'value-above' ? 'above' : 'below'];
      return id ? `${p.label} ${n(p.value)}${unit} ${side} batas ${n(p.limit)}${unit}` : `${p.label} ${n(p.value)}${unit} ${side} the limit of ${n(p.limit)}${unit}`;
    }
    case 'item-not-standard':
      return id ? `"${p.label}" tidak sesuai standar` : `"${p.label}" not as standard`;
    case 'finding-open':
      return id ? `temuan ${p.id} masih terbuka` : `finding ${p.id} still open`;
    default:
      return cause.code;
  }
}

/** The follow-up in words: "catatan", "temuan T-2026-011", or "tanpa tindak lanjut". */
export function followUpText(d: Pick<Deviation, 'followUp'>, lang: Lang): string {
  const f = d.followUp;
  if (!f) return lang === 'id' ? 'tanpa tindak lanjut' : 'no follow-up';
  if (f.by === 'note') return lang === 'id' ? 'dijelaskan di catatan' : 'explained in the note';
  return lang === 'id' ? `ditindaklanjuti temuan ${f.finding}` : `followed up by finding ${f.finding}`;
}

/** Short names of the kinds, for counts ("2 kritis suhu"). */
export const KIND_TEXT: Record<Lang, Record<DeviationKind, string>> = {
  id: { temperature: 'suhu', humidity: 'kelembapan', 'dew-point': 'titik embun', 'rate-of-change': 'laju perubahan suhu', 'device-status': 'perangkat', 'device-value': 'nilai perangkat', 'device-item': 'butir perangkat', 'open-finding': 'temuan terbuka' },
  en: { temperature: 'temperature', humidity: 'humidity', 'dew-point': 'dew point', 'rate-of-change': 'rate of change', 'device-status': 'device', 'device-value': 'device value', 'device-item': 'device item', 'open-finding': 'open finding' },
};

/** Encodes causes into a problem's params (params are flat strings); problem-messages decodes with causesText. */
export const encodeCauses = (ds: readonly Pick<Deviation, 'cause'>[]): string => JSON.stringify(ds.map((d) => d.cause));

export function causesText(encoded: string | number | undefined, lang: Lang): string {
  try {
    const list = JSON.parse(String(encoded ?? '[]')) as { code: string; params: Params }[];
    return list.map((c) => causeText(c, lang)).join('; ');
  } catch {
    return String(encoded ?? '');
  }
}
