/**
 * The kasi approves exactly what he reviewed: a local copy of the branch checked out long ago is not what
 * gets merged, and a branch that moved since the review is refused when he names the reviewed commit.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRound } from '../../lib/scaffold/create-round.ts';
import { ADMIN_BUDI, cleanup, fillRound, git, KASI, read, run, workspace, write, yesterdayWib } from './helpers.ts';

afterAll(cleanup);

describe('npm run approve <branch> <commit>', () => {
  it('merges the branch as pushed, not a stale local copy, and refuses a commit that is no longer its tip', async () => {
    const ws = workspace();
    const admin = ws.clone('admin', ADMIN_BUDI);
    const created = await createRound(admin, { date: yesterdayWib(), shift: 'pagi', start: '08:00', identityEmail: ADMIN_BUDI.email });
    if (!created.ok) throw new Error(created.code);
    git(admin, ['checkout', '-q', '-b', 'ronde/x'], ws.home);
    write(admin, created.path, fillRound(read(admin, created.path), { finishedAt: '09:00', humidity: 50 }));
    git(admin, ['add', '-A'], ws.home);
    git(admin, ['commit', '-q', '-m', 'Ronde'], ws.home);
    git(admin, ['push', '-q', 'origin', 'ronde/x'], ws.home);
    const reviewed = git(admin, ['rev-parse', 'HEAD'], ws.home);

    // The kasi looks at the branch in his own clone (a local copy), then goes back to main.
    const kasi = ws.clone('kasi', KASI);
    git(kasi, ['checkout', '-q', 'ronde/x'], ws.home);
    git(kasi, ['checkout', '-q', 'main'], ws.home);

    // The admin pushes a fix after the review.
    write(admin, created.path, read(admin, created.path).replace('humidity_pct: 50', 'humidity_pct: 51'));
    git(admin, ['commit', '-q', '-am', 'Perbaiki kelembapan'], ws.home);
    git(admin, ['push', '-q', 'origin', 'ronde/x'], ws.home);
    const fixed = git(admin, ['rev-parse', 'HEAD'], ws.home);

    const before = git(ws.origin, ['rev-parse', 'main'], ws.home);
    const refused = await run('approve', ['ronde/x', reviewed], kasi, ws.home);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`ujungnya sekarang ${fixed.slice(0, 12)}, yang Anda tinjau ${reviewed.slice(0, 12)}`);
    expect(git(ws.origin, ['rev-parse', 'main'], ws.home)).toBe(before);

    const approved = await run('approve', ['ronde/x', fixed], kasi, ws.home);
    expect(approved.code, approved.stderr).toBe(0);
    expect(git(ws.origin, ['rev-parse', 'main^2'], ws.home)).toBe(fixed); // the branch as pushed, fix included
  });

  it('approves a resubmitted amendment of an approved round, on the branch name the first submit used', async () => {
    const ws = workspace();
    const admin = ws.clone('admin', ADMIN_BUDI);
    const date = yesterdayWib();
    const created = await createRound(admin, { date, shift: 'sore', start: '13:10', identityEmail: ADMIN_BUDI.email });
    if (!created.ok) throw new Error(created.code);
    write(admin, created.path, fillRound(read(admin, created.path), { finishedAt: '14:00', humidity: 50 }));
    const first = await run('submit', [created.path], admin, ws.home);
    expect(first.code, first.stderr).toBe(0);
    const kasi = ws.clone('kasi', KASI);
    const branch = `ronde/ruang-server-utama-${date}-sore`;
    git(kasi, ['checkout', '-q', branch], ws.home); // the kasi keeps a local copy of the first version
    git(kasi, ['checkout', '-q', 'main'], ws.home);
    const approved = await run('approve', [branch], kasi, ws.home);
    expect(approved.code, approved.stderr).toBe(0);

    // The admin corrects the approved round with an amendment and submits again: the same branch name.
    rmSync(join(admin, created.path)); // the submitted copy gives way to the approved one, as `npm run new` does
    git(admin, ['pull', '-q', '--ff-only'], ws.home);
    const amended = `${read(admin, created.path).replace('humidity_pct: 50', 'humidity_pct: 52')}amendments:\n  - by: budi\n    at: "${date}"\n    reason: Kelembapan salah baca, dibetulkan dari catatan kertas\n`;
    write(admin, created.path, amended);
    const again = await run('submit', [created.path], admin, ws.home);
    expect(again.code, again.stderr + again.stdout).toBe(0);

    const second = await run('approve', [branch], kasi, ws.home);
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(git(ws.origin, ['show', `main:${created.path}`], ws.home)).toContain('humidity_pct: 52');
  });
});
