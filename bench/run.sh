#!/usr/bin/env bash
# Outpost SMTP relay benchmark: compares Outpost (on its embedded H2 database
# and on PostgreSQL) with a private, throwaway Postfix instance, all relaying to
# a local smtp-sink. The script builds Outpost and starts and stops every
# server itself.
#
# Everything talks to 127.0.0.1 only. See bench/README.md.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "${SCRIPT_DIR}/.." && pwd)"
RESULTS_DIR="${SCRIPT_DIR}/results"
# The Liberty server the Maven build creates (liberty:create/deploy).
WLP_USER_DIR_BENCH="${REPO_DIR}/server-config/target/liberty-usr"
SERVER_NAME=outpost
SERVER_DIR="${WLP_USER_DIR_BENCH}/servers/${SERVER_NAME}"
MESSAGES_LOG="${SERVER_DIR}/logs/messages.log"
OUTPOST_START_TIMEOUT=180

# ---- defaults ---------------------------------------------------------------
SESSIONS=20
MESSAGES=5000
SIZE=2048
RCPTS=1
REPEAT=3
WARMUP=""     # default: 10,000 over SMTP, 100,000 over HTTP: what the JIT needs to settle on each path (bench/README.md)
TARGET=both
DB=both
BUILD=1
OUTPOST_PORT=2025
HTTP_PORT=2080
HTTPS_PORT=2443
PG_PORT=2543
SINK_PORT=2626
POSTFIX_PORT=2550
TIMEOUT=300
REUSE_CONN=0
DKIM=0
SENDER="bench@sender.test"
SENDER_DOMAIN="${SENDER#*@}"   # --dkim: the domain both relays sign for
DKIM_SELECTOR=bench            # --dkim: OpenDKIM's selector (Outpost picks its own)
HTTP=0                         # --http: send over the HTTP API
HTTP_KEY=""                    # --http: the bench tenant's API key, made after each start
BATCH=0                        # --batch B: with --http, B messages per POST /messages/batch
TRACKING=0                     # --tracking: with --http, also load the open and click endpoints
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
WLP_DIR=""            # <liberty install>/wlp, from server-config/pom.xml
OUTPOST_RUNNING=0
OUTPOST_DATA_DIR=""   # fresh H2 database directory of the current Outpost run
PG_DIR=""             # throwaway PostgreSQL cluster (data + socket)
PG_BIN=""
OPENDKIM_PID=""       # --dkim: private OpenDKIM milter of the Postfix target
OUTPOST_ADMIN_PASSWORD=""   # --dkim: random, to read Outpost's DKIM public key
DUMP_DIR=""           # --dkim: where the checking sink writes messages

