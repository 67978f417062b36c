#!/usr/bin/env bash
# Starts the local storage servers used by the tests (s3rver, dynalite, Azurite) on 127.0.0.1
# at free ports, exports their addresses as CTF_TEST_* variables, and stops them on exit.
# Source this file, then call start_test_servers.

SERVERS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_PIDS=()

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "error: $name did not start listening on 127.0.0.1:$port within 15 s" >&2
  return 1
}

install_test_servers() {
  if [ ! -x "$SERVERS_ROOT/tools/node_modules/.bin/s3rver" ] ||
     [ ! -x "$SERVERS_ROOT/tools/node_modules/.bin/dynalite" ] ||
     [ ! -x "$SERVERS_ROOT/tools/node_modules/.bin/azurite" ]; then
    echo "Installing the local storage servers (npm ci in tools/)..."
    (cd "$SERVERS_ROOT/tools" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}

stop_test_servers() {
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
  [ -n "${SERVERS_DATA_DIR:-}" ] && rm -rf "$SERVERS_DATA_DIR"
}

start_test_servers() {
  install_test_servers || return 1
  local bin="$SERVERS_ROOT/tools/node_modules/.bin"
  SERVERS_DATA_DIR="$(mktemp -d)"
  SERVERS_LOG_DIR="${SERVERS_LOG_DIR:-$SERVERS_DATA_DIR/logs}"
  mkdir -p "$SERVERS_DATA_DIR/s3" "$SERVERS_LOG_DIR"

  local s3_port dynamo_port blob_port queue_port table_port
  s3_port=$(free_port); dynamo_port=$(free_port)
  blob_port=$(free_port); queue_port=$(free_port); table_port=$(free_port)

  "$bin/s3rver" -d "$SERVERS_DATA_DIR/s3" -a 127.0.0.1 -p "$s3_port" --silent \
    >"$SERVERS_LOG_DIR/s3rver.log" 2>&1 &
  SERVER_PIDS+=($!)
  "$bin/dynalite" --host 127.0.0.1 --port "$dynamo_port" \
    --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 \
    >"$SERVERS_LOG_DIR/dynalite.log" 2>&1 &
  SERVER_PIDS+=($!)
  "$bin/azurite" --silent --inMemoryPersistence --disableTelemetry --skipApiVersionCheck \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" \
    >"$SERVERS_LOG_DIR/azurite.log" 2>&1 &
  SERVER_PIDS+=($!)

  wait_for_port "$s3_port" s3rver || return 1
  wait_for_port "$dynamo_port" dynalite || return 1
  wait_for_port "$blob_port" "Azurite blob" || return 1
  wait_for_port "$table_port" "Azurite table" || return 1

  export CTF_TEST_S3_URL="http://127.0.0.1:$s3_port"
  export CTF_TEST_DYNAMODB_URL="http://127.0.0.1:$dynamo_port"
  export CTF_TEST_AZURITE_BLOB_URL="http://127.0.0.1:$blob_port/devstoreaccount1"
  export CTF_TEST_AZURITE_TABLE_URL="http://127.0.0.1:$table_port/devstoreaccount1"
  echo "Storage servers: s3rver $CTF_TEST_S3_URL, dynalite $CTF_TEST_DYNAMODB_URL," \
       "Azurite blob $CTF_TEST_AZURITE_BLOB_URL, table $CTF_TEST_AZURITE_TABLE_URL"
}
