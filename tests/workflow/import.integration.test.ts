// npm run new -- --import: readings from the shared logger samples, as a real process.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_BUDI, cleanup, read, REPO_ROOT, run, workspace, yesterdayWib } from './helpers.ts';

afterAll(cleanup);

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/loggers');

describe('new --import', () => {
  it('fills the Govee point with the samples of the round window (the 10:00–11:00 excursion visible) and refuses Elitech without a unit', async () => {
    const ws = workspace();
    const dir = ws.clone('admin', ADMIN_BUDI);
    // The samples are dated 2026-11-24; moved to yesterday so the round is never in the future.
    const date = yesterdayWib();
    const copy = (from: string, to: string) => writeFileSync(join(dir, to), readFileSync(join(FIXTURES, from)).toString('utf8').replaceAll('2026-11-24', date));
    copy('govee-ruang-server-2026-11-24.csv', 'govee.csv');
    copy('elitech-rc4hc-2026-11-24.txt', 'elitech.txt');
    const common = ['--date', date, '--shift', 'pagi', '--start', '09:30', '--end', '11:30'];

    // Elitech text has no header: its unit cannot be told → refused with file and line, nothing written.
    const refused = await run('new', [...common, '--import', 'elitech.txt', '--point', 'rak-a-depan'], dir, ws.home);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/elitech\.txt:1:1 {2}galat: satuan suhu tidak dapat ditentukan/);
    expect(refused.stderr).toMatch(/--unit c/);

    // Govee: the point is found from the room file (the only point with a Govee logger).
    const created = await run('new', [...common, '--import', 'govee.csv', '--import', 'elitech.txt', '--point', 'rak-a-depan', '--unit', 'c', '--json'], dir, ws.home);
    expect(created.code, created.stderr).toBe(0);
    const out = JSON.parse(created.stdout) as { path: string; imported: { point: string; samples: number }[] };
    expect(out.imported).toEqual([
      { file: 'govee.csv', point: 'ruang-tengah', samples: 9 },
      { file: 'elitech.txt', point: 'rak-a-depan', samples: 9 },
    ]);
    const round = parse(read(dir, out.path)) as { finished_at: string; readings: { point: string; time: string; temperature_c: number | null; source?: string }[] };
    expect(round.finished_at).toBe('11:30');
    const tengah = round.readings.filter((r) => r.point === 'ruang-tengah');
    expect(tengah.filter((r) => r.temperature_c! > 27).map((r) => r.time)).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00']);
    expect(tengah[0]).toMatchObject({ time: '09:30', temperature_c: 23.2, source: 'govee.csv' });
    expect(round.readings.filter((r) => r.point === 'rak-a-depan').map((r) => r.time)).toEqual(['09:30', '09:40', '09:50', '10:00', '10:10', '10:20', '10:30', '10:40', '10:50']);
    // Points without a logger file keep their blank slot for the admin.
    expect(round.readings.filter((r) => r.point === 'rak-b-depan')).toEqual([{ point: 'rak-b-depan', time: '09:30', temperature_c: null, humidity_pct: null }]);
  });
});