usage() {
    cat <<EOF
Usage: bench/run.sh [options]

Measures accepted and end-to-end delivered messages per second of Outpost (on
the embedded H2 database and on PostgreSQL) and of a private Postfix instance,
all relaying to smtp-sink on 127.0.0.1. Builds Outpost, and starts and stops
Outpost, PostgreSQL, Postfix and the sink itself.

Options (defaults in brackets):
  -s, --sessions N      parallel SMTP sessions of smtp-source      [${SESSIONS}]
  -m, --messages M      total messages per run                     [${MESSAGES}]
  -l, --size S          message body size in bytes                 [${SIZE}]
  -r, --rcpts K         recipients per message                     [${RCPTS}]
  -R, --repeat R        runs per target (median/min/max reported)  [${REPEAT}]
  -w, --warmup W        unmeasured messages sent first to each target
                        (spawns server processes, warms JIT); 0 = none
                        [10000; with --http 100000]
      --target T        outpost | postfix | both                   [${TARGET}]
      --db D            Outpost database: h2 | postgresql | both   [${DB}]
      --no-build        do not run Maven; use the Liberty server already
                        assembled under server-config/target/liberty-usr
      --outpost-port P  Outpost SMTP port                          [${OUTPOST_PORT}]
      --http-port P     Outpost HTTP port (REST API, queue stats)  [${HTTP_PORT}]
      --https-port P    Outpost HTTPS port                         [${HTTPS_PORT}]
      --pg-port P       port of the throwaway PostgreSQL cluster   [${PG_PORT}]
      --postfix-port P  port of the private Postfix instance       [${POSTFIX_PORT}]
      --sink-port P     port of smtp-sink (relays deliver here)    [${SINK_PORT}]
      --timeout SEC     max wait for the sink to see all messages  [${TIMEOUT}]
      --reuse-conn      send all messages of a session over one connection
                        (smtp-source -d); default: one connection per message
      --http            send over Outpost's HTTP API instead of SMTP: -s
                        parallel clients POST -m messages in all, one message
                        per request, over keep-alive connections
                        (bench/http-source.py); Outpost only (Postfix has no
                        such API). Reports the requests' median and p95 latency
      --batch B         with --http: POST /messages/batch, B personalised
                        messages per request (-m counts messages)
      --tracking        with --http: after the runs, -s clients request a
                        tracked message's pixel and links -m times in all
                        (bench/tracking-hits.py); each hit is an event
      --dkim            relay DKIM-signed mail: Postfix signs with a private
                        OpenDKIM milter, Outpost signs at intake (sender domain
                        ${SENDER_DOMAIN} made a sending domain, no DNS check);
                        rsa-sha256 2048, relaxed/relaxed. Each target's
                        signature is checked on one extra message afterwards
  -h, --help            this help

Targets in the output: postfix, outpost-h2, outpost-postgresql (with --dkim:
postfix-opendkim, outpost-h2-dkim, outpost-postgresql-dkim).
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
            --target)        TARGET="${2:?}"; shift 2 ;;
            --db)            DB="${2:?}"; shift 2 ;;
            --no-build)      BUILD=0; shift ;;
            --outpost-port)  OUTPOST_PORT="${2:?}"; shift 2 ;;
            --http-port)     HTTP_PORT="${2:?}"; shift 2 ;;
            --https-port)    HTTPS_PORT="${2:?}"; shift 2 ;;
            --pg-port)       PG_PORT="${2:?}"; shift 2 ;;
            --postfix-port)  POSTFIX_PORT="${2:?}"; shift 2 ;;
            --sink-port)     SINK_PORT="${2:?}"; shift 2 ;;
            --timeout)       TIMEOUT="${2:?}"; shift 2 ;;
            --reuse-conn)    REUSE_CONN=1; shift ;;
            --dkim)          DKIM=1; shift ;;
            --http)          HTTP=1; TARGET=outpost; shift ;;
            --batch)         BATCH="${2:?}"; shift 2 ;;
            --tracking)      TRACKING=1; shift ;;
            -h|--help)       usage; exit 0 ;;
            *)               usage >&2; die "unknown option: $1" ;;
        esac
    done
    if [[ -z "${WARMUP}" ]]; then
        # Over HTTP the server runs far more of Liberty's code per message (web container, security, JAX-RS, CDI):
        # its one C2 compiler thread was still busy after 40,000 requests, and the rate rose run after run until
        # some 100,000 (bench/README.md, "Warm-up").
        if (( HTTP )); then WARMUP=100000; else WARMUP=10000; fi
    fi
    local name
    for name in SESSIONS MESSAGES SIZE RCPTS REPEAT WARMUP OUTPOST_PORT HTTP_PORT \
        HTTPS_PORT PG_PORT POSTFIX_PORT SINK_PORT TIMEOUT BATCH; do
        is_uint "${!name}" || die "${name} must be a non-negative integer, got '${!name}'"
    done
    for name in SESSIONS MESSAGES RCPTS REPEAT; do
        (( ${!name} > 0 )) || die "${name} must be > 0"
    done
    (( BATCH == 0 || HTTP )) || die "--batch needs --http"
    (( TRACKING == 0 || HTTP )) || die "--tracking needs --http"
    case "${TARGET}" in
        outpost|postfix|both) ;;
        *) die "--target must be outpost, postfix or both" ;;
    esac
    case "${DB}" in
        h2|postgresql|both) ;;
        *) die "--db must be h2, postgresql or both" ;;
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

