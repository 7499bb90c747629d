import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;
// Absolute loader URL: `--import tsx` would resolve from the temp archive's cwd, which has no node_modules.
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs scripts/<name>.ts as a real process in `cwd`, as `npm run <name>` would from an archive folder. */
export function runScript(name: string, args: string[], cwd: string, opts: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, join(REPO_ROOT, 'scripts', `${name}.ts`), ...args], {
    cwd,
    encoding: 'utf8',
    ...opts,
    env: { ...process.env, ...opts.env },
  });
  return { code: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? '') };
}
