#!/usr/bin/env node
// Post or update the Ronda review summary as ONE pull-request comment.
//
// Usage (inside a workflow step):
//   node .github/scripts/post-review-comment.mjs review.md
//
// Works on GitHub Actions and on Gitea/Forgejo Actions alike: it only uses the
// issue-comment REST endpoints that the three forges share
//   GET   {api}/repos/{owner}/{repo}/issues/{n}/comments
//   POST  {api}/repos/{owner}/{repo}/issues/{n}/comments
//   PATCH {api}/repos/{owner}/{repo}/issues/comments/{id}
// with the job token. The comment is found again by its author (the forge's
// actions account) and a hidden marker, so a new push to the PR updates the same
// comment instead of adding another, and a marker typed by someone else is ignored.
//
// Environment: GITHUB_TOKEN (or GITEA_TOKEN), GITHUB_API_URL (set by all three
// forges; falls back to GITHUB_SERVER_URL), GITHUB_REPOSITORY (owner/repo),
// PR_NUMBER (else read from GITHUB_EVENT_PATH).
//
// Exit code: 0 whenever the failure is about the forge (no token, no permission
// as for pull requests from forks, API down): the comment is a convenience, the
// check step is the gate. 2 only for a usage error (no file argument).

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const MARKER = '<!-- ronda-review -->';
/** GitHub refuses comment bodies over 65 536 characters; stay below it. */
export const MAX_BODY = 65_000;

/**
 * When CI first checked this pull request, on the forge's clock: the creation time of the bot's own comment
 * (or now, for the first). Commit dates are the committer's claim; this one is not.
 */
export function firstCheckedLine(at) {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const when = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(d);
  return `\n\n---\nPertama diperiksa CI: ${when} WIB (waktu forge; tanggal commit dapat diatur pengirimnya).\n`;
}

/** The comment body: marker first, then the review, cut to a size every forge accepts. */
export function buildBody(markdown, firstCheckedAt) {
  const text = String(markdown).replace(/\r\n/g, '\n').trim();
  const tail = firstCheckedAt ? firstCheckedLine(firstCheckedAt) : '';
  let body = `${MARKER}\n${text}\n`;
  if (body.length + tail.length > MAX_BODY) {
    const note =
      '\n\n…\n\n> Ringkasan dipotong karena terlalu panjang untuk komentar. ' +
      'Lihat ringkasan lengkap di halaman run Actions (job summary).\n';
    body = body.slice(0, MAX_BODY - note.length - tail.length) + note;
  }
  return body + tail;
}

/** API base URL: GITHUB_API_URL (GitHub, Gitea, Forgejo all set it), else derived from the server URL. */
export function apiBase(env) {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL.replace(/\/+$/, '');
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return server === 'https://github.com' ? 'https://api.github.com' : `${server}/api/v1`;
}

async function prNumber(env) {
  if (env.PR_NUMBER && /^\d+$/.test(env.PR_NUMBER)) return Number(env.PR_NUMBER);
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8'));
      const n = event?.pull_request?.number ?? event?.number;
      if (Number.isInteger(n)) return n;
    } catch {
      /* fall through */
    }
  }
  return undefined;
}

