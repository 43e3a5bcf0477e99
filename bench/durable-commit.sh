#!/usr/bin/env bash
# What fsync before the 250 costs on the embedded database (H2 file): 1 and 20 sessions committing 2 KB messages through
# the group committer, with and without CHECKPOINT SYNC after each batch. Counts fsyncs inside the JVM and, with
# STRACE=1 (needs strace), as system calls. See docs/performance.md.
#
# Usage: bench/durable-commit.sh [messages-per-run] [message-size-bytes]      (default: 4000 2048)
# Set MVN_OFFLINE= (empty) to let Maven download a missing dependency.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/relay-ejb-main.sh" durable-commit
TRACE=()
if [[ "${STRACE:-0}" == 1 ]]; then
    TRACE=(strace -f -e trace=fsync,fdatasync -c -o "${WORK_DIR}/strace.txt")
fi
"${TRACE[@]}" java -Xmx1g -cp "${CLASSPATH_ENTRIES}" io.outpost.relay.queue.DurableCommitBenchmark "${WORK_DIR}/db" "$@" \
    2>/dev/null | grep -E '^(#|result|warmup)' | tee -a "${RESULT_FILE}"
if [[ "${STRACE:-0}" == 1 ]]; then
    echo "# strace -f -e trace=fsync,fdatasync -c over the whole run:" | tee -a "${RESULT_FILE}"
    tee -a "${RESULT_FILE}" < "${WORK_DIR}/strace.txt"
fi
echo "results written to ${RESULT_FILE}" >&2