# --dkim: OpenDKIM (milter for Postfix), opendkim-genkey, and dkimpy to check
# the signatures that arrive at the sink.
ensure_dkim_tools() {
    local missing=()
    command -v opendkim >/dev/null || missing+=(opendkim)
    command -v opendkim-genkey >/dev/null || missing+=(opendkim-tools)
    /usr/bin/python3 -c 'import dkim' 2>/dev/null || missing+=(python3-dkim)
    (( ${#missing[@]} == 0 )) && return 0
    [[ "$(id -u)" -eq 0 ]] || die "--dkim: ${missing[*]} missing and not root: install them yourself"
    log "--dkim: installing the Debian packages ${missing[*]}"
    env DEBIAN_FRONTEND=noninteractive apt-get update -q
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    command -v opendkim >/dev/null || die "opendkim still not found after install"
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
# Usage: start_sink [DUMP_DIR]  -- with DUMP_DIR, every message received is
# also written to a file there (smtp-sink -d; only for the --dkim check).
start_sink() {
    local dump=()
    port_open "${SINK_PORT}" && die "port ${SINK_PORT} already in use; pick another --sink-port"
    SINK_OUT="${WORK_DIR}/sink.out"
    : >"${SINK_OUT}"
    local user=()
    [[ "$(id -u)" -eq 0 ]] && user=(-u nobody)   # smtp-sink refuses to run as root
    if [[ -n "${1:-}" ]]; then
        [[ "$(id -u)" -eq 0 ]] && chown nobody "$1"
        dump=(-d "$1/%H%M%S.")
    fi
    smtp-sink "${user[@]}" "${dump[@]}" -c "${HOST}:${SINK_PORT}" 1024 >"${SINK_OUT}" 2>"${WORK_DIR}/sink.err" &
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
    if (( DKIM )); then
        # Every message passes the private OpenDKIM milter, which signs it;
        # if the milter fails, Postfix answers 4xx instead of relaying unsigned.
        cat >>"${etc}/main.cf" <<EOF
smtpd_milters = unix:${POSTFIX_DIR}/opendkim/opendkim.sock
non_smtpd_milters = \$smtpd_milters
milter_default_action = tempfail
milter_protocol = 6
EOF
    fi
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
    if (( DKIM )); then
        start_opendkim
    fi
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
        stop_opendkim
        rm -rf "${POSTFIX_DIR}"
        POSTFIX_DIR=""
    fi
}

# --dkim: a private OpenDKIM milter for the Postfix target, in
# POSTFIX_DIR/opendkim: a new rsa-sha256 2048-bit key (selector DKIM_SELECTOR,
# public half in DKIM_SELECTOR.txt, zone-file form), signing mail from
# SENDER_DOMAIN, relaxed/relaxed, on a Unix socket that Postfix's smtpd uses.
start_opendkim() {
    local dir="${POSTFIX_DIR}/opendkim" tries=100
    id opendkim >/dev/null 2>&1 || die "user 'opendkim' missing (is the opendkim package installed?)"
    mkdir -m 755 "${dir}"
    opendkim-genkey -b 2048 -h sha256 -d "${SENDER_DOMAIN}" -s "${DKIM_SELECTOR}" -D "${dir}" \
        || die "opendkim-genkey failed"
    chown -R opendkim: "${dir}"
    chmod 600 "${dir}/${DKIM_SELECTOR}.private"
    cat >"${dir}/opendkim.conf" <<EOF
# Private benchmark instance, generated by bench/run.sh.
Syslog                  no
Mode                    s
Domain                  ${SENDER_DOMAIN}
Selector                ${DKIM_SELECTOR}
KeyFile                 ${dir}/${DKIM_SELECTOR}.private
# The key is throwaway and lives under /tmp (world-writable), which OpenDKIM
# would otherwise refuse.
RequireSafeKeys         no
Canonicalization        relaxed/relaxed
SignatureAlgorithm      rsa-sha256
InternalHosts           127.0.0.1
Socket                  local:${dir}/opendkim.sock
UMask                   000
UserID                  opendkim
PidFile                 ${dir}/opendkim.pid
EOF
    opendkim -f -x "${dir}/opendkim.conf" >"${WORK_DIR}/opendkim.log" 2>&1 &
    OPENDKIM_PID=$!
    until [[ -S "${dir}/opendkim.sock" ]]; do
        if ! kill -0 "${OPENDKIM_PID}" 2>/dev/null || (( tries-- <= 0 )); then
            die "opendkim did not start: $(tail -n 5 "${WORK_DIR}/opendkim.log")"
        fi
        sleep 0.1
    done
    log "   OpenDKIM signing ${SENDER_DOMAIN} with selector ${DKIM_SELECTOR} (rsa-sha256 2048, relaxed/relaxed)"
}

stop_opendkim() {
    if [[ -n "${OPENDKIM_PID}" ]]; then
        kill "${OPENDKIM_PID}" 2>/dev/null || true
        wait "${OPENDKIM_PID}" 2>/dev/null || true
        OPENDKIM_PID=""
    fi
}

# ---- PostgreSQL (throwaway cluster) -----------------------------------------
# Finds initdb/pg_ctl/createdb: in PATH, else in Debian's versioned directory;
# installs Debian's postgresql package when neither has them.
find_pg_bin() {
    local dir
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null && command -v createdb >/dev/null; then
        PG_BIN="$(dirname "$(readlink -f "$(command -v initdb)")")"
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do   # glob sorts; the last is the newest
        [[ -x "${dir}/initdb" ]] && PG_BIN="${dir}"
    done
    [[ -n "${PG_BIN}" ]] && return 0
    [[ "$(id -u)" -eq 0 ]] || die "initdb not found and not root: install postgresql yourself"
    log "initdb missing: installing the Debian postgresql package"
    env DEBIAN_FRONTEND=noninteractive apt-get update -q
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "${dir}/initdb" ]] && PG_BIN="${dir}"
    done
    [[ -n "${PG_BIN}" ]] || die "initdb still not found after installing postgresql"
}

as_postgres() { runuser -u postgres -- "$@"; }

# A fresh cluster in a temp directory, on 127.0.0.1:PG_PORT, with PostgreSQL's
# default durability (fsync = on, synchronous_commit = on), and a database
# "outpost" owned by postgres.
start_pg() {
    [[ "$(id -u)" -eq 0 ]] || die "the throwaway PostgreSQL cluster must be started as root (runuser postgres)"
    id postgres >/dev/null 2>&1 || die "user 'postgres' missing (is the postgresql package installed?)"
    port_open "${PG_PORT}" && die "port ${PG_PORT} already in use; pick another --pg-port"
    PG_DIR="$(mktemp -d /tmp/outpost-bench-pg.XXXXXX)"
    chown postgres: "${PG_DIR}"
    chmod 700 "${PG_DIR}"
    log "   PostgreSQL: initdb in ${PG_DIR}/data (${PG_BIN})"
    as_postgres "${PG_BIN}/initdb" -D "${PG_DIR}/data" -A trust -U postgres -E UTF8 \
        >"${PG_DIR}/initdb.log" 2>&1 || die "initdb failed: $(tail -n 5 "${PG_DIR}/initdb.log")"
    as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DIR}/data" -l "${PG_DIR}/postgres.log" -w -t 60 \
        -o "-p ${PG_PORT} -k ${PG_DIR} -c listen_addresses=${HOST}" start >/dev/null \
        || die "PostgreSQL did not start: $(tail -n 5 "${PG_DIR}/postgres.log")"
    as_postgres "${PG_BIN}/createdb" -h "${HOST}" -p "${PG_PORT}" -U postgres -O postgres outpost \
        || die "createdb outpost failed"
}

stop_pg() {
    if [[ -n "${PG_DIR}" ]]; then
        if [[ -f "${PG_DIR}/data/postmaster.pid" ]]; then
            as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DIR}/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "${PG_DIR}"
        PG_DIR=""
    fi
}

