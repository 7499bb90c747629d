/**
 * The web page that opens a pull request for a pushed branch, from the remote's URL (ssh or https).
 *
 *   pullRequestUrl('git@github.com:diskominfo/ronda.git', 'ronde/x')
 *     → https://github.com/diskominfo/ronda/compare/main...ronde/x?expand=1
 *
 * GitHub: …/compare/<base>...<branch>?expand=1; GitLab: …/-/merge_requests/new?merge_request[source_branch]=…;
 * any other host is taken as Gitea/Forgejo (the usual self-hosted forge): …/compare/<base>...<branch>.
 * Local paths and file:// remotes have no web page: null.
 */
export type Forge = 'github' | 'gitlab' | 'gitea';

export interface RemoteWeb {
  forge: Forge;
  /** https://host[:port]/owner/repo, without .git. */
  web: string;
}

export function remoteWeb(url: string): RemoteWeb | null {
  const u = url.trim();
  let host: string;
  let path: string;
  let port = '';
  let m: RegExpExecArray | null;
  if ((m = /^(?:ssh|git\+ssh):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/.exec(u))) {
    host = m[1]!;
    path = m[2]!;
  } else if ((m = /^(?:https?|git):\/\/(?:[^@/]+@)?([^/:]+)(:\d+)?\/(.+)$/.exec(u))) {
    host = m[1]!;
    // An https port is part of the web address; a git:// port is not.
    port = u.startsWith('http') ? (m[2] ?? '') : '';
    path = m[3]!;
  } else if ((m = /^(?:[^@/:]+@)?([^/:]+):(?!\/)(.+)$/.exec(u)) && !/^[A-Za-z]:[\\/]/.test(u)) {
    // scp-like: git@host:owner/repo.git
    host = m[1]!;
    path = m[2]!;
  } else {
    return null;
  }
  path = path.replace(/\/+$/, '').replace(/\.git$/, '');
  if (!path.includes('/')) return null;
  const forge: Forge = /(^|\.)github\.com$/i.test(host) || /github/i.test(host) ? 'github' : /gitlab/i.test(host) ? 'gitlab' : 'gitea';
  return { forge, web: `https://${host}${port}/${path}` };
}

export function pullRequestUrl(remoteUrl: string, branch: string, base = 'main'): string | null {
  const r = remoteWeb(remoteUrl);
  if (!r) return null;
  switch (r.forge) {
    case 'github':
      return `${r.web}/compare/${base}...${branch}?expand=1`;
    case 'gitlab':
      return `${r.web}/-/merge_requests/new?merge_request[source_branch]=${encodeURIComponent(branch)}&merge_request[target_branch]=${encodeURIComponent(base)}`;
    default:
      return `${r.web}/compare/${base}...${branch}`;
  }
}
