#!/usr/bin/env bash
# Runs the whole benchmark set and writes the results under artifacts/benchmarks (or --out DIR):
# BenchmarkDotNet suites (webhook verification, JSON, request overhead, streaming), the Native AOT
# probe beside its JIT build, and the webhook endpoint under wrk. Installs what it needs
# (clang, wrk, hyperfine, GNU time) with apt-get when missing. Every server binds to 127.0.0.1.
#
# Usage: scripts/benchmarks.sh [--quick] [--only LIST] [--out DIR]
#                              [--webhook-url URL --secret SECRET [--bare-url URL] [--stats-url URL]]
#   --quick        one call of each benchmark case in process, short load runs: a smoke run
#   --only LIST    comma-separated parts: verify,json,requests,streaming,aot,load (default: all)
#   --webhook-url  load an already running receiver, such as the ASP.NET Core sample, instead of
#                  the receiver hosted by the benchmark program; --secret must be its webhook secret
#   --bare-url     the endpoint that answers 200 on the same server, for the baseline rows
#   --stats-url    a GET endpoint with the receiver's delivery counts; without it the
#                  exactly-once check is skipped
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

# Starts the receiver hosted by the benchmark program unless --webhook-url points elsewhere.
start_receiver() {
  if [ -n "$webhook_url" ]; then
    return 0
  fi

  dotnet "$bench_dll" webhook-server --urls http://127.0.0.1:0 --secret "$secret" > "$out/webhook-server.log" 2>&1 &
  server_pid=$!
  local base=""
  for _ in $(seq 1 100); do
    base=$(sed -n 's/^listening //p' "$out/webhook-server.log" | head -n 1)
    [ -n "$base" ] && break
    sleep 0.2
  done
  [ -n "$base" ] || { echo "The webhook server did not start; see $out/webhook-server.log" >&2; exit 1; }
  webhook_url="$base/webhooks/ctf" bare_url="$base/bare" stats_url="$base/stats"
}

# One wrk run; prints the RESULT line of scripts/webhook-load.lua.
load_run() {
  local url="$1" connections="$2" duration="$3" deliveries="$4"
  wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/webhook-load.lua "$url" -- "$deliveries" 2 \
    | grep '^RESULT'
}

run_load() {
  start_receiver
  local levels=(4 16 64 256) duration=8s count=150000
  [ $quick -eq 1 ] && levels=(16) duration=2s count=20000
  local report="$out/load.txt"
  echo "== Webhook endpoint under load: $webhook_url (load: $(uptime | sed 's/.*load average: //'))" | tee "$report"
  for connections in "${levels[@]}"; do
    local run="c${connections}-$(date +%s)" deliveries="$out/deliveries.tsv"
    # Fresh job ids and timestamps for every level: the receiver accepts a delivery for 300 s.
    dotnet "$bench_dll" sign-deliveries --secret "$secret" --count "$count" --run "$run" \
      --body-size 512 --out "$deliveries" > /dev/null
    [ -n "$stats_url" ] && curl -sf -X POST "${stats_url}/reset" > /dev/null
    local hooks bare="(no --bare-url)"
    hooks=$(load_run "$webhook_url" "$connections" "$duration" "$deliveries")
    sleep 1
    local stats="(no --stats-url: exactly-once check skipped)"
    [ -n "$stats_url" ] && stats=$(curl -sf "$stats_url" | jq -c .)
    [ -n "$bare_url" ] && bare=$(load_run "$bare_url" "$connections" "$duration" "$deliveries")
    {
      echo "connections=$connections"
      echo "  webhook: $hooks"
      echo "  bare:    $bare"
      echo "  stats:   $stats"
    } | tee -a "$report"
    check_exactly_once "$stats" "$hooks" "$connections"
  done
  rm -f "$out/deliveries.tsv"
}

# Fails the run when a delivery was handled twice, answered with a non-2xx status, or went
# unhandled. Up to one delivery per connection may still be in flight when wrk stops, and the
# receiver may drop those when wrk closes the connection, as a real sender would then retry.
check_exactly_once() {
  local stats="$1" hooks="$2" connections="$3"
  [[ "$stats" == "{"* ]] || return 0
  local more never handled non2xx sent
  more=$(jq '.jobs_handled_more_than_once' <<< "$stats")
  never=$(jq '.verified_jobs_never_handled' <<< "$stats")
  handled=$(jq '.distinct_handled_jobs' <<< "$stats")
  non2xx=$(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<< "$hooks")
  sent=$(sed -n 's/.*distinct_sent=\([0-9]*\).*/\1/p' <<< "$hooks")
  if [ "$more" != 0 ] || [ "$non2xx" != 0 ] || [ "$never" -gt "$connections" ] \
    || [ "$handled" -lt $((sent - connections)) ]; then
    echo "Exactly-once check FAILED: handled more than once $more, verified but never handled $never," \
      "non-2xx $non2xx, distinct handled $handled of $sent sent" | tee -a "$out/load.txt" >&2
    exit 1
  fi
  echo "  exactly once: $handled distinct deliveries handled once each ($sent sent," \
    "$never verified at shutdown and not handled)" | tee -a "$out/load.txt"
}

mkdir -p "$out"
install_tools
record_environment
echo "== Building the benchmark program (Release)"
dotnet build "$bench_project" -c Release -nologo -clp:ErrorsOnly
run_benchmarkdotnet
wants aot && run_aot
wants load && run_load
echo "Results are in $out"
