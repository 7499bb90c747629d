#!/usr/bin/env bash
# Pull deploy, for Gitea/Forgejo (no protected environments there): run on the web server by a timer.
# The server fetches main with a read-only key, builds the site itself and switches `current`, so no CI
# job of any branch ever holds a key that can write to the server. Each build checks the one before it
# (the previous release's integritas.json): a rewritten main is named on the site. See docs/deploy-nginx.md.
#
#   RONDA_REPO        required  the server's clone of the archive repository (its origin: the forge)
#   DEPLOY_PATH       required  e.g. /srv/ronda (releases/ and the `current` symlink nginx serves)
#   KEEP_RELEASES     optional  releases kept, default 5
#   RONDA_TRUST_ANCHOR, RONDA_BASE_PATH, RONDA_CACHE_SECRET   as for npm run build
#   RONDA_BUILD       optional  the build command (default: npm run --silent build --)
#   RONDA_FORGE_TOKEN, RONDA_FORGE_API, RONDA_FORGE_REPO   optional  a read-only forge token, the API URL
#                     (https://git.example/api/v1) and owner/repo: SOP archiving time is judged only on
#                     the forge's own pull-request times (.github/scripts/forge-times.mjs)
set -euo pipefail

: "${RONDA_REPO:?RONDA_REPO belum diisi (folder klon arsip di server)}"
: "${DEPLOY_PATH:?DEPLOY_PATH belum diisi (mis. /srv/ronda)}"
KEEP="${KEEP_RELEASES:-5}"
[[ "$KEEP" =~ ^[0-9]+$ ]] && [ "$KEEP" -ge 2 ] || { echo "KEEP_RELEASES harus angka >= 2" >&2; exit 1; }

cd "$RONDA_REPO"
git fetch --quiet origin main
head=$(git rev-parse origin/main)
if [ -f "$DEPLOY_PATH/deployed" ] && [ "$(cat "$DEPLOY_PATH/deployed")" = "$head" ]; then exit 0; fi
git checkout --quiet --force --detach "$head"
if [ "${RONDA_SKIP_INSTALL:-}" != 1 ]; then npm ci --no-audit --no-fund --silent; fi

mkdir -p "$DEPLOY_PATH/releases"
release="$DEPLOY_PATH/releases/$(date -u +%Y%m%dT%H%M%SZ)-${head:0:12}"
previous=""
if [ -f "$DEPLOY_PATH/current/integritas.json" ]; then previous="$DEPLOY_PATH/current/integritas.json"; fi
forge_times=""
if [ -n "${RONDA_FORGE_TOKEN:-}" ]; then
  forge_times="$(mktemp)"
  GITHUB_TOKEN="$RONDA_FORGE_TOKEN" GITHUB_API_URL="${RONDA_FORGE_API:-}" GITHUB_REPOSITORY="${RONDA_FORGE_REPO:-}" \
    node .github/scripts/forge-times.mjs "$forge_times"
  [ -s "$forge_times" ] || forge_times=""
fi
read -r -a build <<< "${RONDA_BUILD:-npm run --silent build --}"
RONDA_PREVIOUS_INTEGRITY="$previous" RONDA_FORGE_TIMES="$forge_times" "${build[@]}" --out "$release"

ln -sfn "$release" "$DEPLOY_PATH/current.new"
mv -T "$DEPLOY_PATH/current.new" "$DEPLOY_PATH/current"
echo "$head" > "$DEPLOY_PATH/deployed"
# Oldest releases beyond KEEP go (never the one `current` points to: it is the newest).
ls -1dt "$DEPLOY_PATH"/releases/*/ | tail -n +"$((KEEP + 1))" | xargs -r rm -rf
echo "Situs diterbitkan: $release (main $head)"
