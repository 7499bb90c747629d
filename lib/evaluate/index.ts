// The one evaluator: pure functions over records, no I/O.
export { dewPointC, MAGNUS_A, MAGNUS_B_C } from './dew-point.ts';
export { DEFAULT_THRESHOLDS, resolveThresholds, ensureResolved, type ResolvedThresholds } from './thresholds.ts';
export {
  evaluateReading,
  classifyValue,
  maxLevel,
  levelRank,
  isFiniteNumber,
  LEVELS,
  REASON_CODES,
  type Level,
  type Metric,
  type ReasonCode,
  type ReadingLevels,
  type ReadingValues,
} from './reading-level.ts';
export { rateViolations, minutesOfDay, type RateReading, type RateViolation, type RateOptions } from './rate-of-change.ts';
export {
  evaluateCheck,
  normalizeStatus,
  CHECK_STATUSES,
  type CheckEvaluation,
  type CheckStatus,
  type ChecklistCategory,
  type ChecklistItem,
  type ItemEvaluation,
} from './checklist.ts';
export {
  evaluateRound,
  type RoundContext,
  type RoundEvaluation,
  type ReadingEvaluation,
  type RoundCheckEvaluation,
  type SensorPosition,
  type Verdict,
} from './round-verdict.ts';
export { roundDeviations, verdictOf, type Deviation, type DeviationKind, type DeviationLevel, type FollowUp } from './deviations.ts';
