#!/usr/bin/env bash
# Runs the soak test, which scripts/test.sh leaves out. It sends conversions at a steady concurrency
# through the SDK's client against the emulator (run as its own process) with injected faults
# and duplicated webhooks, then prints the Markdown report. It fails if anything was lost,
# created twice, or if memory, file descriptors or connections grew.
#
# Usage: scripts/soak.sh [--duration hh:mm:ss] [--warmup hh:mm:ss] [--concurrency N]
#                        [--fault-rate 0.05] [--duplicate-rate 0.05] [--sample-interval hh:mm:ss]
#                        [--report PATH]
# Defaults: 10 minutes measured after a 2-minute warm-up, 8 conversions at once, 5 % of API
# requests faulted, 5 % of webhooks sent twice, the report in artifacts/soak/soak-report.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

export CTF_SOAK_COMMAND="scripts/soak.sh${*:+ $*}"
export CTF_SOAK_REPORT="$root/artifacts/soak/soak-report.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) export CTF_SOAK_DURATION="$2"; shift 2 ;;
    --warmup) export CTF_SOAK_WARMUP="$2"; shift 2 ;;
    --concurrency) export CTF_SOAK_CONCURRENCY="$2"; shift 2 ;;
    --fault-rate) export CTF_SOAK_FAULT_RATE="$2"; shift 2 ;;
    --duplicate-rate) export CTF_SOAK_DUPLICATE_RATE="$2"; shift 2 ;;
    --sample-interval) export CTF_SOAK_SAMPLE_INTERVAL="$2"; shift 2 ;;
    --report) export CTF_SOAK_REPORT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# No test may reach a cloud metadata address or any host other than loopback.
export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

mkdir -p "$(dirname "$CTF_SOAK_REPORT")"
rm -f "$CTF_SOAK_REPORT"
dotnet build tests/ChangeThisFile.Reliability.Tests -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test tests/ChangeThisFile.Reliability.Tests -c Release --no-build -nologo \
  --filter "Category=Soak" --logger "console;verbosity=normal" || status=$?

if [ -f "$CTF_SOAK_REPORT" ]; then
  echo
  cat "$CTF_SOAK_REPORT"
  echo
  echo "Report: $CTF_SOAK_REPORT"
else
  echo "The soak run wrote no report; see the test output above." >&2
fi
exit $status
