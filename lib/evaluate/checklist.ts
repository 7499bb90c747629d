import type { Check, ChecklistsRecord } from '../types.generated.ts';
import { isFiniteNumber } from './reading-level.ts';

/** One category of checklists.yaml (ac, ups, …) and one of its items. */
export type ChecklistCategory = NonNullable<ChecklistsRecord['categories'][string]>;
export type ChecklistItem = ChecklistCategory['items'][number];

export const CHECK_STATUSES = ['baik', 'perlu-perhatian', 'rusak', 'tidak-diperiksa'] as const;
export type CheckStatus = Check['status'];

export interface ItemEvaluation {
  itemId: string;
  label: string;
  labelEn: string | null;
  type: ChecklistItem['type'];
  /** null = not filled (absent, null, or not of the item's type). */
  value: boolean | number | null;
  unit: string | null;
  min: number | null;
  max: number | null;
  required: boolean;
  /** Meets the standard: true / false; null = not filled. Boolean items: false = not meeting it. */
  ok: boolean | null;
}

export interface CheckEvaluation {
  equipment: string;
  /** A blank or unknown status counts as tidak-diperiksa (the validator reports it). */
  status: CheckStatus;
  /** One entry per checklist item, in checklist order. */
  items: ItemEvaluation[];
  /** Required items left blank while the device was checked (status is not tidak-diperiksa). */
  missingItems: ItemEvaluation[];
  /** Number items outside their min…max (inclusive). */
  outOfRange: ItemEvaluation[];
  /** Boolean items recorded false. */
  failedItems: ItemEvaluation[];
  /** Keys in items/values that the category's checklist does not have. */
  unknownItems: string[];
  /** Checklist items written in the wrong map: a boolean item under values, a number item under items. */
  misplacedItems: string[];
  /** No missing, out-of-range or failed item. */
  ok: boolean;
  /** Status baik while an item does not meet its standard. */
  contradictsStatus: boolean;
}

/**
 * A device check against its category's standard conditions. Booleans are read from `check.items`,
 * numbers from `check.values` (as the round schema splits them). Never throws: a missing category
 * leaves every key unknown; blank values from a scaffolded form count as not filled.
 */
export function evaluateCheck(check: Check, category: ChecklistCategory | null | undefined): CheckEvaluation {
  const status = normalizeStatus(check?.status);
  const booleans = asRecord(check?.items);
  const numbers = asRecord(check?.values);
  const checklist = Array.isArray(category?.items) ? category.items : [];

  const items = checklist.filter((item) => typeof item?.id === 'string').map((item) => evaluateItem(item, booleans, numbers));
  const byId = new Map(checklist.map((item) => [item?.id, item]));
  const unknownItems: string[] = [];
  const misplacedItems: string[] = [];
  for (const [keys, expected] of [[Object.keys(booleans), 'boolean'], [Object.keys(numbers), 'number']] as const) {
    for (const key of keys) {
      const item = byId.get(key);
      if (!item) unknownItems.push(key);
      else if (item.type !== expected) misplacedItems.push(key);
    }
  }

  const missingItems =
    status === 'tidak-diperiksa' ? [] : items.filter((item) => item.required && item.value === null);
  const outOfRange = items.filter((item) => item.type === 'number' && item.ok === false);
  const failedItems = items.filter((item) => item.type === 'boolean' && item.ok === false);
  const ok = missingItems.length === 0 && outOfRange.length === 0 && failedItems.length === 0;
  return {
    equipment: typeof check?.equipment === 'string' ? check.equipment : '',
    status,
    items,
    missingItems,
    outOfRange,
    failedItems,
    unknownItems,
    misplacedItems,
    ok,
    contradictsStatus: status === 'baik' && (outOfRange.length > 0 || failedItems.length > 0),
  };
}

export function normalizeStatus(status: unknown): CheckStatus {
  return (CHECK_STATUSES as readonly unknown[]).includes(status) ? (status as CheckStatus) : 'tidak-diperiksa';
}

function evaluateItem(
  item: ChecklistItem,
  booleans: Record<string, unknown>,
  numbers: Record<string, unknown>,
): ItemEvaluation {
  const min = isFiniteNumber(item.min) ? item.min : null;
  const max = isFiniteNumber(item.max) ? item.max : null;
  let value: boolean | number | null = null;
  let ok: boolean | null = null;
  if (item.type === 'boolean') {
    const raw = booleans[item.id];
    if (typeof raw === 'boolean') value = ok = raw;
  } else {
    const raw = numbers[item.id];
    if (isFiniteNumber(raw)) {
      value = raw;
      ok = (min === null || raw >= min) && (max === null || raw <= max);
    }
  }
  return {
    itemId: item.id,
    label: item.label,
    labelEn: item.label_en ?? null,
    type: item.type,
    value,
    unit: item.unit ?? null,
    min,
    max,
    required: item.required !== false,
    ok,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
