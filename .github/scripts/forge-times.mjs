#!/usr/bin/env node
// Write the forge's own record of merged pull requests (when each was opened and merged) as the JSON file
// the site build judges SOP archiving on (lib/timing/forge-times.ts). Commit dates are whatever the
// committer's clock said; these times are the forge's.
//
// Usage (in site.yml, before the build):
//   node .github/scripts/forge-times.mjs waktu-forge.json
//
// GitHub, Gitea and Forgejo share GET {api}/repos/{owner}/{repo}/pulls?state=closed with the fields read
// here (number, head.sha, merge_commit_sha, created_at, merged_at). Environment as for
// post-review-comment.mjs: GITHUB_TOKEN (or GITEA_TOKEN), GITHUB_API_URL, GITHUB_REPOSITORY.
//
// Exit code 0 also when the forge cannot be asked: the file is then not written and the build judges no
// archiving time (it says so on the page). 2 for a usage error.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { apiBase } from './post-review-comment.mjs';

export const FORMAT = 'forge-times/1';
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** One merged pull request as the build reads it; null for one that was closed without merging. */
export function pullEntry(p) {
  const head = p?.head?.sha;
  if (!p?.merged_at || typeof head !== 'string' || !SHA.test(head) || typeof p.created_at !== 'string') return null;
  const merge = typeof p.merge_commit_sha === 'string' && SHA.test(p.merge_commit_sha) ? p.merge_commit_sha : null;
  return { number: p.number, head, merge_commit: merge, opened_at: p.created_at, merged_at: p.merged_at };
}

/** Every closed pull request, page by page (per_page for GitHub, limit for Gitea/Forgejo). */
export async function fetchForgeTimes({ env = process.env, fetchImpl = globalThis.fetch } = {}) {
  const token = env.GITHUB_TOKEN || env.GITEA_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!token || !repository?.includes('/')) throw new Error('GITHUB_TOKEN dan GITHUB_REPOSITORY diperlukan');
  const [owner, repo] = repository.split('/');
  const base = `${apiBase(env)}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const pulls = [];
  const seen = new Set();
  for (let page = 1; page <= 1000; page++) {
    const res = await fetchImpl(`${base}/pulls?state=closed&per_page=100&limit=50&page=${page}`, {
      headers: { Authorization: `token ${token}`, Accept: 'application/vnd.github+json, application/json', 'User-Agent': 'ronda-forge-times' },
    });
    if (!res.ok) throw new Error(`GET pulls halaman ${page}: HTTP ${res.status}`);
    const batch = await res.json();
    if (!Array.isArray(batch) || batch.length === 0 || seen.has(batch[0]?.number)) break;
    for (const p of batch) {
      seen.add(p?.number);
      const entry = pullEntry(p);
      if (entry) pulls.push(entry);
    }
  }
  const server = (env.GITHUB_SERVER_URL || '').replace(/\/+$/, '');
  return { ronda: FORMAT, forge: server ? `${server}/${repository}` : repository, fetched_at: new Date().toISOString(), pulls };
}

async function main(argv) {
  const out = argv[2];
  if (!out) {
    console.error('pemakaian: node .github/scripts/forge-times.mjs <berkas-keluaran.json>');
    return 2;
  }
  try {
    const times = await fetchForgeTimes();
    await writeFile(out, `${JSON.stringify(times)}\n`);
    console.log(`Waktu forge: ${times.pulls.length} pull request yang digabung → ${out}`);
  } catch (e) {
    console.log(`::warning title=Waktu forge tidak diambil::${e instanceof Error ? e.message : String(e)}; lama pengarsipan tidak dinilai pada terbitan ini.`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv);
}
