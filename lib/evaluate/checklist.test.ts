import { describe, expect, it } from 'vitest';
import type { Check } from '../types.generated.ts';
import { evaluateCheck, type ChecklistCategory } from './checklist.ts';

// Mirrors records/checklists.yaml (ups, grounding), kept inline so data edits cannot move these tests.
const ups: ChecklistCategory = {
  name: 'UPS & baterai',
  items: [
    { id: 'indikator_normal', label: 'Indikator normal, tidak ada alarm', type: 'boolean' },
    { id: 'load_pct', label: 'Beban UPS', label_en: 'UPS load', type: 'number', unit: '%', min: 0, max: 80 },
    { id: 'battery_pct', label: 'Kapasitas baterai', type: 'number', unit: '%', min: 90, max: 100 },
  ],
};
const grounding: ChecklistCategory = {
  name: 'Grounding',
  items: [
    { id: 'terhubung', label: 'Kabel grounding terpasang kencang', type: 'boolean' },
    { id: 'resistance_ohm', label: 'Tahanan pembumian', type: 'number', unit: 'Ω', min: 0, max: 5, required: false },
  ],
};
const good: Check = { equipment: 'ups-01', status: 'baik', items: { indikator_normal: true }, values: { load_pct: 46, battery_pct: 100 } };

describe('evaluateCheck', () => {
  it('a good check is ok and lists every item', () => {
    const e = evaluateCheck(good, ups);
    expect(e).toMatchObject({ equipment: 'ups-01', status: 'baik', ok: true, contradictsStatus: false, missingItems: [], outOfRange: [], failedItems: [], unknownItems: [], misplacedItems: [] });
    expect(e.items[1]).toEqual({
      itemId: 'load_pct', label: 'Beban UPS', labelEn: 'UPS load', type: 'number', value: 46, unit: '%', min: 0, max: 80, required: true, ok: true,
    });
    expect(e.items[0]).toMatchObject({ itemId: 'indikator_normal', type: 'boolean', value: true, unit: null, min: null, max: null, ok: true });
  });

  it.each([
    [0, true],
    [80, true],
    [80.1, false],
    [95, false],
    [-1, false],
  ])('UPS load %d %% (0–80 inclusive) → ok %s', (load, ok) => {
    const e = evaluateCheck({ ...good, values: { load_pct: load, battery_pct: 100 } }, ups);
    expect(e.items.find((i) => i.itemId === 'load_pct')?.ok).toBe(ok);
    expect(e.outOfRange.map((i) => i.itemId)).toEqual(ok ? [] : ['load_pct']);
    expect(e.ok).toBe(ok);
    expect(e.contradictsStatus).toBe(!ok);
  });

  it('reports a required item left out', () => {
    const e = evaluateCheck({ ...good, values: { load_pct: 46 } }, ups);
    expect(e.missingItems.map((i) => i.itemId)).toEqual(['battery_pct']);
    expect(e.items.find((i) => i.itemId === 'battery_pct')).toMatchObject({ value: null, ok: null });
    expect(e.ok).toBe(false);
  });

  it('requires nothing of a device that was not checked', () => {
    const e = evaluateCheck({ equipment: 'ups-01', status: 'tidak-diperiksa', note: 'Ruang UPS terkunci' }, ups);
    expect(e.missingItems).toEqual([]);
    expect(e.ok).toBe(true);
    expect(e.items.every((i) => i.ok === null)).toBe(true);
  });

  it('an optional item may be left out', () => {
    const e = evaluateCheck({ equipment: 'grounding-01', status: 'baik', items: { terhubung: true } }, grounding);
    expect(e.missingItems).toEqual([]);
    expect(e.ok).toBe(true);
  });

  it('a boolean item recorded false does not meet the standard', () => {
    const e = evaluateCheck({ ...good, items: { indikator_normal: false } }, ups);
    expect(e.failedItems.map((i) => i.itemId)).toEqual(['indikator_normal']);
    expect(e.outOfRange).toEqual([]);
    expect(e.ok).toBe(false);
    expect(e.contradictsStatus).toBe(true);
    expect(evaluateCheck({ ...good, status: 'perlu-perhatian', items: { indikator_normal: false } }, ups).contradictsStatus).toBe(false);
  });

  it('reports unknown and misplaced keys', () => {
    const e = evaluateCheck(
      { ...good, items: { indikator_normal: true, kipas_normal: true, load_pct: true }, values: { load_pct: 46, battery_pct: 100, suhu_c: 30 } },
      ups,
    );
    expect(e.unknownItems).toEqual(['kipas_normal', 'suhu_c']);
    expect(e.misplacedItems).toEqual(['load_pct']);
    expect(e.ok).toBe(true);
  });

  it('treats nulls from a scaffolded form as not filled', () => {
    const check = { equipment: 'ups-01', status: 'baik', items: { indikator_normal: null }, values: { load_pct: null, battery_pct: '95' } } as unknown as Check;
    const e = evaluateCheck(check, ups);
    expect(e.missingItems.map((i) => i.itemId)).toEqual(['indikator_normal', 'load_pct', 'battery_pct']);
    expect(e.outOfRange).toEqual([]);
  });

  it('never throws on broken input', () => {
    expect(evaluateCheck({ equipment: 'x', status: null, items: null, values: [] } as unknown as Check, ups).status).toBe('tidak-diperiksa');
    expect(evaluateCheck(null as unknown as Check, undefined).items).toEqual([]);
    const noCategory = evaluateCheck(good, undefined);
    expect(noCategory.unknownItems).toEqual(['indikator_normal', 'load_pct', 'battery_pct']);
    expect(noCategory.ok).toBe(true);
  });
});
