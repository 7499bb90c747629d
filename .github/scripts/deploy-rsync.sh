#!/usr/bin/env bash
# Deploy the built archive site (_site/) to an nginx host over SSH with rsync,
# as a new release directory, then switch the `current` symlink atomically.
#
#   $DEPLOY_PATH/releases/20261124T031500Z-1a2b3c4/   one directory per deploy
#   $DEPLOY_PATH/current -> releases/<latest>          nginx `root` points here
#
# Rollback = point `current` at an older release (see docs/deploy-nginx.md).
#
# Environment (secrets/variables of the repository; see docs/setup-gitea.md):
#   DEPLOY_HOST         required  user@host (or host; then DEPLOY_USER or "ronda-deploy")
#   DEPLOY_PATH         required  absolute path on the host, e.g. /srv/ronda
#   DEPLOY_SSH_KEY      required  private key (ed25519) of the deploy user
#   DEPLOY_KNOWN_HOSTS  advised   the host's line(s) from `ssh-keyscan`; without it
#                                 the key is fetched on first contact (warning)
#   DEPLOY_PORT         optional  SSH port, default 22
#   DEPLOY_USER         optional  used when DEPLOY_HOST has no user@ part
#   KEEP_RELEASES       optional  how many releases to keep, default 5
#   SITE_DIR            optional  default _site
set -euo pipefail

fail() { echo "::error title=Deploy rsync::$*"; exit 1; }

: "${DEPLOY_HOST:=}" "${DEPLOY_PATH:=}" "${DEPLOY_SSH_KEY:=}"
[ -n "$DEPLOY_HOST" ] || fail "secret DEPLOY_HOST belum diisi (contoh: ronda-deploy@10.10.1.20)"
[ -n "$DEPLOY_PATH" ] || fail "secret DEPLOY_PATH belum diisi (contoh: /srv/ronda)"
[ -n "$DEPLOY_SSH_KEY" ] || fail "secret DEPLOY_SSH_KEY belum diisi (kunci privat user deploy)"

# The path is used inside remote shell commands: allow only plain absolute paths.
[[ "$DEPLOY_PATH" =~ ^/[A-Za-z0-9._/-]+$ ]] && [[ "$DEPLOY_PATH" != *..* ]] ||
  fail "DEPLOY_PATH harus path absolut sederhana (huruf, angka, . _ - /), bukan: $DEPLOY_PATH"
DEPLOY_PATH="${DEPLOY_PATH%/}"
PORT="${DEPLOY_PORT:-22}"
[[ "$PORT" =~ ^[0-9]+$ ]] || fail "DEPLOY_PORT harus angka"
KEEP="${KEEP_RELEASES:-5}"
[[ "$KEEP" =~ ^[0-9]+$ ]] && [ "$KEEP" -ge 2 ] || fail "KEEP_RELEASES harus angka >= 2"
SITE="${SITE_DIR:-_site}"
[ -f "$SITE/index.html" ] || fail "$SITE/index.html tidak ada: jalankan npm run build dulu"

TARGET="$DEPLOY_HOST"
[[ "$TARGET" == *@* ]] || TARGET="${DEPLOY_USER:-ronda-deploy}@$TARGET"
HOSTNAME_ONLY="${TARGET#*@}"

# Runner images differ (GitHub's ubuntu image has both; node:20-bookworm lacks rsync).
need=()
command -v rsync >/dev/null || need+=(rsync)
command -v ssh >/dev/null || need+=(openssh-client)
if [ "${#need[@]}" -gt 0 ]; then
  echo "Memasang: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
umask 077
printf '%s\n' "$DEPLOY_SSH_KEY" | tr -d '\r' >"$WORK/key"
if [ -n "${DEPLOY_KNOWN_HOSTS:-}" ]; then
  printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >"$WORK/known_hosts"
else
  echo "::warning title=Deploy rsync::DEPLOY_KNOWN_HOSTS kosong; kunci host diambil dengan ssh-keyscan (kurang aman). Isi secret itu."
  ssh-keyscan -p "$PORT" -T 15 "$HOSTNAME_ONLY" >"$WORK/known_hosts" 2>/dev/null ||
    fail "ssh-keyscan ke $HOSTNAME_ONLY:$PORT gagal"
fi

SSH_OPTS=(-i "$WORK/key" -p "$PORT" -o BatchMode=yes -o IdentitiesOnly=yes
  -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$WORK/known_hosts" -o ConnectTimeout=20)
remote() { ssh "${SSH_OPTS[@]}" "$TARGET" "$@"; }

SHA="${GITHUB_SHA:-$(git rev-parse HEAD 2>/dev/null || echo manual)}"
RELEASE="$(date -u +%Y%m%dT%H%M%SZ)-${SHA:0:7}"
echo "Rilis baru: $DEPLOY_PATH/releases/$RELEASE"

remote "mkdir -p '$DEPLOY_PATH/releases'"

# --link-dest: files unchanged since the current release become hard links, so a
# release costs only the changed pages. A missing `current` (first deploy) is fine.
rsync -a --delete --chmod=D755,F644 \
  --link-dest="$DEPLOY_PATH/current/" \
  -e "ssh ${SSH_OPTS[*]}" \
  "$SITE/" "$TARGET:$DEPLOY_PATH/releases/$RELEASE/"

# Atomic switch: a new symlink renamed over the old one (mv -T), never a moment without a site.
remote "cd '$DEPLOY_PATH' && ln -sfn 'releases/$RELEASE' current.tmp && mv -Tf current.tmp current"

# Keep the newest $KEEP releases (names sort by time), never the one `current` points to.
remote "cd '$DEPLOY_PATH/releases' && cur=\$(basename \"\$(readlink ../current)\") &&
  ls -1 | sort | head -n -$KEEP | while read -r old; do
    [ \"\$old\" = \"\$cur\" ] || rm -rf -- \"\$old\"; done"

echo "Selesai: $TARGET:$DEPLOY_PATH/current -> releases/$RELEASE"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  echo "Situs arsip dikirim ke \`$HOSTNAME_ONLY:$DEPLOY_PATH/releases/$RELEASE\` (symlink \`current\`)." >>"$GITHUB_STEP_SUMMARY"
fi