# ---- Outpost (Liberty server) -------------------------------------------------
# The Liberty runtime lives in <assemblyInstallDirectory>/wlp; the pom sets it to
# ${user.home}/.outpost/liberty-${openliberty.version}.
find_wlp() {
    local version
    version="$(sed -n 's:.*<openliberty.version>\([^<]*\)</openliberty.version>.*:\1:p' \
        "${REPO_DIR}/pom.xml" | head -n 1)"
    [[ -n "${version}" ]] || die "cannot read openliberty.version from ${REPO_DIR}/pom.xml"
    WLP_DIR="${HOME}/.outpost/liberty-${version}/wlp"
}

# Builds the EAR and assembles the Liberty server (runtime download, server
# creation, app deployment), without running any test.
build_outpost() {
    if (( ! BUILD )); then
        [[ -f "${SERVER_DIR}/server.xml" && -x "${WLP_DIR}/bin/server" ]] \
            || die "--no-build, but no assembled server in ${SERVER_DIR} / runtime in ${WLP_DIR}"
        log "== --no-build: using ${SERVER_DIR}"
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
    log "== building Outpost (mvn package liberty:create liberty:deploy), log in ${WORK_DIR}/build.log"
    ( cd "${REPO_DIR}" && mvn -q -B -pl server-config -am -DskipTests -DskipITs \
        package liberty:create liberty:deploy ) >"${WORK_DIR}/build.log" 2>&1 \
        || die "build failed: $(tail -n 20 "${WORK_DIR}/build.log")"
    [[ -x "${WLP_DIR}/bin/server" ]] || die "no Liberty runtime in ${WLP_DIR} after the build"
}

liberty_server() {
    WLP_USER_DIR="${WLP_USER_DIR_BENCH}" "${WLP_DIR}/bin/server" "$@"
}

# Usage: start_outpost DB   (h2 | postgresql)
# Every setting goes in as an environment variable: Liberty resolves a
# server.xml variable such as outpost.delivery.transport-map from the
# environment variable of the same name, else with every non-alphanumeric
# character replaced by "_", else that upper-cased (OUTPOST_DELIVERY_TRANSPORT_MAP);
# this wins over the defaultValue in server.xml.
start_outpost() {
    local db="$1" port
    for port in "${OUTPOST_PORT}" "${HTTP_PORT}" "${HTTPS_PORT}"; do
        port_open "${port}" && die "port ${port} already in use (another Outpost running?)"
    done
    local env_vars=(
        # The production profile, delivering: a shell that exported the README's dev setting must not measure a
        # sandbox that keeps every message.
        OUTPOST_PROFILE=production
        OUTPOST_CAPTURE=none
        OUTPOST_HOSTNAME=outpost.bench
        OUTPOST_SMTP_ADDRESS="${HOST}"
        OUTPOST_SMTP_PORT="${OUTPOST_PORT}"
        OUTPOST_HTTP_ADDRESS="${HOST}"
        OUTPOST_HTTP_PORT="${HTTP_PORT}"
        OUTPOST_HTTPS_PORT="${HTTPS_PORT}"
        OUTPOST_SMTP_TRUSTED_NETWORKS="${HOST}/32"
        OUTPOST_DELIVERY_TRANSPORT_MAP="*=${HOST}:${SINK_PORT}"
        # Nothing may leave the machine: the domain checks and the blocklist watch ask a port where no DNS server
        # listens (their look-ups fail at once; neither is on a message's path, and the transport map needs no DNS).
        OUTPOST_DELIVERY_DNS_SERVERS="${HOST}:9"
    )
    case "${db}" in
        h2)
            # A fresh queue: a new database file in a temp directory.
            OUTPOST_DATA_DIR="$(mktemp -d /tmp/outpost-bench-h2.XXXXXX)"
            env_vars+=(OUTPOST_DB_KIND=h2
                "OUTPOST_DB_URL=jdbc:h2:${OUTPOST_DATA_DIR}/outpost;MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;${BENCH_H2_OPTIONS:-WRITE_DELAY=100;RETENTION_TIME=10000}")
            ;;
        postgresql)
            env_vars+=(OUTPOST_DB_KIND=postgresql
                "OUTPOST_DB_URL=jdbc:postgresql://${HOST}:${PG_PORT}/outpost"
                OUTPOST_DB_USER=postgres OUTPOST_DB_PASSWORD=postgres)
            ;;
    esac
    if (( DKIM || HTTP )); then
        # The sender's domain becomes a sending domain of tenant "bench", with
        # a new rsa-sha256 2048 key, active at once. The client is trusted by a
        # bare CIDR (the operator's own host), so its mail is signed as the
        # From: domain's sending domain. No DNS here: the key's record is never
        # verified, so signing must not wait for it (require-dkim=false) and
        # the unverified alignment is only noted (alignment=warn). The admin
        # account is there to read the public key for the signature check.
        OUTPOST_ADMIN_PASSWORD="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
        env_vars+=(OUTPOST_BOOTSTRAP_TENANT=bench
            OUTPOST_BOOTSTRAP_TENANT_DOMAINS="${SENDER_DOMAIN}"
            OUTPOST_DOMAINS_REQUIRE_DKIM=false
            OUTPOST_DOMAINS_ALIGNMENT=warn
            OUTPOST_BOOTSTRAP_ADMIN_PASSWORD="${OUTPOST_ADMIN_PASSWORD}")
    fi
    log "   starting Outpost (${db}): SMTP ${HOST}:${OUTPOST_PORT}, HTTP ${HOST}:${HTTP_PORT}"
    OUTPOST_RUNNING=1
    env "${env_vars[@]}" WLP_USER_DIR="${WLP_USER_DIR_BENCH}" \
        "${WLP_DIR}/bin/server" start "${SERVER_NAME}" >"${WORK_DIR}/outpost-start.log" 2>&1 \
        || { log "$(cat "${WORK_DIR}/outpost-start.log")"; return 1; }
    wait_outpost_ready
}

