#!/usr/bin/env bash
# Outpost SMTP relay benchmark: compares Outpost with a private, throwaway
# Postfix instance, both relaying to a local smtp-sink.
#
# Everything talks to 127.0.0.1 only. See bench/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS_DIR="${SCRIPT_DIR}/results"

# ---- defaults ---------------------------------------------------------------
SESSIONS=20
MESSAGES=5000
SIZE=2048
RCPTS=1
REPEAT=3
WARMUP=200
TARGET=both
OUTPOST_PORT=2525
SINK_PORT=2626
POSTFIX_PORT=2550
TIMEOUT=300
REUSE_CONN=0
SENDER="bench@sender.test"
RECIPIENT="rcpt@sink.test"
HOST=127.0.0.1
POLL_INTERVAL=0.05

# ---- state used by cleanup --------------------------------------------------
WORK_DIR=""
SINK_PID=""
SINK_OUT=""
SRC_PID=""
POSTFIX_DIR=""
RESULT_FILE=""
TARGET_EXPLICIT=0

usage() {
    cat <<EOF
Usage: bench/run.sh [options]

Measures accepted and end-to-end delivered messages per second of Outpost and/or
a private Postfix instance, both relaying to smtp-sink on 127.0.0.1.

Options (defaults in brackets):
  -s, --sessions N      parallel SMTP sessions of smtp-source      [${SESSIONS}]
  -m, --messages M      total messages per run                     [${MESSAGES}]
  -l, --size S          message body size in bytes                 [${SIZE}]
  -r, --rcpts K         recipients per message                     [${RCPTS}]
  -R, --repeat R        runs per target (median/min/max reported)  [${REPEAT}]
  -w, --warmup W        unmeasured messages sent first to each target
                        (spawns server processes, warms JIT); 0 = none [${WARMUP}]
      --target T        outpost | postfix | both                   [${TARGET}]
      --outpost-port P  port where an already running Outpost listens [${OUTPOST_PORT}]
      --postfix-port P  port of the private Postfix instance       [${POSTFIX_PORT}]
      --sink-port P     port of smtp-sink (relays deliver here)    [${SINK_PORT}]
      --timeout SEC     max wait for the sink to see all messages  [${TIMEOUT}]
      --reuse-conn      send all messages of a session over one connection
                        (smtp-source -d); default: one connection per message
  -h, --help            this help

Outpost must be started separately with
  OUTPOST_DELIVERY_TRANSPORT_MAP='*=127.0.0.1:<sink-port>'
If nothing listens on --outpost-port the Outpost part is skipped (exit code 1
only when --target outpost was requested explicitly).

Results are printed and written to bench/results/<timestamp>.txt.
EOF
}

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Prints a line to stdout and appends it to the result file.
emit() {
    printf '%s\n' "$*"
    if [[ -n "${RESULT_FILE}" ]]; then
        printf '%s\n' "$*" >>"${RESULT_FILE}"
    fi
}

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
            -s|--sessions)   SESSIONS="${2:?}"; shift 2 ;;
            -m|--messages)   MESSAGES="${2:?}"; shift 2 ;;
            -l|--size)       SIZE="${2:?}"; shift 2 ;;
            -r|--rcpts)      RCPTS="${2:?}"; shift 2 ;;
            -R|--repeat)     REPEAT="${2:?}"; shift 2 ;;
            -w|--warmup)     WARMUP="${2:?}"; shift 2 ;;
            --target)        TARGET="${2:?}"; TARGET_EXPLICIT=1; shift 2 ;;
            --outpost-port)  OUTPOST_PORT="${2:?}"; shift 2 ;;
            --postfix-port)  POSTFIX_PORT="${2:?}"; shift 2 ;;
            --sink-port)     SINK_PORT="${2:?}"; shift 2 ;;
            --timeout)       TIMEOUT="${2:?}"; shift 2 ;;
            --reuse-conn)    REUSE_CONN=1; shift ;;
            -h|--help)       usage; exit 0 ;;
            *)               usage >&2; die "unknown option: $1" ;;
        esac
    done
    local name
    for name in SESSIONS MESSAGES SIZE RCPTS REPEAT WARMUP OUTPOST_PORT POSTFIX_PORT SINK_PORT TIMEOUT; do
        is_uint "${!name}" || die "${name} must be a non-negative integer, got '${!name}'"
    done
    for name in SESSIONS MESSAGES RCPTS REPEAT; do
        (( ${!name} > 0 )) || die "${name} must be > 0"
    done
    case "${TARGET}" in
        outpost|postfix|both) ;;
        *) die "--target must be outpost, postfix or both" ;;
    esac
}

