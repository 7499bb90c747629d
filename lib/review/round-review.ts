import type { RoundEvaluation } from '../evaluate/index.ts';
import type { Finding, RoomRecord, RoundRecord } from '../types.generated.ts';

/** What the kasi needs to know about one round in a pull request. Pure: built from records and evaluations. */
export interface RoundReview {
  path: string;
  change: 'added' | 'modified';
  room: string;
  roomName: string;
  date: string;
  shift: string;
  officer: string;
  /** Who committed the round, by name, when not the officer (typed in from a paper form); else null. */
  recordedBy: string | null;
  verdict: RoundEvaluation['verdict'];
  startedAt: string;
  finishedAt: string | null;
  excursions: { point: string; time: string; temperatureC: number; humidityPct: number; dewPointC: number | null; level: string; note: string }[];
  rateViolations: { point: string; from: string; to: string; deltaC: number }[];
  devicesNotOk: { equipment: string; name: string; status: string; note: string }[];
  outOfRange: { equipment: string; label: string; value: number | boolean | null; unit: string; min: number | null; max: number | null }[];
  newFindings: Finding[];
  closedFindings: Finding[];
  stillOpen: Finding[];
  sincePrevious: {
    previous: { date: string; shift: string } | null;
    statusChanges: { equipment: string; from: string; to: string }[];
    tempMeanDelta: number | null;
    rhMeanDelta: number | null;
  };
}

export function reviewRound(
  path: string,
  change: RoundReview['change'],
  round: RoundRecord,
  evaluation: RoundEvaluation,
  room: RoomRecord | undefined,
  previous: { round: RoundRecord; evaluation: RoundEvaluation } | null,
  recordedBy: string | null = null,
): RoundReview {
  const names = new Map(room?.equipment.map((e) => [e.id, e.name]) ?? []);
  const findings = round.findings ?? [];
  const before = new Map((previous?.round.findings ?? []).map((f) => [f.id, f]));
  const prevStatus = new Map((previous?.round.checks ?? []).map((c) => [c.equipment, c.status]));
  const delta = (a: number | null | undefined, b: number | null | undefined) => (a != null && b != null ? Math.round((a - b) * 10) / 10 : null);

  return {
    path,
    change,
    room: round.room,
    roomName: room?.name ?? round.room,
    date: round.date,
    shift: round.shift,
    officer: round.officer,
    recordedBy,
    verdict: evaluation.verdict,
    startedAt: round.started_at,
    finishedAt: round.finished_at ?? null,
    excursions: evaluation.readings
      .filter((r) => r.assessed && r.level !== 'normal' && r.level !== null)
      .map((r) => {
        const raw = round.readings[r.index]!;
        return { point: r.point, time: r.time, temperatureC: raw.temperature_c, humidityPct: raw.humidity_pct, dewPointC: r.dewPointC, level: r.level!, note: raw.note ?? '' };
      }),
    rateViolations: evaluation.rateViolations.map((v) => ({ point: v.point, from: v.from, to: v.to, deltaC: v.deltaC })),
    devicesNotOk: round.checks
      .filter((c) => c.status !== 'baik')
      .map((c) => ({ equipment: c.equipment, name: names.get(c.equipment) ?? c.equipment, status: c.status, note: c.note ?? '' })),
    outOfRange: evaluation.checks.flatMap((c) =>
      c.outOfRange.map((i) => ({ equipment: c.equipment, label: i.label, value: i.value, unit: i.unit ?? '', min: i.min ?? null, max: i.max ?? null })),
    ),
    newFindings: findings.filter((f) => !before.has(f.id)),
    closedFindings: findings.filter((f) => f.status === 'selesai' && before.get(f.id)?.status !== 'selesai'),
    stillOpen: findings.filter((f) => f.status === 'terbuka' && before.has(f.id)),
    sincePrevious: {
      previous: previous ? { date: previous.round.date, shift: previous.round.shift } : null,
      statusChanges: round.checks
        .filter((c) => prevStatus.has(c.equipment) && prevStatus.get(c.equipment) !== c.status)
        .map((c) => ({ equipment: c.equipment, from: prevStatus.get(c.equipment)!, to: c.status })),
      tempMeanDelta: delta(evaluation.summary.tempMean, previous?.evaluation.summary.tempMean),
      rhMeanDelta: delta(evaluation.summary.rhMean, previous?.evaluation.summary.rhMean),
    },
  };
}
