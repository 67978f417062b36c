#!/usr/bin/env bash
# Runs the whole benchmark set and writes the results under artifacts/benchmarks (or --out DIR).
# The parts are the BenchmarkDotNet suites (webhook verification, JSON, request overhead,
# streaming), the Native AOT probe beside its JIT build, and two webhook endpoints under wrk: the
# ASP.NET Core sample's route and the receiver hosted by the benchmark program. Installs what it needs (clang, wrk,
# hyperfine, GNU time, curl, jq, sqlite3) with apt-get when missing. Every server binds to
# 127.0.0.1.
#
# Usage: scripts/benchmarks.sh [--quick] [--only LIST] [--out DIR]
#                              [--webhook-url URL --secret SECRET [--bare-url URL] [--stats-url URL]]
#   --quick        one call of each benchmark case in process, short load runs: a smoke run
#   --only LIST    comma-separated parts: verify,json,requests,streaming,aot,load (default: all)
#   --webhook-url  load an already running receiver instead of the sample and the benchmark
#                  receiver; --secret must be its webhook secret
#   --bare-url     the endpoint that returns 200 on the same server, for the baseline rows
#   --stats-url    a GET endpoint with DeliveryRecorder counts; without it the exactly-once
#                  check of an external receiver is skipped
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=0
only="verify,json,requests,streaming,aot,load"
out="$root/artifacts/benchmarks"
webhook_url="" bare_url="" stats_url="" secret="whsec_benchmarkLoad_7a1c0e93d25b"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    --out) out="$2"; shift ;;
    --webhook-url) webhook_url="$2"; shift ;;
    --bare-url) bare_url="$2"; shift ;;
    --stats-url) stats_url="$2"; shift ;;
    --secret) secret="$2"; shift ;;
    *) echo "Unknown option '$1'; see the usage at the top of $0." >&2; exit 2 ;;
  esac
  shift
done

wants() { [[ ",$only," == *",$1,"* ]]; }

install_tools() {
  local missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

record_environment() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "uptime: $(uptime)"
    echo "kernel: $(uname -srm)"
    grep PRETTY_NAME /etc/os-release || true
    echo
    lscpu
    echo
    free -h
    echo
    dotnet --info | sed -n '1,20p'
  } > "$out/environment.txt"
}

bench_project="tests/ChangeThisFile.Client.Benchmarks"
bench_dll="$root/$bench_project/bin/Release/net10.0/ChangeThisFile.Client.Benchmarks.dll"

