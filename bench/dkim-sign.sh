#!/usr/bin/env bash
# What DKIM signing costs intake per message (rsa-sha256, ed25519-sha256, both), on one core. See docs/performance.md.
#
# Usage: bench/dkim-sign.sh [message octets] [signatures per round]     (default: 2048 2000)
# Set MVN_OFFLINE= (empty) to let Maven download a missing dependency.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS_DIR="${ROOT}/bench/results"
MVN_OFFLINE="${MVN_OFFLINE--o}"

cd "${ROOT}"
echo "building relay-ejb test classes..." >&2
mvn -q ${MVN_OFFLINE} -pl relay-ejb -am test-compile -Dspotless.check.skip=true >&2
CLASSPATH_ENTRIES="${ROOT}/relay-ejb/target/test-classes:${ROOT}/relay-ejb/target/classes:${ROOT}/relay-api/target/classes"

mkdir -p "${RESULTS_DIR}"
RESULT_FILE="${RESULTS_DIR}/dkim-sign-$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
echo "# nproc=$(nproc) load_avg='$(cat /proc/loadavg)' host=$(hostname)" | tee "${RESULT_FILE}"
java -cp "${CLASSPATH_ENTRIES}" io.outpost.relay.dkim.SigningBenchmark "$@" | tee -a "${RESULT_FILE}"
echo "results written to ${RESULT_FILE}" >&2
