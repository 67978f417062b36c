#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need
# (Debian packages, the npm storage servers, NuGet packages), starts the storage servers
# on 127.0.0.1, runs the tests, stops the servers, and prints "N passed, N failed".
#
# Usage: scripts/test.sh [extra dotnet test arguments, such as --filter ...]
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=servers.sh
source "$root/scripts/servers.sh"

# No test may reach a cloud metadata address or any host other than loopback.
export AWS_EC2_METADATA_DISABLED=true
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

install_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_debian_packages || echo "warning: could not install Debian packages; browser and Native AOT tests will fail" >&2

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export SERVERS_LOG_DIR="$results/servers"

trap stop_test_servers EXIT
start_test_servers || { echo "0 passed, 1 failed"; exit 1; }

dotnet build ChangeThisFile.Client.sln -c Release -nologo -clp:ErrorsOnly
build_status=$?
if [ $build_status -ne 0 ]; then
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test ChangeThisFile.Client.sln -c Release --no-build -nologo \
  --filter "Category!=Soak" \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m \
  "$@"
test_status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ $test_status -ne 0 ] && [ $failed -eq 0 ]; then
  # A crashed or hung test host leaves no failed counter behind; count it as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed"
[ $failed -eq 0 ]
