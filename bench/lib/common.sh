# shellcheck shell=bash
# Shared by the end-to-end benchmarks in bench/: tools, the processes they start
# (stopped on exit), free loopback ports, the nginx origin, Gatehouse start-up and
# warm-up, per-core CPU accounting from /proc, wrk rounds and their medians.
#
# Source it from a script that sets BENCH_NAME (log prefix) and these knobs:
# START_TIMEOUT, IDLE_PCT, IDLE_TIMEOUT, MIN_OWN_PCT, CONNECTIONS, THREADS, ROUNDS.
# Servers under test run on PROXY_CORE; the origin and wrk on LOAD_CORE.

BENCH_LIB_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$BENCH_LIB_DIR/../.." && pwd -P)
PROXY_CORE=0
LOAD_CORE=1

log() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- tools
ensure_tools() {
    local missing=()
    command -v nginx >/dev/null 2>&1 || missing+=(nginx)
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
    ((${#missing[@]} == 0)) && return 0
    [[ $EUID -eq 0 ]] || die "missing ${missing[*]}; install them or run as root"
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get"
    log "installing ${missing[*]}"
    if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
        apt-get update -qq
    fi
    # Keep the package's postinst from starting a system nginx service.
    local made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    local rc=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || rc=$?
    ((made_policy)) && rm -f /usr/sbin/policy-rc.d
    ((rc == 0)) || die "apt-get install ${missing[*]} failed"
}

# Checks the machine and tools, then makes the temp dir (removed at exit) and the origin body.
bench_init() {
    [[ $(nproc) -ge 2 ]] || die "needs at least 2 CPU cores (proxy on core $PROXY_CORE, load on core $LOAD_CORE)"
    [[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
    ensure_tools
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/$BENCH_NAME.XXXXXX")
    chmod 711 "$TMP" # nginx workers may run as an unprivileged user
    CLK_TCK=$(getconf CLK_TCK)
    ORIGIN_BODY=$(printf 'x%.0s' {1..63}) # 63 bytes + newline = 64-byte body
    ORIGIN_BODY+='\n'
}

# ---------------------------------------------------------------- processes
STARTED_PIDS=()
WRK_PID=
TMP=

stop_pid() {
    local pid=$1 i children
    kill -0 "$pid" 2>/dev/null || return 0
    children=$(pgrep -P "$pid" 2>/dev/null || true)
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    # Children of a killed process (e.g. nginx workers) would otherwise linger.
    for c in $children; do
        kill -KILL "$c" 2>/dev/null || true
    done
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n $WRK_PID ]] && stop_pid "$WRK_PID"
    local i
    for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
        stop_pid "${STARTED_PIDS[i]}"
    done
    [[ -n $TMP && -d $TMP ]] && rm -rf -- "$TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# free_port VAR: sets VAR to a loopback port no socket uses and that we have not handed out yet.
# (It assigns rather than prints: in a $(...) subshell the ports handed out would be forgotten.)
# Ports come from below the kernel's ephemeral range, which outgoing connections (wrk's, the
# proxies', other programs') draw from: binding a listener to one of those fails with EADDRINUSE.
USED_PORTS=" "
free_port() {
    local p i low=32768 span
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    span=$((low > 12000 ? low - 10000 : 10000))
    for ((i = 0; i < 200; i++)); do
        p=$((10000 + RANDOM % span))
        [[ $USED_PORTS == *" $p "* ]] && continue
        port_in_use "$p" && continue
        USED_PORTS+="$p "
        printf -v "$1" '%s' "$p"
        return 0
    done
    die "no free loopback port found"
}

# Whether any TCP socket (listening, connected or in TIME_WAIT) has PORT as its local port.
port_in_use() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v h=":$hex" 'FNR > 1 && substr($2, length($2) - 4) == h { found = 1; exit } END { exit !found }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

http_answers() { curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$1/" 2>/dev/null; }

# await_ready NAME PID PORT [LOG] [PROBE]: 0 once PROBE PORT succeeds (default: an HTTP GET /),
# 1 if the process exited, 2 after START_TIMEOUT; on failure shows the end of LOG.
await_ready() {
    local name=$1 pid=$2 port=$3 logf=${4:-} probe=${5:-http_answers} deadline=$((SECONDS + START_TIMEOUT)) rc=2
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            rc=1
            break
        fi
        if "$probe" "$port"; then
            log "$name is up on 127.0.0.1:$port (pid $pid)"
            return 0
        fi
        sleep 0.2
    done
    [[ -n $logf ]] && tail -n 30 "$logf" >&2
    return "$rc"
}

wait_ready() { # NAME PID PORT [LOG] [PROBE]
    local rc=0
    await_ready "$@" || rc=$?
    ((rc == 0)) && return 0
    ((rc == 1)) && die "$1 (pid $2) exited during start-up"
    die "$1 did not answer on 127.0.0.1:$3 within ${START_TIMEOUT}s"
}

# ---------------------------------------------------------------- nginx
# nginx_conf DIR PORT KIND -> an nginx.conf in DIR (the origin when KIND is
# "origin", else a reverse proxy to ORIGIN_PORT)
nginx_conf() {
    local dir=$1 port=$2 kind=$3 server
    mkdir -p "$dir/logs" "$dir/tmp"
    if [[ $kind == origin ]]; then
        server="
        location / {
            default_type text/plain;
            return 200 '$ORIGIN_BODY';
        }"
    else
        server="
        location / {
            proxy_pass http://origin;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
        }"
    fi
    cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp/client_body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    upstream origin {
        server 127.0.0.1:$ORIGIN_PORT;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$port;$server
    }
}
EOF
}

start_nginx() { # name dir core -> sets LAST_PID
    local name=$1 dir=$2 core=$3
    taskset -c "$core" nginx -p "$dir/" -e "$dir/logs/error.log" -c "$dir/nginx.conf" \
        >"$dir/logs/stdout.log" 2>&1 &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    log "started $name (pid $LAST_PID) on core $core"
}

# The nginx origin on ORIGIN_PORT, pinned to the load core; sets ORIGIN_PID.
start_origin() {
    nginx_conf "$TMP/origin" "$ORIGIN_PORT" origin
    start_nginx origin "$TMP/origin" "$LOAD_CORE"
    ORIGIN_PID=$LAST_PID
    wait_ready origin "$ORIGIN_PID" "$ORIGIN_PORT" "$TMP/origin/logs/error.log"
    local body_len
    body_len=$(curl -fsS "http://127.0.0.1:$ORIGIN_PORT/" | wc -c)
    ((body_len == 64)) || die "origin body is $body_len bytes, expected 64"
}

# ---------------------------------------------------------------- gatehouse
# start_gatehouse NAME COMMAND LOG: runs COMMAND with bash from the repository root,
# pinned to the proxy core, in the foreground; sets LAST_PID.
start_gatehouse() {
    local name=$1 cmd=$2 logf=$3
    (cd "$REPO_ROOT" && exec taskset -c "$PROXY_CORE" bash -c "exec $cmd") >"$logf" 2>&1 &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    log "started $name (pid $LAST_PID) on core $PROXY_CORE"
}

check_body() { # NAME PORT: the origin's 64-byte body arrives whole through the proxy
    local len
    len=$(curl -fsS "http://127.0.0.1:$2/" | wc -c)
    ((len == 64)) || die "$1 returned $len bytes, expected 64"
}

# warm_up NAME PORT SECONDS: load in 10 s slices, each a fresh wrk with new connections. A measured round opens
# and closes CONNECTIONS connections, and a single long warm-up would leave those paths uncompiled, so the JIT
# would deoptimise and recompile during the first rounds and show up in their tail latency.
warm_up() {
    local name=$1 port=$2 seconds=$3 left
    ((seconds > 0)) || return 0
    log "warming up $name for ${seconds}s in 10s slices"
    for ((left = seconds; left > 0; left -= 10)); do
        run_wrk "$port" "$((left < 10 ? left : 10))s" "$TMP/warmup-$name.txt"
    done
}

# ---------------------------------------------------------------- /proc
# Busy and total jiffies of one core: "busy total".
cpu_jiffies() {
    awk -v c="cpu$1" '$1 == c { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}

BUSY_STARTS=0
wait_core_idle() {
    local core=$1 deadline=$((SECONDS + IDLE_TIMEOUT)) b0 t0 b1 t1 pct
    while :; do
        read -r b0 t0 < <(cpu_jiffies "$core")
        sleep 1
        read -r b1 t1 < <(cpu_jiffies "$core")
        pct=$(((b1 - b0) * 100 / (t1 - t0 > 0 ? t1 - t0 : 1)))
        ((pct < IDLE_PCT)) && return 0
        if ((SECONDS >= deadline)); then
            log "warning: core $core still ${pct}% busy after ${IDLE_TIMEOUT}s; measuring anyway"
            BUSY_STARTS=$((BUSY_STARTS + 1))
            return 0
        fi
    done
}

# CPU jiffies (user + system) used so far by a process plus its children.
proc_jiffies() {
    local pid=$1 total=0 p v
    for p in "$pid" $(pgrep -P "$pid" 2>/dev/null || true); do
        v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }' || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# Peak RSS in KiB of a process plus its children (nginx master + worker).
peak_rss_kib() {
    local pid=$1 total=0 p v
    for p in "$pid" $(pgrep -P "$pid" 2>/dev/null || true); do
        v=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$p/status" 2>/dev/null || true)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

# ---------------------------------------------------------------- wrk
# run_wrk PORT DURATION OUTFILE (wrk on the load core, interruptible)
run_wrk() {
    local port=$1 dur=$2 out=$3
    taskset -c "$LOAD_CORE" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
        "http://127.0.0.1:$port/" >"$out" 2>&1 &
    WRK_PID=$!
    local rc=0
    wait "$WRK_PID" || rc=$?
    WRK_PID=
    ((rc == 0)) || { cat "$out" >&2; die "wrk failed (exit $rc)"; }
}

# Prints "reqs_per_s p50_ms p99_ms requests errors" from a wrk --latency report.
parse_wrk() {
    awk '
        function ms(v) {
            if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
            if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
            if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
            if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
            return v + 0
        }
        $1 == "Requests/sec:"                  { rps = $2 }
        $1 == "50%" && p50 == ""               { p50 = ms($2) }
        $1 == "99%" && p99 == ""               { p99 = ms($2) }
        $2 == "requests" && $3 == "in"         { reqs = $1 }
        /Socket errors:/ {
            gsub(/,/, ""); errs += $4 + $6 + $8 + $10
        }
        /Non-2xx or 3xx responses:/            { errs += $NF }
        END {
            if (rps == "" || p50 == "" || p99 == "" || reqs == "") exit 1
            printf "%s %.3f %.3f %d %d\n", rps, p50, p99, reqs, errs
        }' "$1"
}

median() { # numbers as arguments
    printf '%s\n' "$@" | sort -g | awk '
        { v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ---------------------------------------------------------------- rounds
# Per contender, keyed by name: PORT and PID (set by the script); space-separated per-round
# values RPS, P50, P99, CPU (core-0 us/req), PROC (us/req of the process itself), OWN (share of
# core-0 busy time in the process); peak RSS in KiB and errors summed over rounds.
declare -A PORT PID RPS P50 P99 CPU PROC OWN RSS ERRS
CONTENDED=0

# await_round NAME: the contender is alive and the proxy core idle.
await_round() {
    kill -0 "${PID[$1]}" 2>/dev/null || die "$1 (pid ${PID[$1]}) died"
    wait_core_idle "$PROXY_CORE"
}

# measure_round NAME ROUND: one wrk run against NAME, appended to its per-round values;
# sets ROUND_REQS to the requests wrk completed.
measure_round() {
    local name=$1 r=$2 out=$TMP/round-$2-$1.txt b0 b1 p0 p1 rps p50 p99 reqs errs cpu own rss
    read -r b0 _ < <(cpu_jiffies "$PROXY_CORE")
    p0=$(proc_jiffies "${PID[$name]}")
    run_wrk "${PORT[$name]}" "$DURATION" "$out"
    read -r b1 _ < <(cpu_jiffies "$PROXY_CORE")
    p1=$(proc_jiffies "${PID[$name]}")
    read -r rps p50 p99 reqs errs < <(parse_wrk "$out") || die "cannot parse wrk output $out"
    ((reqs > 0)) || die "$name completed no requests in round $r"
    cpu=$(awk -v j=$((b1 - b0)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.2f", j * 1e6 / hz / n }')
    PROC[$name]+=" $(awk -v j=$((p1 - p0)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.2f", j * 1e6 / hz / n }')"
    # Share of core-0 busy time charged to the proxy process itself; the rest is
    # interrupts/softirq and any other process that ran on core 0.
    own=$(awk -v p=$((p1 - p0)) -v b=$((b1 - b0)) 'BEGIN { printf "%.0f%%", (b > 0 ? p * 100 / b : 0) }')
    rss=$(peak_rss_kib "${PID[$name]}")
    ((rss > ${RSS[$name]:-0})) && RSS[$name]=$rss
    if ((b1 > b0 && (p1 - p0) * 100 < MIN_OWN_PCT * (b1 - b0))); then
        CONTENDED=$((CONTENDED + 1))
        log "warning: only ${own} of core 0's busy time went to $name this round; something else ran there"
    fi
    RPS[$name]+=" $rps"; P50[$name]+=" $p50"; P99[$name]+=" $p99"; CPU[$name]+=" $cpu"; OWN[$name]+=" $own"
    ERRS[$name]=$((${ERRS[$name]:-0} + errs))
    ROUND_REQS=$reqs
    log "round $r/$ROUNDS $name: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, core0 ${cpu} us/req (${own} in the proxy process), errors ${errs}"
}

# ---------------------------------------------------------------- report
print_environment() {
    local wrk_version
    wrk_version=$(wrk -v 2>&1 | head -n 1 || true)
    echo "== environment"
    echo "kernel: $(uname -srm)"
    echo "cpu:    $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) cores)"
    echo "nginx:  $(nginx -v 2>&1)"
    echo "wrk:    $wrk_version"
    if command -v java >/dev/null 2>&1; then
        java -version 2>&1 | sed 's/^/jdk:    /'
    else
        echo "jdk:    (java not found)"
    fi
}

# compute_medians NAME...: fills M_RPS, M_P50, M_P99, M_CPU and M_PROC.
declare -A M_RPS M_P50 M_P99 M_CPU M_PROC
compute_medians() {
    local name
    for name in "$@"; do
        # shellcheck disable=SC2086 # word-splitting the per-round lists is intended
        {
            M_RPS[$name]=$(median ${RPS[$name]})
            M_P50[$name]=$(median ${P50[$name]})
            M_P99[$name]=$(median ${P99[$name]})
            M_CPU[$name]=$(median ${CPU[$name]})
            M_PROC[$name]=$(median ${PROC[$name]})
        }
    done
}

print_per_round() { # NAME...
    local name
    echo "per-round values (req/s | p99 ms | core0 us/req | share of core-0 busy time in the proxy process):"
    for name in "$@"; do
        printf '  %-10s %s |%s |%s |%s\n' "$name" "${RPS[$name]# }" "${P99[$name]}" "${CPU[$name]}" "${OWN[$name]}"
    done
}

# Closing warnings when a round started on a busy core or had company there; extra lines as arguments.
print_warnings() {
    local extra=("$@")
    ((BUSY_STARTS + CONTENDED + ${#extra[@]} > 0)) || return 0
    echo
    ((BUSY_STARTS > 0)) && echo "WARNING: $BUSY_STARTS round(s) started while core $PROXY_CORE was busy with something else."
    ((CONTENDED > 0)) && echo "WARNING: in $CONTENDED round(s) under ${MIN_OWN_PCT}% of core-$PROXY_CORE busy time went to the proxy."
    local line
    for line in "${extra[@]}"; do echo "WARNING: $line"; done
    echo "WARNING: results are noisy; rerun on an idle machine before recording them."
}
