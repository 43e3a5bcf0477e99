#!/usr/bin/env bash
# How long a claim of due recipients takes with 10,000 and 1,000,000 recipient rows queued, on H2 (file) and
# PostgreSQL (zonky's embedded binaries, on 127.0.0.1). See docs/performance-queue.md.
#
# Usage: bench/queue-scale.sh [row counts...]      (default: 10000 1000000)
# QUEUE_SCALE_DATABASES=h2 (or postgresql) runs only that database.
# Set MVN_OFFLINE= (empty) to let Maven download a missing dependency.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS_DIR="${ROOT}/bench/results"
MVN_OFFLINE="${MVN_OFFLINE--o}"
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/outpost-queue-scale.XXXXXX")"
trap 'rm -rf "${WORK_DIR}"' EXIT

cd "${ROOT}"
echo "building relay-ejb test classes and classpath..." >&2
mvn -q ${MVN_OFFLINE} -pl relay-ejb -am test-compile dependency:build-classpath \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="${WORK_DIR}/classpath.txt" >&2
CLASSPATH_ENTRIES="${ROOT}/relay-ejb/target/test-classes:${ROOT}/relay-ejb/target/classes:${ROOT}/relay-api/target/classes:$(cat "${WORK_DIR}/classpath.txt")"

mkdir -p "${RESULTS_DIR}"
RESULT_FILE="${RESULTS_DIR}/queue-scale-$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
echo "# nproc=$(nproc) load_avg='$(cat /proc/loadavg)' host=$(hostname)" | tee "${RESULT_FILE}"
java -Xmx1g -Dqueue.scale.databases="${QUEUE_SCALE_DATABASES:-h2,postgresql}" -cp "${CLASSPATH_ENTRIES}" io.outpost.relay.queue.QueueScaleBenchmark "${WORK_DIR}" "$@" \
    2> >(grep -v '^SLF4J' >&2) \
    | tee -a "${RESULT_FILE}"
echo "results written to ${RESULT_FILE}" >&2
