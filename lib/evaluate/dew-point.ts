/** Magnus coefficients (Sonntag 1990), the pair named in DESIGN.md; good to ±0.35 °C for −45…60 °C. */
export const MAGNUS_A = 17.62;
export const MAGNUS_B_C = 243.12;

/**
 * Dew point (°C) from air temperature (°C) and relative humidity (% RH) by the Magnus formula.
 * Returns null when it cannot be computed: a non-finite input, RH ≤ 0 (ln 0 is −∞: bone-dry air has no
 * dew point), or a temperature at or below −b where the formula breaks down.
 */
export function dewPointC(tempC: number, rhPct: number): number | null {
  if (!Number.isFinite(tempC) || !Number.isFinite(rhPct) || rhPct <= 0 || tempC <= -MAGNUS_B_C) return null;
  const gamma = Math.log(rhPct / 100) + (MAGNUS_A * tempC) / (MAGNUS_B_C + tempC);
  // Only reachable with absurd RH far above 100 %; the schema caps RH at 100.
  if (gamma >= MAGNUS_A) return null;
  return (MAGNUS_B_C * gamma) / (MAGNUS_A - gamma);
}