# Waits until the SMTP port accepts connections and the application has started
# (CWWKZ0001I in messages.log), then checks that Outpost listens where we told
# it to (the "SMTP listening on" line), i.e. that the variables took effect.
wait_outpost_ready() {
    local deadline=$(( SECONDS + OUTPOST_START_TIMEOUT )) listening
    until port_open "${OUTPOST_PORT}" && grep -q CWWKZ0001I "${MESSAGES_LOG}" 2>/dev/null; do
        if grep -qE 'CWWKZ0002E|CWWKZ0004E' "${MESSAGES_LOG}" 2>/dev/null; then
            log "   Outpost application failed to start:"
            grep -E ' E |CWWKZ000[24]E' "${MESSAGES_LOG}" | tail -n 5 >&2 || true
            return 1
        fi
        if (( SECONDS >= deadline )); then
            log "   Outpost not ready after ${OUTPOST_START_TIMEOUT} s; last lines of ${MESSAGES_LOG}:"
            tail -n 10 "${MESSAGES_LOG}" >&2 || true
            return 1
        fi
        sleep 0.5
    done
    listening="$(grep -o 'SMTP listening on .*' "${MESSAGES_LOG}" | tail -n 1)"
    log "   Outpost ready: ${listening:-no 'SMTP listening on' line}"
    [[ "${listening}" == *":${OUTPOST_PORT}"* ]] \
        || log "   warning: expected SMTP on port ${OUTPOST_PORT} in messages.log"
}

# Methods the running Outpost server's JIT has compiled so far (HotSpot's
# sun.ci.totalCompiles counter, read with jcmd); NA for Postfix or if unknown. The
# difference over a run says whether the compiler was still busy during it.
outpost_jit_compiles() {
    local pid_file="${WLP_USER_DIR_BENCH}/servers/.pid/${SERVER_NAME}.pid"
    (( OUTPOST_RUNNING )) && [[ -f "${pid_file}" ]] || { echo NA; return; }
    jcmd "$(cat "${pid_file}")" PerfCounter.print 2>/dev/null \
        | awk -F= '$1 == "sun.ci.totalCompiles" { print $2; found = 1 } END { if (!found) print "NA" }'
}

# When the sink falls short (warm-up or a run), keeps what the running Outpost
# server is doing next to the results: its threads (jcmd Thread.print) and its
# queue counts, so that a stall can be understood after the server has stopped.
outpost_stall_evidence() {
    local why="$1" pid_file="${WLP_USER_DIR_BENCH}/servers/.pid/${SERVER_NAME}.pid" out
    (( OUTPOST_RUNNING )) && [[ -f "${pid_file}" ]] || return 0
    out="${RESULT_FILE%.txt}-stall-${why}.txt"
    {
        echo "# queue stats: $(curl -s --max-time 5 "http://${HOST}:${HTTP_PORT}/api/v1/queue/stats" || true)"
        jcmd "$(cat "${pid_file}")" Thread.print 2>&1
    } >"${out}"
    log "   the sink fell short: Outpost's threads and queue counts kept in ${out}"
}

# Peak resident memory of the running Outpost server since it started (the
# kernel's VmHWM), in MiB; NA for Postfix (many short processes) or if unknown.
outpost_peak_rss_mb() {
    local pid_file="${WLP_USER_DIR_BENCH}/servers/.pid/${SERVER_NAME}.pid" pid
    (( OUTPOST_RUNNING )) && [[ -f "${pid_file}" ]] || { echo NA; return; }
    pid="$(cat "${pid_file}")"
    [[ -r "/proc/${pid}/status" ]] || { echo NA; return; }
    awk '/^VmHWM:/ { printf "%.0f", $2 / 1024; found = 1 } END { if (!found) printf "NA" }' "/proc/${pid}/status"
}

# Stops Outpost and keeps its messages.log next to the results.
stop_outpost() {
    local label="${1:-}"
    if (( OUTPOST_RUNNING )); then
        liberty_server stop "${SERVER_NAME}" >"${WORK_DIR}/outpost-stop.log" 2>&1 \
            || log "   server stop ${SERVER_NAME} failed: $(tail -n 3 "${WORK_DIR}/outpost-stop.log")"
        OUTPOST_RUNNING=0
        if [[ -n "${label}" && -n "${RESULT_FILE}" && -f "${MESSAGES_LOG}" ]]; then
            cp "${MESSAGES_LOG}" "${RESULT_FILE%.txt}-${label}-messages.log"
        fi
    fi
    if [[ -n "${OUTPOST_DATA_DIR}" ]]; then
        rm -rf "${OUTPOST_DATA_DIR}"
        OUTPOST_DATA_DIR=""
    fi
}

