# Sourced by the benchmarks that run a main class of relay-ejb's test code (queue-scale.sh, durable-commit.sh):
# builds the test classes and their classpath, then sets ROOT, WORK_DIR (removed on exit), CLASSPATH_ENTRIES and
# RESULT_FILE (bench/results/<name>-<time>-<pid>.txt, started with a line on the machine's state).
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/relay-ejb-main.sh" <name>
# Set MVN_OFFLINE= (empty) to let Maven download a missing dependency.

BENCH_NAME="$1"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RESULTS_DIR="${ROOT}/bench/results"
MVN_OFFLINE="${MVN_OFFLINE--o}"
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/outpost-${BENCH_NAME}.XXXXXX")"
trap 'rm -rf "${WORK_DIR}"' EXIT

cd "${ROOT}"
echo "building relay-ejb test classes and classpath..." >&2
mvn -q ${MVN_OFFLINE} -pl relay-ejb -am test-compile dependency:build-classpath \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="${WORK_DIR}/classpath.txt" >&2
CLASSPATH_ENTRIES="${ROOT}/relay-ejb/target/test-classes:${ROOT}/relay-ejb/target/classes:${ROOT}/relay-api/target/classes:$(cat "${WORK_DIR}/classpath.txt")"

mkdir -p "${RESULTS_DIR}"
RESULT_FILE="${RESULTS_DIR}/${BENCH_NAME}-$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
echo "# nproc=$(nproc) load_avg='$(cat /proc/loadavg)' host=$(hostname)" | tee "${RESULT_FILE}"
