#!/usr/bin/env bash
# Starts the server deployment: PostgreSQL (default) or, with "eventstoredb", EventStoreDB for the events.
# The JWT secret every replica shares is generated once into docker/.env (mode 0600), which compose reads.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f .env ]; then
  umask 077
  printf 'HOURBANK_JWT_SECRET=%s\n' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" > .env
fi
file=docker-compose.postgres.yml
[ "${1:-}" = "eventstoredb" ] && file=docker-compose.postgres-eventstoredb.yml
docker compose -f "$file" up -d --build --wait
echo "Hour Bank is on http://127.0.0.1:3000 (compose file docker/$file)"