# ---- installation -----------------------------------------------------------
ensure_tools() {
    if command -v smtp-source >/dev/null && command -v smtp-sink >/dev/null \
        && command -v postfix >/dev/null; then
        return 0
    fi
    log "postfix / smtp-source / smtp-sink missing: installing the Debian postfix package"
    local sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then
        command -v sudo >/dev/null || die "not root and no sudo: install postfix yourself"
        sudo=(sudo)
    fi
    # "No configuration": the system instance stays unconfigured and unstarted,
    # this script runs its own private instance.
    echo "postfix postfix/main_mailer_type select No configuration" \
        | "${sudo[@]}" debconf-set-selections
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix
    # smtp-source and smtp-sink live in /usr/sbin, which may not be in PATH.
    PATH="${PATH}:/usr/sbin:/sbin"
    command -v smtp-source >/dev/null || die "smtp-source still not found after install"
}

# ---- small helpers ----------------------------------------------------------
# Wall clock in seconds with microseconds; bash 5 gives it without a fork.
now() {
    if [[ -n "${EPOCHREALTIME:-}" ]]; then
        echo "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/${HOST}/$1" 2>/dev/null
}

wait_port_open() {
    local port="$1" tries=100
    while ! port_open "${port}"; do
        (( tries-- > 0 )) || return 1
        sleep 0.1
    done
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Percentage of CPU time idle over the next second (from /proc/stat): shows
# whether something else on the machine competes for the CPUs.
cpu_idle_pct() {
    local a b
    a="$(head -n 1 /proc/stat)"
    sleep 1
    b="$(head -n 1 /proc/stat)"
    printf '%s\n%s\n' "${a}" "${b}" | awk '{
            t = 0; for (i = 2; i <= NF; i++) t += $i
            idle = $5 + $6; tot[NR] = t; id[NR] = idle
        }
        END { d = tot[2] - tot[1]; printf "%.0f", (d > 0) ? 100 * (id[2] - id[1]) / d : 0 }'
}

# ---- smtp-sink --------------------------------------------------------------
# smtp-sink -c writes "sess=N quit=N mesg=N\r" after each event; we read the
# last mesg= value from the tail of its output file.
start_sink() {
    port_open "${SINK_PORT}" && die "port ${SINK_PORT} already in use; pick another --sink-port"
    SINK_OUT="${WORK_DIR}/sink.out"
    : >"${SINK_OUT}"
    local user=()
    [[ "$(id -u)" -eq 0 ]] && user=(-u nobody)   # smtp-sink refuses to run as root
    smtp-sink "${user[@]}" -c "${HOST}:${SINK_PORT}" 1024 >"${SINK_OUT}" 2>"${WORK_DIR}/sink.err" &
    SINK_PID=$!
    wait_port_open "${SINK_PORT}" || die "smtp-sink did not start: $(cat "${WORK_DIR}/sink.err")"
}

stop_sink() {
    if [[ -n "${SINK_PID}" ]]; then
        kill "${SINK_PID}" 2>/dev/null || true
        wait "${SINK_PID}" 2>/dev/null || true
        SINK_PID=""
    fi
}

sink_count() {
    # Cheap enough to poll: two small processes on the last 200 bytes.
    tail -c 200 "${SINK_OUT}" | awk 'BEGIN { RS = "\r"; n = 0 }
        match($0, /mesg=[0-9]+/) { n = substr($0, RSTART + 5, RLENGTH - 5) }
        END { print n }'
}

