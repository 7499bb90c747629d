import { describe, expect, it } from 'vitest';
import { evaluateTargets, formatTable, runMeasured, type BenchResult } from './measure.ts';

const result = (over: Partial<BenchResult>): BenchResult => ({
  rounds: 11_000, rooms: 1, seed: 1, commits: 22_005,
  floor_s: 10, floor_pages: 22_000, floor_rss_mb: 300, build_s: 12, ratio: 1.2, build_warm_s: null, ratio_warm: null, peak_rss_warm_mb: null,
  check_cold_s: 9, check_warm_s: 0.8, check_one_s: 0.6,
  history_s: 1.2, git_log_s: 1, history_ratio: 1.2, verify_s_per_merge: 0.02, verify_warm_s: 0.05, peak_rss_mb: 900,
  generate_s: 10, repeat: 3, machine: { nproc: 2, memory_gb: 24, node: 'v20', git: 'git version 2' }, notes: [], targets: [],
  ...over,
});

describe('evaluateTargets', () => {
  it('marks each target met, missed, or unknown when not measured', () => {
    const t = evaluateTargets(result({ build_s: null, ratio: null }));
    const by = Object.fromEntries(t.map((x) => [x.name, x.met]));
    expect(by).toEqual({ ratio: null, check_warm_s: true, check_one_s: false, history_ratio: true, peak_rss_mb: true });
  });

  it('at 200,000 rounds only the memory bound applies', () => {
    expect(evaluateTargets(result({ rounds: 200_000, peak_rss_mb: 5000 })).map((x) => [x.name, x.met])).toEqual([['peak_rss_mb', false]]);
  });

  it('prints every measure and the targets', () => {
    const r = result({});
    r.targets = evaluateTargets(r);
    const text = formatTable(r);
    for (const k of ['floor_s', 'build_s', 'ratio', 'check_cold_s', 'check_warm_s', 'check_one_s', 'history_s', 'git_log_s', 'history_ratio', 'peak_rss_mb']) {
      expect(text).toContain(k);
    }
    expect(text).toMatch(/✗ check_one_s/);
    expect(text).toMatch(/✓ check_warm_s/);
  });
});

describe('runMeasured', () => {
  it("reports the child's exit code, output and peak memory", async () => {
    const r = await runMeasured(process.execPath, ['-e', 'const a = Buffer.alloc(64 << 20, 1); console.log(a.length); process.exit(3)'], { cwd: process.cwd() });
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toBe(String(64 << 20));
    expect(r.peakRssMb).toBeGreaterThanOrEqual(64);
  });
});