class ForgeError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function client(base, token, fetchImpl) {
  return async function call(method, path, body) {
    const res = await fetchImpl(`${base}${path}`, {
      method,
      headers: {
        // "token" is accepted by GitHub, Gitea and Forgejo alike.
        Authorization: `token ${token}`,
        Accept: 'application/vnd.github+json, application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'ronda-review-comment',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new ForgeError(res.status, `${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
}

/**
 * Every comment of the PR. GitHub pages with per_page/page, Gitea/Forgejo with
 * limit/page (older Gitea returns all at once): stop on an empty or short page,
 * or on a page that repeats one already seen.
 */
async function listComments(call, repoPath, n) {
  const all = [];
  const seen = new Set();
  for (let page = 1; page <= 100; page++) {
    const batch = await call('GET', `${repoPath}/issues/${n}/comments?per_page=100&limit=100&page=${page}`);
    if (!Array.isArray(batch) || batch.length === 0) break;
    if (seen.has(batch[0].id)) break;
    for (const c of batch) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        all.push(c);
      }
    }
    if (batch.length < 100) break;
  }
  return all;
}

/** Accounts the forges post job-token comments as (GitHub, Gitea, Forgejo); RONDA_BOT_LOGIN adds one. */
const BOT_LOGINS = ['github-actions[bot]', 'gitea-actions', 'forgejo-actions'];

/**
 * Our earlier comment, if any: one with the marker written BY the bot. Anyone can type the marker, so a
 * comment by anyone else is never ours (updating it would fail, and the real summary would go unposted).
 */
export function findExisting(comments, env = process.env) {
  const bots = new Set([...BOT_LOGINS, ...(env.RONDA_BOT_LOGIN ? [env.RONDA_BOT_LOGIN] : [])]);
  return comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER) && (c.user?.type === 'Bot' || bots.has(String(c.user?.login ?? ''))));
}

/**
 * Post or update. Returns { action: 'created' | 'updated' | 'unchanged' | 'skipped', reason?, url? }.
 * Never throws for forge trouble: that becomes { action: 'skipped', reason }.
 */
export async function postReview({ file, env = process.env, fetchImpl = globalThis.fetch, log = console.log }) {
  let markdown;
  try {
    markdown = await readFile(file, 'utf8');
  } catch {
    return { action: 'skipped', reason: `berkas ringkasan ${file} tidak ada (langkah review gagal?)` };
  }
  const token = env.GITHUB_TOKEN || env.GITEA_TOKEN;
  if (!token) return { action: 'skipped', reason: 'tidak ada token (GITHUB_TOKEN) untuk menulis komentar' };
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !repository.includes('/')) return { action: 'skipped', reason: 'GITHUB_REPOSITORY tidak diketahui' };
  const n = await prNumber(env);
  if (n === undefined) return { action: 'skipped', reason: 'bukan pull request (nomor PR tidak diketahui)' };

  const [owner, repo] = repository.split('/');
  const repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const call = client(apiBase(env), token, fetchImpl);
  try {
    const existing = findExisting(await listComments(call, repoPath, n), env);
    const body = buildBody(markdown, existing?.created_at ?? new Date().toISOString());
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', url: existing.html_url };
      const res = await call('PATCH', `${repoPath}/issues/comments/${existing.id}`, { body });
      return { action: 'updated', url: res?.html_url };
    }
    const res = await call('POST', `${repoPath}/issues/${n}/comments`, { body });
    return { action: 'created', url: res?.html_url };
  } catch (err) {
    const status = err instanceof ForgeError ? err.status : undefined;
    const why =
      status === 401 || status === 403 || status === 404
        ? `token tidak berhak menulis komentar (HTTP ${status}; PR dari fork memakai token baca-saja)`
        : `forge tidak bisa dihubungi: ${err instanceof Error ? err.message : String(err)}`;
    log(`detail: ${err instanceof Error ? err.message : String(err)}`);
    return { action: 'skipped', reason: why };
  }
}

async function main(argv) {
  const file = argv[2];
  if (!file) {
    console.error('pemakaian: node .github/scripts/post-review-comment.mjs <review.md>');
    return 2;
  }
  const result = await postReview({ file });
  if (result.action === 'skipped') {
    // A warning annotation on GitHub; a plain log line on Gitea/Forgejo.
    console.log(`::warning title=Komentar ringkasan tidak dikirim::${result.reason}`);
    console.log('Pemeriksaan tetap berlaku; ringkasan ada di job summary / log langkah review.');
  } else {
    const word = { created: 'dibuat', updated: 'diperbarui', unchanged: 'tidak berubah' }[result.action];
    console.log(`Komentar ringkasan ${word}${result.url ? `: ${result.url}` : ''}`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv);
}
