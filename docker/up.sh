#!/usr/bin/env bash
# Starts the server deployment: PostgreSQL (default) or, with "eventstoredb", EventStoreDB for the events.
# The JWT secret every replica shares and the log notary's Ed25519 key every worker signs with are generated once
# into docker/.env (mode 0600), which compose reads (the key's PEM on one line, its line breaks written as \n).
set -euo pipefail
cd "$(dirname "$0")"
umask 077
if [ ! -f .env ]; then
  printf 'HOURBANK_JWT_SECRET=%s\n' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" > .env
fi
if ! grep -q '^HOURBANK_LOG_SIGNING_KEY=' .env; then
  printf 'HOURBANK_LOG_SIGNING_KEY=%s\n' "$(openssl genpkey -algorithm ed25519 | awk '{ printf "%s\\n", $0 }')" >> .env
fi
file=docker-compose.postgres.yml
[ "${1:-}" = "eventstoredb" ] && file=docker-compose.postgres-eventstoredb.yml
docker compose -f "$file" up -d --build --wait
echo "Hour Bank is on http://127.0.0.1:3000 (compose file docker/$file)"