# Prints the queue counts per recipient state after a target's runs, waiting
# (up to 30 s) until DELIVERED reaches what was sent: the sink's 250 comes
# before Outpost records the delivery.
report_queue_stats() {
    local target="$1" expected stats delivered tries=60
    expected=$(( (WARMUP + REPEAT * MESSAGES) * RCPTS ))
    while :; do
        stats="$(curl -s --max-time 5 "http://${HOST}:${HTTP_PORT}/api/v1/queue/stats" || true)"
        delivered="$(grep -oE '"DELIVERED" *: *[0-9]+' <<<"${stats}" | tr -dc '0-9' || true)"
        (( ${delivered:-0} >= expected )) && break
        (( tries-- > 0 )) || break
        sleep 0.5
    done
    emit "target=${target} queue_stats expected_delivered=${expected} ${stats:-unavailable}"
    if [[ -n "${OUTPOST_DATA_DIR}" ]]; then
        # The embedded database's file after the load: it must not grow with every commit (docs/configuration.md).
        emit "target=${target} h2_file_mb=$(( $(du -sk "${OUTPOST_DATA_DIR}" | cut -f1) / 1024 ))"
    fi
}

# --dkim: after a target's measured runs, swaps the counting sink for one that
# dumps every message to a file (smtp-sink -d), sends one more message through
# the relay and checks its DKIM-Signature with dkimpy against the signer's
# public key (KEY_FILE: OpenDKIM's zone-file record, or Outpost's domain JSON
# from the admin API); the public key stands in for DNS. Emits one
# "dkim_check" line; returns non-zero unless the signature verified.
# Usage: check_signature TARGET PORT KEY_FILE
check_signature() {
    local target="$1" port="$2" key_file="$3" tries file result
    stop_sink
    # Not under WORK_DIR (mode 700): smtp-sink writes as nobody.
    [[ -n "${DUMP_DIR}" ]] && rm -rf "${DUMP_DIR}"
    DUMP_DIR="$(mktemp -d /tmp/outpost-bench-dump.XXXXXX)"
    chmod 755 "${DUMP_DIR}"
    start_sink "${DUMP_DIR}"
    smtp-source -m 1 -l "${SIZE}" -M bench-source.test -f "${SENDER}" -t "${RECIPIENT}" \
        "${HOST}:${port}" >"${WORK_DIR}/check.log" 2>&1 \
        || { emit "target=${target} dkim_check send_failed $(tail -n 1 "${WORK_DIR}/check.log")"; return 1; }
    tries=600   # up to 60 s
    file=""
    while [[ -z "${file}" ]] && (( tries-- > 0 )); do
        sleep 0.1
        # smtp-sink writes the file when the transaction ends; take it once the sink counted it.
        (( $(sink_count) >= 1 )) && file="$(find "${DUMP_DIR}" -type f | head -n 1)"
    done
    if [[ -z "${file}" ]]; then
        emit "target=${target} dkim_check no_message_at_sink_within_60s"
        return 1
    fi
    [[ -n "${RESULT_FILE}" ]] && cp "${file}" "${RESULT_FILE%.txt}-${target}-signed.eml"
    result="$(/usr/bin/python3 - "${file}" "${key_file}" <<'PY' 2>&1
import base64, json, re, sys
import dkim
from dkim.crypto import parse_public_key

msg_path, key_path = sys.argv[1], sys.argv[2]
raw = open(msg_path, "rb").read()
# smtp-sink dumps with bare LF; DKIM is computed over CRLF lines. The headers
# smtp-sink adds on top (X-Client-Addr, Received, ...) are not signed.
raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
head = raw.split(b"\r\n\r\n", 1)[0]
unfolded = re.sub(rb"\r\n[ \t]+", b" ", head).split(b"\r\n")
sigs = [h for h in unfolded if h.lower().startswith(b"dkim-signature:")]

def quoted(value):
    parts = re.findall(r'"([^"]*)"', value)
    return "".join(parts) if parts else value

text = open(key_path).read()
records = {}   # DNS name (or "") -> TXT value
if text.lstrip().startswith(("{", "[")):
    def walk(node):
        if isinstance(node, dict):
            strings = [v for v in node.values() if isinstance(v, str)]
            for v in strings:
                if "v=DKIM1" in v:
                    name = next((x for x in strings if "._domainkey." in x and "v=DKIM1" not in x), "")
                    records[name.rstrip(".").lower()] = quoted(v)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(json.loads(text))
else:
    records[""] = quoted(text)

def dnsfunc(name, timeout=5):
    key = name.decode() if isinstance(name, bytes) else name
    key = key.rstrip(".").lower()
    value = records.get(key) or (records.get("") if "" in records else None)
    if value is None and len(records) == 1:
        value = next(iter(records.values()))
    return value.encode() if value else None

tags = {}
if sigs:
    body = sigs[0].split(b":", 1)[1].decode()
    for part in body.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            tags[k.strip()] = re.sub(r"\s+", "", v)
bits = "?"
try:
    txt = dnsfunc(("%s._domainkey.%s." % (tags.get("s"), tags.get("d"))).encode()).decode()
    p = re.search(r"p=([A-Za-z0-9+/=\s]+)", txt).group(1)
    bits = parse_public_key(base64.b64decode(re.sub(r"\s+", "", p)))["modulus"].bit_length()
except Exception:
    pass
ok = bool(sigs) and dkim.verify(raw, dnsfunc=dnsfunc)
print("signatures=%d d=%s s=%s a=%s c=%s key_bits=%s verify=%s" % (
    len(sigs), tags.get("d", "-"), tags.get("s", "-"), tags.get("a", "-"), tags.get("c", "-"), bits,
    "pass" if ok else "fail"))
sys.exit(0 if ok else 1)
PY
)" && { emit "target=${target} dkim_check ${result}"; return 0; }
    emit "target=${target} dkim_check ${result//$'\n'/ }"
    return 1
}

