import { describe, expect, it } from 'vitest';
import { pullRequestUrl, remoteWeb } from './remote-url.ts';

const branch = 'ronde/ruang-server-utama-2026-11-24-pagi';

describe('pullRequestUrl', () => {
  it('GitHub, ssh and https', () => {
    const url = `https://github.com/diskominfo-lmj/ronda/compare/main...${branch}?expand=1`;
    expect(pullRequestUrl('git@github.com:diskominfo-lmj/ronda.git', branch)).toBe(url);
    expect(pullRequestUrl('https://github.com/diskominfo-lmj/ronda.git', branch)).toBe(url);
    expect(pullRequestUrl('https://token@github.com/diskominfo-lmj/ronda', branch)).toBe(url);
    expect(pullRequestUrl('ssh://git@github.com/diskominfo-lmj/ronda.git', branch)).toBe(url);
  });

  it('Gitea/Forgejo (any other host), keeping an https port, dropping an ssh one', () => {
    expect(pullRequestUrl('https://git.lumajangkab.go.id:3000/diskominfo/ronda.git', branch)).toBe(`https://git.lumajangkab.go.id:3000/diskominfo/ronda/compare/main...${branch}`);
    expect(pullRequestUrl('ssh://git@git.lumajangkab.go.id:2222/diskominfo/ronda.git', branch)).toBe(`https://git.lumajangkab.go.id/diskominfo/ronda/compare/main...${branch}`);
    expect(pullRequestUrl('git@codeberg.org:diskominfo/ronda.git', branch)).toBe(`https://codeberg.org/diskominfo/ronda/compare/main...${branch}`);
  });

  it('GitLab, with subgroups', () => {
    expect(pullRequestUrl('git@gitlab.com:pemkab/diskominfo/ronda.git', branch)).toBe(
      `https://gitlab.com/pemkab/diskominfo/ronda/-/merge_requests/new?merge_request[source_branch]=${encodeURIComponent(branch)}&merge_request[target_branch]=main`,
    );
  });

  it('no web page for local paths', () => {
    expect(pullRequestUrl('/srv/git/ronda.git', branch)).toBeNull();
    expect(pullRequestUrl('../origin.git', branch)).toBeNull();
    expect(pullRequestUrl('file:///srv/git/ronda.git', branch)).toBeNull();
    expect(remoteWeb('C:\\git\\ronda.git')).toBeNull();
  });
});
