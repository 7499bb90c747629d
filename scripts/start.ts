/**
 * `npm start`: builds the archive site (as `npm run build`) and serves it, in one process. With the demo
 * records (`demo: true`) it builds from a generated demo history (admins' commits, the kasi's merges signed
 * with the DEMO key), since the project's own commits are not kasi merges. package.json
 * starts it with `exec`, so this process is npm's own child: the SIGINT or SIGTERM npm passes on reaches the
 * server (not a shell that waits), which closes and frees the port.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI_TEXT } from '../lib/i18n/cli-messages.ts';
import { parseYamlSource } from '../lib/load/yaml-source.ts';
import { demoForgeTimesPath, ensureDemoHistory } from '../lib/demo/demo-history.ts';
import { BuildError, buildSite, buildSummary, readForgeTimes } from './build.ts';
import { portFromEnv, serveUntilSignal } from './serve.ts';

const project = resolve('.');
const out = join(project, '_site');
const port = portFromEnv();
if (port === null) process.exit(2);
try {
  const demo = isDemo(project);
  const root = demo ? ensureDemoHistory(project, join(project, '.ronda-demo')) : project;
  if (demo) console.log(CLI_TEXT.id.demoHistory('.ronda-demo/'));
  // The demo's forge times stand in for what the site workflow fetches from the forge's API.
  const forgeTimes = await readForgeTimes(demo ? demoForgeTimesPath(root) : process.env.RONDA_FORGE_TIMES || undefined);
  const report = await buildSite({ root, out, langs: ['id', 'en'], search: true, cache: true, forgeTimes });
  console.log(buildSummary(report, ['id', 'en']));
} catch (e) {
  console.error(e instanceof BuildError ? `✗ ${e.message}` : CLI_TEXT.id.internalError(e instanceof Error ? e.message : String(e)));
  if (process.env.RONDA_DEBUG) console.error(e);
  process.exit(1);
}
const code = await serveUntilSignal(out, port, '127.0.0.1');
if (code !== 0) process.exit(code);

/** The demo banner's switch, read as the build reads it (a file that does not parse is the build's to report). */
function isDemo(root: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(root, 'records/config.yaml'), 'utf8');
  } catch {
    return false;
  }
  const src = parseYamlSource(text, 'records/config.yaml');
  return !('problems' in src) && (src.data as { demo?: unknown } | null)?.demo === true;
}
