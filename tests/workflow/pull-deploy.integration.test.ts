/**
 * The pull deploy for Gitea/Forgejo (deploy/ronda-pull.sh): the web server fetches main, builds and
 * switches `current` itself; a second run with nothing new does nothing; after a force-push that rewrites
 * main, the new release names the rewrite (it checks the release before it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_BUDI, cleanup, env, git, REPO_ROOT, workspace } from './helpers.ts';

afterAll(cleanup);

describe('deploy/ronda-pull.sh', () => {
  it('builds main into a new release, skips an unchanged main, and names a rewritten one', () => {
    const ws = workspace();
    const server = ws.clone('server', ADMIN_BUDI);
    const site = join(ws.base, 'srv');
    const run = () =>
      execFileSync('bash', [join(REPO_ROOT, 'deploy/ronda-pull.sh')], {
        encoding: 'utf8',
        env: {
          ...env(ws.home),
          RONDA_REPO: server,
          DEPLOY_PATH: site,
          RONDA_SKIP_INSTALL: '1',
          RONDA_BUILD: `${process.execPath} --import ${join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')} ${join(REPO_ROOT, 'scripts/build.ts')} --lang id --no-search --root ${server}`,
        },
      });
    const first = run();
    expect(first).toContain('Situs diterbitkan');
    const current = readlinkSync(join(site, 'current'));
    expect(existsSync(join(current, 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(current, 'integritas.json'), 'utf8')).head).toBe(git(server, ['rev-parse', 'HEAD'], ws.home));
    expect(run()).toBe(''); // nothing new on main

    // Someone rewrites main and force-pushes.
    const admin = ws.clone('rewrite', ADMIN_BUDI);
    git(admin, ['commit', '-q', '--amend', '-m', 'Arsip awal (ditulis ulang)'], ws.home);
    git(admin, ['push', '-q', '--force', 'origin', 'main'], ws.home);
    const third = run();
    expect(third).toContain('riwayat main tidak lagi memuat commit');
    expect(readFileSync(join(readlinkSync(join(site, 'current')), 'jejak', 'index.html'), 'utf8')).toContain('Riwayat yang pernah diterbitkan ditulis ulang');
  });
});