# Outpost's sending domain SENDER_DOMAIN as JSON (its DKIM records), from the
# admin API, into FILE. Usage: fetch_outpost_domain FILE
fetch_outpost_domain() {
    curl -s --fail --max-time 10 -u "admin:${OUTPOST_ADMIN_PASSWORD}" \
        "http://${HOST}:${HTTP_PORT}/api/v1/admin/tenants/bench/domains/${SENDER_DOMAIN}" >"$1"
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
    stop_outpost
    stop_pg
    stop_postfix
    if [[ -n "${DUMP_DIR}" ]]; then
        rm -rf "${DUMP_DIR}"
    fi
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
    local load_before load_after idle_before compiles_before compiles_after
    local opts=(-s "${SESSIONS}" -m "${MESSAGES}" -l "${SIZE}" -r "${RCPTS}"
        -M bench-source.test -f "${SENDER}" -t "${RECIPIENT}")
    (( REUSE_CONN )) && opts+=(-d)

    rm -f "${rc_file}" "${end_file}"
    base="$(sink_count)"
    expected=$(( base + MESSAGES ))
    idle_before="$(cpu_idle_pct)"
    load_before="$(loadavg)"
    compiles_before="$(outpost_jit_compiles)"

    t0="$(now)"
    ( rc=0
      if (( HTTP )); then
          http_source "${MESSAGES}" >"${WORK_DIR}/source.log" 2>&1 || rc=$?
      else
          smtp-source "${opts[@]}" "${HOST}:${port}" >"${WORK_DIR}/source.log" 2>&1 || rc=$?
      fi
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
    compiles_after="$(outpost_jit_compiles)"

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
        outpost_stall_evidence "run${run_no}"
    fi

    emit "target=${target} run=${run_no}/${REPEAT} sessions=${SESSIONS} messages=${MESSAGES}" \
        "size=${SIZE} rcpts=${RCPTS} reuse_conn=${REUSE_CONN}" \
        "accepted_per_s=${accepted_ps} delivered_per_s=${delivered_ps}" \
        "source_s=${source_s} elapsed_s=${elapsed} sink_received=${delivered}" \
        "status=${status} cpu_idle_before_pct=${idle_before}" \
        "load_before='${load_before}' load_after='${load_after}'" \
        "server_peak_rss_mb=$(outpost_peak_rss_mb)" \
        "jit_compiles=$( [[ "${compiles_before}" == NA || "${compiles_after}" == NA ]] && echo NA \
            || echo $(( compiles_after - compiles_before )) )" \
        "$( (( HTTP )) && grep -o 'latency_ms.*' "${WORK_DIR}/source.log" | tr ' ' '_' )"
    if [[ "${status}" != ok ]]; then
        log "  smtp-source output (last lines):"
        tail -n 5 "${WORK_DIR}/source.log" >&2 || true
        return 1
    fi
    echo "${accepted_ps} ${delivered_ps}" >>"${WORK_DIR}/samples.${target}"
}

# --http: COUNT messages over the HTTP API, SESSIONS clients at once.
http_source() {
    python3 "${REPO_DIR}/bench/http-source.py" --host "${HOST}" --port "${HTTP_PORT}" --key "${HTTP_KEY}" \
        --sessions "${SESSIONS}" --messages "$1" --size "${SIZE}" --sender "${SENDER}" --recipient "${RECIPIENT}" \
        --batch "${BATCH}"
}

# --http: an API key of tenant "bench", made through the admin API.
make_http_key() {
    HTTP_KEY="$(curl -s --fail --max-time 10 -u "admin:${OUTPOST_ADMIN_PASSWORD}" -H 'Content-Type: application/json' \
        -X POST -d '{}' "http://${HOST}:${HTTP_PORT}/api/v1/admin/tenants/bench/api-keys" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')"
    [[ -n "${HTTP_KEY}" ]]
}

# Sends WARMUP unmeasured messages and waits (bounded) until the sink saw them.
warm_up() {
    local port="$1" base tries
    (( WARMUP > 0 )) || return 0
    log "   warm-up: ${WARMUP} messages"
    base="$(sink_count)"
    if (( HTTP )); then
        http_source "${WARMUP}" >"${WORK_DIR}/warmup.log" 2>&1 \
            || { log "   warm-up: http-source failed: $(tail -n 3 "${WORK_DIR}/warmup.log")"; return 1; }
    else
        smtp-source -s "${SESSIONS}" -m "${WARMUP}" -l "${SIZE}" -M bench-source.test \
            -f "${SENDER}" -t "${RECIPIENT}" "${HOST}:${port}" >"${WORK_DIR}/warmup.log" 2>&1 \
            || { log "   warm-up: smtp-source failed: $(tail -n 3 "${WORK_DIR}/warmup.log")"; return 1; }
    fi
    tries=$(( TIMEOUT * 10 ))
    while (( $(sink_count) < base + WARMUP )) && (( tries-- > 0 )); do
        sleep 0.1
    done
    (( $(sink_count) >= base + WARMUP )) || {
        log "   warm-up: sink did not receive all messages (does the relay deliver to ${HOST}:${SINK_PORT}?)"
        outpost_stall_evidence warmup
        return 1
    }
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
    local rc=0 target=postfix
    (( DKIM )) && target=postfix-opendkim
    start_sink
    start_postfix
    bench_target "${target}" "${POSTFIX_PORT}" || rc=1
    if (( DKIM )); then
        check_signature "${target}" "${POSTFIX_PORT}" \
            "${POSTFIX_DIR}/opendkim/${DKIM_SELECTOR}.txt" || rc=1
    fi
    stop_postfix
    stop_sink
    return "${rc}"
}

# Usage: bench_outpost DB  -- starts a fresh Outpost on DB (and, for
# postgresql, a fresh cluster), measures it as target outpost-DB, stops it.
bench_outpost() {
    local db="$1" target="outpost-$1" rc=0
    (( DKIM )) && target="outpost-$1-dkim"
    log "== ${target}"
    start_sink
    if [[ "${db}" == postgresql ]]; then
        start_pg
    fi
    (( HTTP )) && target="${target}-http"
    (( BATCH )) && target="${target}-batch${BATCH}"
    if start_outpost "${db}" && { (( ! HTTP )) || make_http_key; }; then
        bench_target "${target}" "${OUTPOST_PORT}" || rc=1
        report_queue_stats "${target}"
        if (( TRACKING )); then
            local hits
            if hits="$(python3 "${REPO_DIR}/bench/tracking-hits.py" --host "${HOST}" --port "${HTTP_PORT}" \
                    --key "${HTTP_KEY}" --sessions "${SESSIONS}" --requests "${MESSAGES}" --sender "${SENDER}" \
                    --recipient "${RECIPIENT}" 2>&1)"; then
                emit "target=${target} ${hits}"
            else
                emit "target=${target} tracking failed: ${hits}"
                rc=1
            fi
        fi
        if (( DKIM )); then
            grep -o 'tenant bench created with sending domains.*' "${MESSAGES_LOG}" | head -n 1 >&2 || true
            if fetch_outpost_domain "${WORK_DIR}/outpost-domain.json"; then
                check_signature "${target}" "${OUTPOST_PORT}" "${WORK_DIR}/outpost-domain.json" || rc=1
            else
                emit "target=${target} dkim_check cannot read the domain's key from the admin API"
                rc=1
            fi
        fi
    else
        emit "target=${target} Outpost did not start, not measured (see ${MESSAGES_LOG})"
        rc=1
    fi
    stop_outpost "${target}"
    stop_pg
    stop_sink
    return "${rc}"
}

outpost_dbs() {
    case "${DB}" in
        both) echo h2 postgresql ;;
        *)    echo "${DB}" ;;
    esac
}