run_benchmarkdotnet() {
  local suites=()
  for suite in verify json requests streaming; do
    wants "$suite" && suites+=(--suite "$suite")
  done
  [ ${#suites[@]} -eq 0 ] && return 0
  local mode=()
  [ $quick -eq 1 ] && mode=(--quick)
  echo "== BenchmarkDotNet: ${suites[*]} (load: $(uptime | sed 's/.*load average: //'))"
  dotnet "$bench_dll" bench "${mode[@]}" "${suites[@]}" --artifacts "$out/bdn" | tee "$out/bdn.log"
}

# The request-overhead ratios again, with the SDK and the hand-written calls interleaved in
# alternating blocks, so that a change in machine load during the run affects both alike.
run_paired() {
  local rounds=300
  [ $quick -eq 1 ] && rounds=5
  : > "$out/paired.txt"
  for scenario in status submit; do
    echo "== Interleaved request overhead: $scenario (load: $(uptime | sed 's/.*load average: //'))"
    dotnet "$bench_dll" paired --scenario "$scenario" --rounds "$rounds" | tee -a "$out/paired.txt"
  done
}

# Publishes the probe with Native AOT and as a framework-dependent JIT build, then compares
# warnings, size, start-up time (hyperfine) and peak memory (GNU time, maximum resident set).
run_aot() {
  local probe="tests/ChangeThisFile.Client.AotProbe" aot="$out/aot" jit="$out/jit"
  echo "== Native AOT probe"
  dotnet publish "$probe" -c Release -r linux-x64 -p:PublishAot=true -o "$aot" > "$out/aot-publish.log" 2>&1
  dotnet publish "$probe" -c Release -r linux-x64 -p:PublishAot=false --self-contained false \
    -o "$jit" > "$out/jit-publish.log" 2>&1
  local warnings
  warnings=$(grep -c -E 'warning [A-Z]+[0-9]+' "$out/aot-publish.log" || true)
  local runs=20 warmup=3
  [ $quick -eq 1 ] && runs=3 warmup=1
  hyperfine --warmup "$warmup" --runs "$runs" --export-markdown "$out/aot-startup.md" \
    -n "Native AOT" "$aot/ChangeThisFile.Client.AotProbe" \
    -n "JIT (framework-dependent)" "$jit/ChangeThisFile.Client.AotProbe" > "$out/aot-hyperfine.log"
  {
    echo "AOT publish warnings: $warnings"
    echo "AOT binary bytes: $(stat -c %s "$aot/ChangeThisFile.Client.AotProbe")"
    echo "JIT output bytes (apphost + assemblies): $(du -cb "$jit"/*.dll "$jit/ChangeThisFile.Client.AotProbe" | tail -1 | cut -f1)"
    for name in aot jit; do
      local dir="$out/$name" peaks=()
      for _ in 1 2 3 4 5; do
        peaks+=("$(/usr/bin/time -v "$dir/ChangeThisFile.Client.AotProbe" 2>&1 >/dev/null \
          | sed -n 's/.*Maximum resident set size (kbytes): //p')")
      done
      echo "$name peak RSS KiB (5 runs): ${peaks[*]}"
    done
    echo
    cat "$out/aot-startup.md"
  } | tee "$out/aot.txt"
}

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

# Starts "$@" in the background, waits for the line "$prefix http://127.0.0.1:PORT" in its log
# and sets server_base to that URL without a trailing slash.
server_base=""
start_server() {
  local log="$1" prefix="$2"
  shift 2
  "$@" > "$log" 2>&1 &
  server_pid=$!
  local base=""
  for _ in $(seq 1 150); do
    base=$(sed -n "s|^$prefix \(http://127\.0\.0\.1:[0-9]*\).*|\1|p" "$log" | head -n 1)
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.2
  done
  [ -n "$base" ] || { echo "The server did not start; see $log" >&2; exit 1; }
  server_base="$base"
}

sample_project="samples/ChangeThisFile.Samples.AspNetCore"
sample_dll="$root/$sample_project/bin/Release/net10.0/ChangeThisFile.Samples.AspNetCore.dll"
sample_data="$out/sample-data"

# Starts the ASP.NET Core sample on a free port of 127.0.0.1 with the load secret, its
# diagnostics routes, a fresh data folder and no emulator. The client's API address is never
# called, because every delivery names a job the sample does not know. The flow logs each such
# unmatched event at Warning; its category is raised to Error so console output does not
# dominate the figures.
start_sample() {
  rm -rf "$sample_data"
  mkdir -p "$sample_data"
  start_server "$out/sample.log" "Open" dotnet "$sample_dll" --urls=http://127.0.0.1:0 \
    "--Sample:DataDirectory=$sample_data" --Sample:Diagnostics=true \
    --ChangeThisFile:UseEmulator=false \
    --ChangeThisFile:Client:BaseAddress=http://127.0.0.1:9/ \
    --ChangeThisFile:Client:ApiKey=ctf_sk_benchmarkLoadNeverSent00 \
    "--ChangeThisFile:Webhooks:Secrets:0=$secret" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:ChangeThisFile.Client.Flow=Error
}

# One wrk run; prints the RESULT line of scripts/webhook-load.lua.
load_run() {
  local url="$1" connections="$2" duration="$3" deliveries="$4"
  wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/webhook-load.lua "$url" -- "$deliveries" 2 \
    | grep '^RESULT'
}

# Prints "<distinct handled> <handler calls> <calls with another outcome>" for the current target.
# The sample: distinct handled = rows of unmatched_events in its SQLite database (one per distinct
# body), handler calls = the flow's count from GET /diagnostics/webhooks. The benchmark receiver:
# the counts of its DeliveryRecorder since the last reset.
read_counts() {
  local kind="$1" base="$2"
  if [ "$kind" = sample ]; then
    local rows="" json
    # The sample creates its tables on first use, so before the first delivery there are none.
    if [ -f "$sample_data/records.db" ]; then
      rows=$(sqlite3 -cmd '.timeout 10000' "$sample_data/records.db" \
        "SELECT COUNT(*) FROM sqlite_master WHERE name = 'unmatched_events'")
      [ "$rows" = 1 ] && rows=$(sqlite3 -cmd '.timeout 10000' "$sample_data/records.db" \
        'SELECT COUNT(*) FROM unmatched_events')
    fi
    rows=${rows:-0}
    json=$(curl -sf "$base/diagnostics/webhooks")
    echo "$rows $(jq '[.handled_by_outcome[]] | add // 0' <<< "$json")" \
      "$(jq '[.handled_by_outcome | to_entries[] | select(.key != "unmatched") | .value] | add // 0' <<< "$json")"
  elif [ -n "$stats_url" ]; then
    local json
    json=$(curl -sf "$stats_url")
    echo "$(jq '.distinct_handled_jobs' <<< "$json") $(jq '.handler_calls' <<< "$json")" \
      "$(jq '.verified_jobs_never_handled' <<< "$json")"
  fi
}

# Loads one target at rising concurrency, beside its bare route, and checks exactly-once handling.
load_target() {
  local kind="$1" base="$2" hook_url="$3" bare="$4"
  local levels=(4 16 64 256) duration=8s count=150000
  [ $quick -eq 1 ] && levels=(16) duration=2s count=20000
  echo "== $kind: $hook_url (load: $(uptime | sed 's/.*load average: //'))" | tee -a "$out/load.txt"
  for connections in "${levels[@]}"; do
    local run="${kind}-c${connections}-$(date +%s)" deliveries="$out/deliveries.tsv"
    # Fresh job ids and timestamps for every level: the receiver accepts a delivery for 300 s.
    dotnet "$bench_dll" sign-deliveries --secret "$secret" --count "$count" --run "$run" \
      --body-size 512 --out "$deliveries" > /dev/null
    [ "$kind" = receiver ] && [ -n "$stats_url" ] && curl -sf -X POST "${stats_url}/reset" > /dev/null
    local before after hooks bare_result="(no bare route)"
    before=$(read_counts "$kind" "$base")
    hooks=$(load_run "$hook_url" "$connections" "$duration" "$deliveries")
    sleep 1
    after=$(read_counts "$kind" "$base")
    [ -n "$bare" ] && bare_result=$(load_run "$bare" "$connections" "$duration" "$deliveries")
    {
      echo "connections=$connections"
      echo "  webhook: $hooks"
      echo "  bare:    $bare_result"
    } | tee -a "$out/load.txt"
    check_exactly_once "$kind" "$before" "$after" "$hooks" "$connections"
  done
  rm -f "$out/deliveries.tsv"
}

run_load() {
  : > "$out/load.txt"
  if [ -n "$webhook_url" ]; then
    load_target external "" "$webhook_url" "$bare_url"
    return 0
  fi

  dotnet build "$sample_project" -c Release -nologo -clp:ErrorsOnly
  start_sample
  local base="$server_base"
  load_target sample "$base" "$base/webhooks/changethisfile" "$base/diagnostics/bare"
  stop_server

  start_server "$out/webhook-server.log" "listening" \
    dotnet "$bench_dll" webhook-server --urls http://127.0.0.1:0 --secret "$secret"
  base="$server_base"
  stats_url="$base/stats"
  load_target receiver "$base" "$base/webhooks/ctf" "$base/bare"
  stop_server
}

# Fails the run when a delivery was handled twice, answered with a non-2xx status, or went
# unhandled. Up to one delivery per connection may still be in flight when wrk stops, and the
# receiver may drop those when wrk closes the connection, as a real sender would then retry.
check_exactly_once() {
  local kind="$1" before="$2" after="$3" hooks="$4" connections="$5"
  if [ -z "$after" ]; then
    echo "  exactly once: not checked (no counts for this target)" | tee -a "$out/load.txt"
    return 0
  fi
  local b=($before) a=($after) handled calls other non2xx sent
  if [ "$kind" = sample ]; then
    # Calls with another outcome are requests that wrk abandoned mid-handling when a run ended;
    # the sender would deliver them again. Every other call must have produced one new row.
    handled=$((a[0] - b[0])) other=$((a[2] - b[2])) calls=$((a[1] - b[1] - other))
  else
    handled=${a[0]} calls=${a[1]} other=${a[2]}
  fi
  non2xx=$(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<< "$hooks")
  sent=$(sed -n 's/.*distinct_sent=\([0-9]*\).*/\1/p' <<< "$hooks")
  if [ "$calls" != "$handled" ] || [ "$non2xx" != 0 ] || [ "$other" -gt "$connections" ] \
    || [ "$handled" -lt $((sent - connections)) ] || [ "$handled" -gt "$sent" ]; then
    echo "  exactly once: FAILED: $handled distinct deliveries handled in $calls handler calls," \
      "$other other outcomes, non-2xx $non2xx, $sent distinct sent" | tee -a "$out/load.txt" >&2
    exit 1
  fi
  echo "  exactly once: $handled distinct deliveries handled in $calls handler calls ($sent sent," \
    "$other other outcomes)" | tee -a "$out/load.txt"
}

mkdir -p "$out"
install_tools
record_environment
echo "== Building the benchmark program (Release)"
dotnet build "$bench_project" -c Release -nologo -clp:ErrorsOnly
run_benchmarkdotnet
wants requests && run_paired
wants aot && run_aot
wants load && run_load
echo "Results are in $out"
