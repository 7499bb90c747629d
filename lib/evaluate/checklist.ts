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
  const { itemsWithId, byId } = prepareChecklist(category?.items);

  const items: ItemEvaluation[] = new Array(itemsWithId.length);
  const missingItems: ItemEvaluation[] = [];
  const outOfRange: ItemEvaluation[] = [];
  const failedItems: ItemEvaluation[] = [];
  const checked = status !== 'tidak-diperiksa';
  for (let i = 0; i < itemsWithId.length; i++) {
    const item = evaluateItem(itemsWithId[i] as ChecklistItem, booleans, numbers);
    items[i] = item;
    if (checked && item.required && item.value === null) missingItems.push(item);
    if (item.ok === false && item.type === 'number') outOfRange.push(item);
    if (item.ok === false && item.type === 'boolean') failedItems.push(item);
  }
  const unknownItems: string[] = [];
  const misplacedItems: string[] = [];
  sortKeys(booleans, 'boolean', byId, unknownItems, misplacedItems);
  sortKeys(numbers, 'number', byId, unknownItems, misplacedItems);

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

interface PreparedChecklist {
  /** The items evaluateCheck reports on: those with a string id, in checklist order. */
  itemsWithId: readonly ChecklistItem[];
  /** Every item by id (a later duplicate wins), to sort a check's keys into unknown and misplaced. */
  byId: ReadonlyMap<unknown, ChecklistItem>;
}

const NO_CHECKLIST: PreparedChecklist = { itemsWithId: [], byId: new Map() };
// One entry per checklist category, not per check: a build evaluates the same few categories
// hundreds of thousands of times. Loaded records are not mutated, so the entry stays valid.
const preparedChecklists = new WeakMap<readonly unknown[], PreparedChecklist>();

function prepareChecklist(items: unknown): PreparedChecklist {
  if (!Array.isArray(items)) return NO_CHECKLIST;
  let prepared = preparedChecklists.get(items);
  if (!prepared) {
    const list = items as ChecklistItem[];
    prepared = {
      itemsWithId: list.filter((item) => typeof item?.id === 'string'),
      byId: new Map(list.map((item) => [item?.id, item])),
    };
    preparedChecklists.set(items, prepared);
  }
  return prepared;
}

/** Keys of `given` (a check's items or values map) that the checklist lacks, or has with another type. */
function sortKeys(
  given: Record<string, unknown>,
  expected: ChecklistItem['type'],
  byId: ReadonlyMap<unknown, ChecklistItem>,
  unknownItems: string[],
  misplacedItems: string[],
): void {
  for (const key of Object.keys(given)) {
    const item = byId.get(key);
    if (!item) unknownItems.push(key);
    else if (item.type !== expected) misplacedItems.push(key);
  }
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
