#!/usr/bin/env bash
# How long a claim of due recipients takes with 10,000 and 1,000,000 recipient rows queued, on H2 (file) and
# PostgreSQL (zonky's embedded binaries, on 127.0.0.1). See docs/performance-queue.md.
#
# Usage: bench/queue-scale.sh [row counts...]      (default: 10000 1000000)
# QUEUE_SCALE_DATABASES=h2 (or postgresql) runs only that database.
# Set MVN_OFFLINE= (empty) to let Maven download a missing dependency.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/relay-ejb-main.sh" queue-scale
java -Xmx1g -Dqueue.scale.databases="${QUEUE_SCALE_DATABASES:-h2,postgresql}" -cp "${CLASSPATH_ENTRIES}" io.outpost.relay.queue.QueueScaleBenchmark "${WORK_DIR}" "$@" \
    2> >(grep -v '^SLF4J' >&2) \
    | tee -a "${RESULT_FILE}"
echo "results written to ${RESULT_FILE}" >&2
