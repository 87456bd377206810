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
BENCH_NAME=proxy-bench
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

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

# ---------------------------------------------------------------- main
[[ $WARMUP =~ ^[0-9]+$ && $NGINX_WARMUP =~ ^[0-9]+$ ]] || die "WARMUP/NGINX_WARMUP must be seconds"
bench_init

free_port ORIGIN_PORT
free_port NGINX_PORT
free_port GATEHOUSE_PORT
free_port GATEHOUSE_ADMIN_PORT
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
nginx_conf "$TMP/nginx" "$NGINX_PORT" proxy
start_origin

start_nginx nginx "$TMP/nginx" "$PROXY_CORE"
NGINX_PID=$LAST_PID
wait_ready nginx "$NGINX_PID" "$NGINX_PORT" "$TMP/nginx/logs/error.log"

log "gatehouse command: $GATEHOUSE_CMD"
start_gatehouse gatehouse "$GATEHOUSE_CMD" "$TMP/gatehouse.log"
GATEHOUSE_PID=$LAST_PID
wait_ready gatehouse "$GATEHOUSE_PID" "$GATEHOUSE_PORT" "$TMP/gatehouse.log"
check_body gatehouse "$GATEHOUSE_PORT"

warm_up gatehouse "$GATEHOUSE_PORT" "$WARMUP"
if ((NGINX_WARMUP > 0)); then
    log "warming up nginx for ${NGINX_WARMUP}s"
    run_wrk "$NGINX_PORT" "${NGINX_WARMUP}s" "$TMP/warmup-nginx.txt"
fi

NAMES=(gatehouse nginx)
PORT=([gatehouse]=$GATEHOUSE_PORT [nginx]=$NGINX_PORT)
PID=([gatehouse]=$GATEHOUSE_PID [nginx]=$NGINX_PID)
for name in "${NAMES[@]}"; do RSS[$name]=0; ERRS[$name]=0; done

for ((r = 1; r <= ROUNDS; r++)); do
    for name in "${NAMES[@]}"; do
        await_round "$name"
        measure_round "$name" "$r"
    done
done

# ---------------------------------------------------------------- report
echo
print_environment
echo "gatehouse command: $GATEHOUSE_CMD"
echo "load:   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS interleaved rounds, warm-up ${WARMUP}s gatehouse / ${NGINX_WARMUP}s nginx"
echo "pinning: proxies on core $PROXY_CORE, origin + wrk on core $LOAD_CORE; origin body 64 bytes"
echo
echo "== results (median of $ROUNDS rounds)"
printf '%-10s %12s %10s %10s %14s %16s %8s\n' proxy "req/s" "p50 ms" "p99 ms" "peak RSS MiB" "core0 us/req" errors
compute_medians "${NAMES[@]}"
for name in "${NAMES[@]}"; do
    rss_mib=$(awk -v k="${RSS[$name]}" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '%-10s %12.0f %10.3f %10.3f %14s %16.2f %8d\n' "$name" "${M_RPS[$name]}" "${M_P50[$name]}" \
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
print_per_round "${NAMES[@]}"
print_warnings
