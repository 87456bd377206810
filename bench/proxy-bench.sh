#!/usr/bin/env bash
# Side-by-side reverse-proxy benchmark: Gatehouse against nginx.
#
# Starts an nginx origin (64-byte body), an nginx reverse proxy and Gatehouse
# on free loopback ports, warms both proxies up, then runs interleaved wrk
# rounds (Gatehouse, nginx, Gatehouse, nginx, ...) and prints medians.
# Each proxy runs alone on core 0; the origin and wrk share core 1.
# See bench/README.md for the knobs and how to read the output.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)

WARMUP=${WARMUP:-60}              # seconds of load on Gatehouse before measuring (in 10 s wrk runs)
NGINX_WARMUP=${NGINX_WARMUP:-5}   # seconds of load on nginx before measuring
ROUNDS=${ROUNDS:-3}               # measured rounds per proxy
DURATION=${DURATION:-10s}         # wrk -d per round
CONNECTIONS=${CONNECTIONS:-50}    # wrk -c
THREADS=${THREADS:-1}             # wrk -t
START_TIMEOUT=${START_TIMEOUT:-60}  # seconds to wait for a server to answer
IDLE_PCT=${IDLE_PCT:-5}           # core 0 counts as idle below this busy %
IDLE_TIMEOUT=${IDLE_TIMEOUT:-30}  # seconds to wait for core 0 to go idle
MIN_OWN_PCT=${MIN_OWN_PCT:-85}    # flag rounds where the proxy got less of core 0's busy time
PROXY_CORE=0
LOAD_CORE=1

log() { printf '[proxy-bench] %s\n' "$*" >&2; }
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

