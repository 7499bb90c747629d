/** A min…max band as text: "20–25", "≤ 80", "≥ 90", or '' when open on both sides. */
export function formatBand(
  band: { min?: number | null; max?: number | null } | null | undefined,
  formatValue: (n: number) => string = String,
): string {
  const min = band?.min;
  const max = band?.max;
  if (min != null && max != null) return `${formatValue(min)}–${formatValue(max)}`;
  if (max != null) return `≤ ${formatValue(max)}`;
  if (min != null) return `≥ ${formatValue(min)}`;
  return '';
}