# ---- private Postfix instance -----------------------------------------------
write_postfix_config() {
    local etc="$1"
    cat >"${etc}/main.cf" <<EOF
# Private benchmark instance, generated by bench/run.sh. Loopback only.
compatibility_level = 3.6
config_directory = ${etc}
queue_directory = ${POSTFIX_DIR}/spool
data_directory = ${POSTFIX_DIR}/data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-bench
maillog_file = ${POSTFIX_DIR}/maillog
maillog_file_prefixes = ${POSTFIX_DIR}
myhostname = postfix-bench.localdomain
mydomain = localdomain
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relay_domains =
relayhost = [${HOST}]:${SINK_PORT}
default_transport = smtp
local_transport = error:local delivery is disabled
disable_dns_lookups = yes
smtp_host_lookup = native
smtpd_peername_lookup = no
smtp_tls_security_level = none
smtpd_tls_security_level = none
EOF
    # Standard service table, without chroot (no chroot setup needed), with
    # the SMTP listener moved to 127.0.0.1:<postfix-port>.
    cat >"${etc}/master.cf" <<EOF
${HOST}:${POSTFIX_PORT} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

# Runs "postfix -c DIR <command>"; dies with Postfix's message on failure.
# Postfix sends fatal errors to syslog (often absent in containers) and to
# stderr only when stderr is a terminal, so on failure re-run under script(1).
postfix_cmd() {
    local etc="${POSTFIX_DIR}/etc"
    postfix -c "${etc}" "$@" >"${WORK_DIR}/postfix.log" 2>&1 && return 0
    if command -v script >/dev/null; then
        script -qec "postfix -c '${etc}' $*" /dev/null >>"${WORK_DIR}/postfix.log" 2>&1 || true
    fi
    die "postfix $* failed: $(tail -n 5 "${WORK_DIR}/postfix.log")"
}

start_postfix() {
    [[ "$(id -u)" -eq 0 ]] || die "the private Postfix instance must be started as root (use sudo)"
    id postfix >/dev/null 2>&1 || die "user 'postfix' missing (is the postfix package installed?)"
    port_open "${POSTFIX_PORT}" && die "port ${POSTFIX_PORT} already in use; pick another --postfix-port"
    POSTFIX_DIR="$(mktemp -d /tmp/outpost-bench-postfix.XXXXXX)"
    chmod 755 "${POSTFIX_DIR}"
    mkdir -p "${POSTFIX_DIR}/etc"
    write_postfix_config "${POSTFIX_DIR}/etc"
    # The queue directory must exist; 'check' creates its subdirectories and
    # the data directory with the right owners.
    mkdir -m 755 "${POSTFIX_DIR}/spool"
    postfix_cmd check
    postfix_cmd start
    wait_port_open "${POSTFIX_PORT}" || die "private Postfix does not listen on ${POSTFIX_PORT}; see ${POSTFIX_DIR}/maillog"
}

stop_postfix() {
    if [[ -n "${POSTFIX_DIR}" ]]; then
        postfix -c "${POSTFIX_DIR}/etc" stop >/dev/null 2>&1 || true
        local tries=50   # wait up to 5 s for the master process to exit
        while postfix -c "${POSTFIX_DIR}/etc" status >/dev/null 2>&1 && (( tries-- > 0 )); do
            sleep 0.1
        done
        rm -rf "${POSTFIX_DIR}"
        POSTFIX_DIR=""
    fi
}

# Stops a still running smtp-source (the subshell SRC_PID and its child).
stop_source() {
    if [[ -n "${SRC_PID}" ]]; then
        pkill -TERM -P "${SRC_PID}" 2>/dev/null || true
        kill "${SRC_PID}" 2>/dev/null || true
        wait "${SRC_PID}" 2>/dev/null || true
        SRC_PID=""
    fi
}

cleanup() {
    stop_source
    stop_sink
    stop_postfix
    if [[ -n "${WORK_DIR}" ]]; then
        rm -rf "${WORK_DIR}"
    fi
}

# ---- one measured run ---------------------------------------------------------
# Usage: run_once TARGET PORT RUN_NO
# Prints the result line; returns non-zero when the run failed.
run_once() {
    local target="$1" port="$2" run_no="$3"
    local base expected t0 t_src_end="" t_deliv="" rc_file="${WORK_DIR}/source.rc"
    local end_file="${WORK_DIR}/source.end" count deadline t_now
    local load_before load_after idle_before
    local opts=(-s "${SESSIONS}" -m "${MESSAGES}" -l "${SIZE}" -r "${RCPTS}"
        -M bench-source.test -f "${SENDER}" -t "${RECIPIENT}")
    (( REUSE_CONN )) && opts+=(-d)

    rm -f "${rc_file}" "${end_file}"
    base="$(sink_count)"
    expected=$(( base + MESSAGES ))
    idle_before="$(cpu_idle_pct)"
    load_before="$(loadavg)"

    t0="$(now)"
    ( rc=0
      smtp-source "${opts[@]}" "${HOST}:${port}" >"${WORK_DIR}/source.log" 2>&1 || rc=$?
      now >"${end_file}"
      echo "${rc}" >"${rc_file}" ) &
    SRC_PID=$!

    deadline=$(( ${t0%.*} + TIMEOUT ))
    while :; do
        if [[ -z "${t_src_end}" && -s "${rc_file}" ]]; then
            t_src_end="$(cat "${end_file}")"
        fi
        count="$(sink_count)"
        if [[ -z "${t_deliv}" ]] && (( count >= expected )); then
            t_deliv="$(now)"
        fi
        [[ -n "${t_src_end}" && -n "${t_deliv}" ]] && break
        t_now="$(now)"
        (( ${t_now%.*} < deadline )) || break
        sleep "${POLL_INTERVAL}"
    done
    if [[ -z "${t_src_end}" ]]; then
        stop_source   # timed out
    fi
    wait "${SRC_PID}" 2>/dev/null || true
    SRC_PID=""
    load_after="$(loadavg)"

    local src_rc="timeout"
    [[ -s "${rc_file}" ]] && src_rc="$(cat "${rc_file}")"
    local delivered=$(( $(sink_count) - base ))

    local accepted_ps="NA" delivered_ps="NA" elapsed="NA" source_s="NA" status=ok
    if [[ "${src_rc}" == 0 ]]; then
        source_s="$(awk -v a="${t0}" -v b="${t_src_end}" 'BEGIN { printf "%.3f", b - a }')"
        accepted_ps="$(awk -v m="${MESSAGES}" -v s="${source_s}" 'BEGIN { printf "%.1f", m / s }')"
    else
        status="source_failed(rc=${src_rc})"
    fi
    if [[ -n "${t_deliv}" ]]; then
        elapsed="$(awk -v a="${t0}" -v b="${t_deliv}" 'BEGIN { printf "%.3f", b - a }')"
        delivered_ps="$(awk -v m="${MESSAGES}" -v s="${elapsed}" 'BEGIN { printf "%.1f", m / s }')"
    elif [[ "${status}" == ok ]]; then
        status="delivery_timeout"
    fi

    emit "target=${target} run=${run_no}/${REPEAT} sessions=${SESSIONS} messages=${MESSAGES}" \
        "size=${SIZE} rcpts=${RCPTS} reuse_conn=${REUSE_CONN}" \
        "accepted_per_s=${accepted_ps} delivered_per_s=${delivered_ps}" \
        "source_s=${source_s} elapsed_s=${elapsed} sink_received=${delivered}" \
        "status=${status} cpu_idle_before_pct=${idle_before}" \
        "load_before='${load_before}' load_after='${load_after}'"
    if [[ "${status}" != ok ]]; then
        log "  smtp-source output (last lines):"
        tail -n 5 "${WORK_DIR}/source.log" >&2 || true
        return 1
    fi
    echo "${accepted_ps} ${delivered_ps}" >>"${WORK_DIR}/samples.${target}"
}

# Sends WARMUP unmeasured messages and waits (bounded) until the sink saw them.
warm_up() {
    local port="$1" base tries
    (( WARMUP > 0 )) || return 0
    log "   warm-up: ${WARMUP} messages"
    base="$(sink_count)"
    smtp-source -s "${SESSIONS}" -m "${WARMUP}" -l "${SIZE}" -M bench-source.test \
        -f "${SENDER}" -t "${RECIPIENT}" "${HOST}:${port}" >"${WORK_DIR}/warmup.log" 2>&1 \
        || { log "   warm-up: smtp-source failed: $(tail -n 3 "${WORK_DIR}/warmup.log")"; return 1; }
    tries=$(( TIMEOUT * 10 ))
    while (( $(sink_count) < base + WARMUP )) && (( tries-- > 0 )); do
        sleep 0.1
    done
    (( $(sink_count) >= base + WARMUP )) || { log "   warm-up: sink did not receive all messages (does the relay deliver to ${HOST}:${SINK_PORT}?)"; return 1; }
}

# Prints "median min max" of the numbers on stdin.
stats() {
    sort -g | awk '{ v[NR] = $1 }
        END {
            if (NR == 0) { print "NA NA NA"; exit }
            med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.1f %.1f %.1f\n", med, v[1], v[NR]
        }'
}

summarize() {
    local target="$1"
    local samples="${WORK_DIR}/samples.${target}" acc del n
    [[ -s "${samples}" ]] || { emit "target=${target} summary: no successful run"; return; }
    n="$(wc -l <"${samples}")"
    read -r -a acc <<<"$(cut -d' ' -f1 "${samples}" | stats)"
    read -r -a del <<<"$(cut -d' ' -f2 "${samples}" | stats)"
    emit "target=${target} summary ok_runs=${n}/${REPEAT} sessions=${SESSIONS}" \
        "messages=${MESSAGES} size=${SIZE} rcpts=${RCPTS}" \
        "accepted_per_s median=${acc[0]} min=${acc[1]} max=${acc[2]}" \
        "delivered_per_s median=${del[0]} min=${del[1]} max=${del[2]}"
}

# Runs REPEAT measured runs against one target with a fresh sink.
bench_target() {
    local target="$1" port="$2" i failures=0
    log "== ${target} on ${HOST}:${port}, sink on ${HOST}:${SINK_PORT}"
    warm_up "${port}" || { emit "target=${target} warm-up failed, not measured"; return 1; }
    for (( i = 1; i <= REPEAT; i++ )); do
        run_once "${target}" "${port}" "${i}" || failures=$(( failures + 1 ))
    done
    summarize "${target}"
    return $(( failures > 0 ))
}

bench_postfix() {
    local rc=0
    start_sink
    start_postfix
    bench_target postfix "${POSTFIX_PORT}" || rc=1
    stop_postfix
    stop_sink
    return "${rc}"
}

bench_outpost() {
    if ! port_open "${OUTPOST_PORT}"; then
        emit "target=outpost skipped: nothing listens on ${HOST}:${OUTPOST_PORT}"
        log "Start Outpost in another terminal with its delivery pointed at the sink:"
        log "  OUTPOST_DELIVERY_TRANSPORT_MAP='*=${HOST}:${SINK_PORT}' \\"
        log "    mvn -pl server-config -am -DskipTests package liberty:run"
        log "then run: bench/run.sh --target outpost --outpost-port ${OUTPOST_PORT}"
        (( TARGET_EXPLICIT )) && [[ "${TARGET}" == outpost ]] && return 1
        return 0
    fi
    log "Outpost must be running with OUTPOST_DELIVERY_TRANSPORT_MAP='*=${HOST}:${SINK_PORT}'"
    local rc=0
    start_sink
    bench_target outpost "${OUTPOST_PORT}" || rc=1
    stop_sink
    return "${rc}"
}

main() {
    parse_args "$@"
    PATH="${PATH}:/usr/sbin:/sbin"
    ensure_tools

    WORK_DIR="$(mktemp -d /tmp/outpost-bench.XXXXXX)"
    trap cleanup EXIT
    trap 'exit 130' INT TERM

    mkdir -p "${RESULTS_DIR}"
    RESULT_FILE="${RESULTS_DIR}/$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
    emit "# outpost bench $(date -u +%Y-%m-%dT%H:%M:%SZ) host=$(hostname)" \
        "nproc=$(nproc) mem_kb=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)" \
        "load_avg='$(loadavg)' postfix=$(postconf -d -h mail_version 2>/dev/null || echo '?')"
    emit "# sink: OUTPOST_DELIVERY_TRANSPORT_MAP='*=${HOST}:${SINK_PORT}'"

    local rc=0
    if [[ "${TARGET}" == postfix || "${TARGET}" == both ]]; then
        bench_postfix || rc=1
    fi
    if [[ "${TARGET}" == outpost || "${TARGET}" == both ]]; then
        bench_outpost || rc=1
    fi
    emit "# done load_avg='$(loadavg)' results=${RESULT_FILE}"
    return "${rc}"
}

main "$@"