# A loopback port nobody listens on and that we have not handed out yet.
USED_PORTS=" "
free_port() {
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 30000))
        [[ $USED_PORTS == *" $p "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            USED_PORTS+="$p "
            echo "$p"
            return 0
        fi
    done
    die "no free loopback port found"
}

wait_ready() { # name pid port [log to show on failure]
    local name=$1 pid=$2 port=$3 logf=${4:-} deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            [[ -n $logf ]] && tail -n 30 "$logf" >&2
            die "$name (pid $pid) exited during start-up"
        fi
        if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null; then
            log "$name is up on 127.0.0.1:$port (pid $pid)"
            return 0
        fi
        sleep 0.2
    done
    [[ -n $logf ]] && tail -n 30 "$logf" >&2
    die "$name did not answer on 127.0.0.1:$port within ${START_TIMEOUT}s"
}

# ---------------------------------------------------------------- nginx
# nginx_conf DIR PORT BODY  -> an nginx.conf in DIR (origin when BODY is set,
# else a reverse proxy to ORIGIN_PORT)
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

# ---------------------------------------------------------------- main
[[ $(nproc) -ge 2 ]] || die "needs at least 2 CPU cores (proxy on core 0, load on core 1)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ $WARMUP =~ ^[0-9]+$ && $NGINX_WARMUP =~ ^[0-9]+$ ]] || die "WARMUP/NGINX_WARMUP must be seconds"
ensure_tools

TMP=$(mktemp -d "${TMPDIR:-/tmp}/proxy-bench.XXXXXX")
chmod 711 "$TMP" # nginx workers may run as an unprivileged user
CLK_TCK=$(getconf CLK_TCK)
ORIGIN_BODY=$(printf 'x%.0s' {1..63})  # 63 bytes + newline = 64-byte body
ORIGIN_BODY+='\n'

ORIGIN_PORT=$(free_port)
NGINX_PORT=$(free_port)
GATEHOUSE_PORT=$(free_port)
GATEHOUSE_ADMIN_PORT=$(free_port)
GATEHOUSE_CONFIG=$TMP/gatehouse.yaml
cat >"$GATEHOUSE_CONFIG" <<EOF
server: { event-loops: 1 }
listeners: [ { name: public, address: 127.0.0.1, port: $GATEHOUSE_PORT } ]
admin: { address: 127.0.0.1, port: $GATEHOUSE_ADMIN_PORT }
access-log: { enabled: false }
upstreams:
  origin: { endpoints: [ { address: "127.0.0.1:$ORIGIN_PORT" } ] }
routes:
  - { name: all, match: { prefix: / }, upstream: origin }
EOF
# A ready-made nginx proxy conf on the Gatehouse port, for checking the
# harness without a Gatehouse build (see README: "Validating the harness").
BENCH_TMP=$TMP
nginx_conf "$TMP/standin" "$GATEHOUSE_PORT" proxy
export BENCH_TMP GATEHOUSE_CONFIG GATEHOUSE_PORT GATEHOUSE_ADMIN_PORT ORIGIN_PORT REPO_ROOT

# shellcheck disable=SC2016 # expanded later, by the shell that runs the command
DEFAULT_GATEHOUSE_CMD='java -Xms256m -Xmx256m -jar cli/target/gatehouse.jar run -c "$GATEHOUSE_CONFIG"'
GATEHOUSE_CMD=${GATEHOUSE_CMD:-$DEFAULT_GATEHOUSE_CMD}
if [[ $GATEHOUSE_CMD == "$DEFAULT_GATEHOUSE_CMD" && ! -f $REPO_ROOT/cli/target/gatehouse.jar ]]; then
    die "cli/target/gatehouse.jar not found; build it (./mvnw -q -DskipTests -pl cli -am package) or set GATEHOUSE_CMD"
fi

log "ports: origin $ORIGIN_PORT, nginx $NGINX_PORT, gatehouse $GATEHOUSE_PORT (admin $GATEHOUSE_ADMIN_PORT)"
nginx_conf "$TMP/origin" "$ORIGIN_PORT" origin
nginx_conf "$TMP/nginx" "$NGINX_PORT" proxy

start_nginx origin "$TMP/origin" "$LOAD_CORE"
ORIGIN_PID=$LAST_PID
wait_ready origin "$ORIGIN_PID" "$ORIGIN_PORT" "$TMP/origin/logs/error.log"
body_len=$(curl -fsS "http://127.0.0.1:$ORIGIN_PORT/" | wc -c)
((body_len == 64)) || die "origin body is $body_len bytes, expected 64"

start_nginx nginx "$TMP/nginx" "$PROXY_CORE"
NGINX_PID=$LAST_PID
wait_ready nginx "$NGINX_PID" "$NGINX_PORT" "$TMP/nginx/logs/error.log"

log "gatehouse command: $GATEHOUSE_CMD"
(cd "$REPO_ROOT" && exec taskset -c "$PROXY_CORE" bash -c "exec $GATEHOUSE_CMD") \
    >"$TMP/gatehouse.log" 2>&1 &
GATEHOUSE_PID=$!
STARTED_PIDS+=("$GATEHOUSE_PID")
log "started gatehouse (pid $GATEHOUSE_PID) on core $PROXY_CORE"
wait_ready gatehouse "$GATEHOUSE_PID" "$GATEHOUSE_PORT" "$TMP/gatehouse.log"
gh_len=$(curl -fsS "http://127.0.0.1:$GATEHOUSE_PORT/" | wc -c)
((gh_len == 64)) || die "gatehouse returned $gh_len bytes, expected 64"

if ((WARMUP > 0)); then
    # In 10 s slices, each a fresh wrk with new connections: a measured round opens and closes 50 connections,
    # and a single long warm-up would leave those paths uncompiled, so the JIT would deoptimise and recompile
    # during the first rounds and show up in their tail latency.
    log "warming up gatehouse for ${WARMUP}s in 10s slices"
    for ((left = WARMUP; left > 0; left -= 10)); do
        run_wrk "$GATEHOUSE_PORT" "$((left < 10 ? left : 10))s" "$TMP/warmup-gatehouse.txt"
    done
fi
if ((NGINX_WARMUP > 0)); then
    log "warming up nginx for ${NGINX_WARMUP}s"
    run_wrk "$NGINX_PORT" "${NGINX_WARMUP}s" "$TMP/warmup-nginx.txt"
fi

declare -A RPS P50 P99 CPU OWN RSS ERRS
NAMES=(gatehouse nginx)
declare -A PORT=([gatehouse]=$GATEHOUSE_PORT [nginx]=$NGINX_PORT)
declare -A PID=([gatehouse]=$GATEHOUSE_PID [nginx]=$NGINX_PID)
for name in "${NAMES[@]}"; do RSS[$name]=0; ERRS[$name]=0; done
CONTENDED=0

for ((r = 1; r <= ROUNDS; r++)); do
    for name in "${NAMES[@]}"; do
        kill -0 "${PID[$name]}" 2>/dev/null || die "$name (pid ${PID[$name]}) died"
        wait_core_idle "$PROXY_CORE"
        out=$TMP/round-$r-$name.txt
        read -r b0 _ < <(cpu_jiffies "$PROXY_CORE")
        p0=$(proc_jiffies "${PID[$name]}")
        run_wrk "${PORT[$name]}" "$DURATION" "$out"
        read -r b1 _ < <(cpu_jiffies "$PROXY_CORE")
        p1=$(proc_jiffies "${PID[$name]}")
        read -r rps p50 p99 reqs errs < <(parse_wrk "$out") || die "cannot parse wrk output $out"
        ((reqs > 0)) || die "$name completed no requests in round $r"
        cpu=$(awk -v j=$((b1 - b0)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.2f", j * 1e6 / hz / n }')
        # Share of core-0 busy time charged to the proxy process itself; the rest is
        # interrupts/softirq and any other process that ran on core 0.
        own=$(awk -v p=$((p1 - p0)) -v b=$((b1 - b0)) 'BEGIN { printf "%.0f%%", (b > 0 ? p * 100 / b : 0) }')
        rss=$(peak_rss_kib "${PID[$name]}")
        ((rss > RSS[$name])) && RSS[$name]=$rss
        if ((b1 > b0 && (p1 - p0) * 100 < MIN_OWN_PCT * (b1 - b0))); then
            CONTENDED=$((CONTENDED + 1))
            log "warning: only ${own} of core 0's busy time went to $name this round; something else ran there"
        fi
        RPS[$name]+=" $rps"; P50[$name]+=" $p50"; P99[$name]+=" $p99"; CPU[$name]+=" $cpu"; OWN[$name]+=" $own"
        ERRS[$name]=$((ERRS[$name] + errs))
        log "round $r/$ROUNDS $name: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, core0 ${cpu} us/req (${own} in the proxy process), errors ${errs}"
    done
done

# ---------------------------------------------------------------- report
wrk_version=$(wrk -v 2>&1 | head -n 1 || true)
echo
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
echo "gatehouse command: $GATEHOUSE_CMD"
echo "load:   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS interleaved rounds, warm-up ${WARMUP}s gatehouse / ${NGINX_WARMUP}s nginx"
echo "pinning: proxies on core $PROXY_CORE, origin + wrk on core $LOAD_CORE; origin body 64 bytes"
echo
echo "== results (median of $ROUNDS rounds)"
printf '%-10s %12s %10s %10s %14s %16s %8s\n' proxy "req/s" "p50 ms" "p99 ms" "peak RSS MiB" "core0 us/req" errors
declare -A M_RPS M_P99 M_CPU
for name in "${NAMES[@]}"; do
    # shellcheck disable=SC2086 # word-splitting the per-round lists is intended
    {
        M_RPS[$name]=$(median ${RPS[$name]})
        m_p50=$(median ${P50[$name]})
        M_P99[$name]=$(median ${P99[$name]})
        M_CPU[$name]=$(median ${CPU[$name]})
    }
    rss_mib=$(awk -v k="${RSS[$name]}" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '%-10s %12.0f %10.3f %10.3f %14s %16.2f %8d\n' "$name" "${M_RPS[$name]}" "$m_p50" \
        "${M_P99[$name]}" "$rss_mib" "${M_CPU[$name]}" "${ERRS[$name]}"
done
echo
echo "== gatehouse / nginx"
awk -v a="${M_RPS[gatehouse]}" -v b="${M_RPS[nginx]}" -v c="${M_P99[gatehouse]}" -v d="${M_P99[nginx]}" \
    -v e="${M_CPU[gatehouse]}" -v f="${M_CPU[nginx]}" '
    function ratio(x, y) { return (y > 0 ? sprintf("%.2f", x / y) : "n/a") }
    BEGIN {
        printf "req/s:        %s  (higher is better)\n", ratio(a, b)
        printf "p99:          %s  (lower is better)\n", ratio(c, d)
        printf "core0 us/req: %s  (lower is better)\n", ratio(e, f)
    }'
echo
echo "per-round values (req/s | p99 ms | core0 us/req | share of core-0 busy time in the proxy process):"
for name in "${NAMES[@]}"; do
    printf '  %-10s %s |%s |%s |%s\n' "$name" "${RPS[$name]# }" "${P99[$name]}" "${CPU[$name]}" "${OWN[$name]}"
done
if ((BUSY_STARTS + CONTENDED > 0)); then
    echo
    ((BUSY_STARTS > 0)) && echo "WARNING: $BUSY_STARTS round(s) started while core $PROXY_CORE was busy with something else."
    ((CONTENDED > 0)) && echo "WARNING: in $CONTENDED round(s) under ${MIN_OWN_PCT}% of core-$PROXY_CORE busy time went to the proxy."
    echo "WARNING: results are noisy; rerun on an idle machine before recording them."
fi