main() {
    parse_args "$@"
    PATH="${PATH}:/usr/sbin:/sbin"
    local want_outpost=0 want_postfix=0 db dbs=()
    [[ "${TARGET}" == outpost || "${TARGET}" == both ]] && want_outpost=1
    [[ "${TARGET}" == postfix || "${TARGET}" == both ]] && want_postfix=1
    read -r -a dbs <<<"$(outpost_dbs)"

    ensure_tools
    if (( DKIM )); then
        ensure_dkim_tools
    fi
    if (( want_outpost )); then
        command -v curl >/dev/null || die "curl not found (apt-get install curl)"
        find_wlp
        if [[ " ${dbs[*]} " == *" postgresql "* ]]; then
            find_pg_bin
        fi
    fi

    WORK_DIR="$(mktemp -d /tmp/outpost-bench.XXXXXX)"
    trap cleanup EXIT
    trap 'exit 130' INT TERM

    if (( want_outpost )); then
        build_outpost
    fi

    mkdir -p "${RESULTS_DIR}"
    local dkim_info=()
    if (( DKIM )); then
        dkim_info=("dkim=rsa-sha256/2048/relaxed signing_domain=${SENDER_DOMAIN}"
            "opendkim=$(opendkim -V 2>/dev/null | awk 'NR == 1 { print $NF }')")
    fi
    RESULT_FILE="${RESULTS_DIR}/$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
    emit "# outpost bench $(date -u +%Y-%m-%dT%H:%M:%SZ) host=$(hostname)" \
        "nproc=$(nproc) mem_kb=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)" \
        "load_avg='$(loadavg)' tmp_fs=$(stat -f -c %T /tmp)" \
        "postfix=$(postconf -d -h mail_version 2>/dev/null || echo '?')" \
        "postgresql=$([[ -n "${PG_BIN}" ]] && "${PG_BIN}/postgres" --version | awk '{ print $3 }' || echo '-')" \
        "git=$(git -C "${REPO_DIR}" rev-parse --short HEAD 2>/dev/null || echo '?')" \
        "${dkim_info[@]}"

    local rc=0
    if (( want_postfix )); then
        bench_postfix || rc=1
    fi
    if (( want_outpost )); then
        for db in "${dbs[@]}"; do
            bench_outpost "${db}" || rc=1
        done
    fi
    emit "# done load_avg='$(loadavg)' results=${RESULT_FILE}"
    return "${rc}"
}

main "$@"
