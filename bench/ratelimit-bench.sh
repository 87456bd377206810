#!/usr/bin/env bash
# What rate limiting costs per request: Gatehouse without a limiter, with a local
# token bucket and with the same bucket kept in Redis, side by side.
#
# Starts an nginx origin (64-byte body), a redis-server when one is available, and
# one Gatehouse per contender on free loopback ports; warms each Gatehouse up, then
# runs interleaved wrk rounds (none, local, redis, then the next round starting one
# further along) and prints medians and ratios against "none". The Gatehouses run
# on core 0 (only the one under load is busy); the origin, wrk and redis-server
# share core 1. See bench/README.md for the knobs and how to read the output.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
BENCH_NAME=ratelimit-bench
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

WARMUP=${WARMUP:-40}              # seconds of load on each Gatehouse before measuring (in 10 s wrk runs)
ROUNDS=${ROUNDS:-5}               # measured rounds per contender
DURATION=${DURATION:-10s}         # wrk -d per round, in seconds
CONNECTIONS=${CONNECTIONS:-50}    # wrk -c
THREADS=${THREADS:-1}             # wrk -t
CONTENDERS=${CONTENDERS:-none local redis}  # which configurations to measure, in this order
GATEHOUSE_JAVA_OPTS=${GATEHOUSE_JAVA_OPTS:--Xms256m -Xmx256m}  # JVM options of every Gatehouse
START_TIMEOUT=${START_TIMEOUT:-30}  # seconds to wait for a server to answer
IDLE_PCT=${IDLE_PCT:-5}           # core 0 counts as idle below this busy %
IDLE_TIMEOUT=${IDLE_TIMEOUT:-10}  # seconds to wait for core 0 to go idle
MIN_OWN_PCT=${MIN_OWN_PCT:-85}    # flag rounds where the Gatehouse got less of core 0's busy time

GATEHOUSE_JAR=cli/target/gatehouse.jar
LIMITER='key: client-address, token-bucket: { capacity: 100000000, rate: 100000000/s }'

# ---------------------------------------------------------------- configs
# gatehouse_config NAME PORT ADMIN_PORT: the plain proxy route, plus the limiter for "local" and "redis".
gatehouse_config() {
    local name=$1 port=$2 admin=$3 limiters='' filters=''
    case $name in
        local) limiters="limiters:
  bench: { $LIMITER }" ;;
        redis) limiters="limiters:
  bench: { $LIMITER, policy: redis, redis: { url: \"redis://127.0.0.1:$REDIS_PORT\", timeout: 50ms } }" ;;
    esac
    [[ -n $limiters ]] && filters=', filters: [ { rate-limit: { limiters: [bench] } } ]'
    cat <<EOF
server: { event-loops: 1 }
listeners: [ { name: public, address: 127.0.0.1, port: $port } ]
admin: { address: 127.0.0.1, port: $admin }
access-log: { enabled: false }
$limiters
upstreams:
  origin: { endpoints: [ { address: "127.0.0.1:$ORIGIN_PORT" } ] }
routes:
  - { name: all, match: { prefix: / }, upstream: origin$filters }
EOF
}

validates() { # CONFIG_FILE: the jar accepts it
    (cd "$REPO_ROOT" && java -jar "$GATEHOUSE_JAR" validate -c "$1") >"$1.validate.log" 2>&1
}

# ---------------------------------------------------------------- redis
# redis_reply PORT COMMAND: the raw reply to one inline command (bounded: 2 s).
redis_reply() {
    # shellcheck disable=SC2016 # expanded by the inner shell
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0" && printf "%s\r\nQUIT\r\n" "$1" >&3 && cat <&3' \
        "$1" "$2" 2>/dev/null | tr -d '\r'
}

redis_answers() { [[ $(redis_reply "$1" PING) == +PONG* ]]; }

# Lua script runs (EVAL, EVALSHA and their _RO forms) so far: one per check, whatever the script calls inside.
redis_script_calls() {
    local stats
    stats=$(redis_reply "$REDIS_PORT" 'INFO commandstats') || die "redis-server does not answer on 127.0.0.1:$REDIS_PORT"
    awk -F'[:=,]' '$1 ~ /^cmdstat_eval(sha)?(_ro)?$/ { calls += $3 } END { print calls + 0 }' <<<"$stats"
}

start_redis() {
    mkdir -p "$TMP/redis"
    taskset -c "$LOAD_CORE" redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --dir "$TMP/redis" --daemonize no >"$TMP/redis/redis.log" 2>&1 &
    REDIS_PID=$!
    STARTED_PIDS+=("$REDIS_PID")
    log "started redis-server (pid $REDIS_PID) on core $LOAD_CORE"
    wait_ready redis-server "$REDIS_PID" "$REDIS_PORT" "$TMP/redis/redis.log" redis_answers
}

drop_redis() { # REASON: measure without the redis contender
    REDIS_SKIPPED=$1
    log "not measuring redis: $1"
    local kept=() name
    for name in "${NAMES[@]}"; do [[ $name == redis ]] || kept+=("$name"); done
    NAMES=("${kept[@]}")
}

# ---------------------------------------------------------------- threads
# thread_jiffies PID: "thread jiffies" lines, user + system time of each thread so far, threads grouped by
# their name (as the kernel keeps it: 15 characters) without the trailing pool and thread numbers.
thread_jiffies() {
    local t name
    for t in /proc/"$1"/task/*; do
        name=$(tr ' ' _ 2>/dev/null <"$t/comm") || continue
        sed 's/^.*) //' "$t/stat" 2>/dev/null | awk -v n="$name" '{ sub(/[-0-9]+$/, "", n); print n, $12 + $13 }' || true
    done | awk '{ j[$1] += $2 } END { for (n in j) print n, j[n] }'
}

# thread_costs BEFORE AFTER REQUESTS: "thread us/req" for each thread that used CPU in between.
thread_costs() {
    awk -v hz="$CLK_TCK" -v n="$3" 'FNR == NR { before[$1] = $2; next }
        $2 > before[$1] { printf "%s %.2f\n", $1, ($2 - before[$1]) * 1e6 / hz / n }' "$1" "$2"
}

# ---------------------------------------------------------------- main
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be seconds"
[[ $DURATION =~ ^([1-9][0-9]*)s?$ ]] || die "DURATION must be seconds, like 10s"
DURATION_S=${BASH_REMATCH[1]}
read -r -a NAMES <<<"$CONTENDERS"
((${#NAMES[@]} > 0)) || die "CONTENDERS is empty"
for name in "${NAMES[@]}"; do
    [[ $name =~ ^(none|local|redis)$ ]] || die "unknown contender \"$name\" in CONTENDERS, expected none, local or redis"
done
[[ " ${NAMES[*]} " == *" none "* ]] || die "CONTENDERS must include none, the baseline of the ratios"
[[ -f $REPO_ROOT/$GATEHOUSE_JAR ]] || die "$GATEHOUSE_JAR not found; build it (./mvnw -q -DskipTests -pl cli -am package)"
bench_init
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average at start: $LOAD_AT_START"

REDIS_SKIPPED=
REDIS_PID=
free_port ORIGIN_PORT
free_port REDIS_PORT
for name in "${NAMES[@]}"; do
    free_port port
    free_port admin_port
    PORT[$name]=$port
    gatehouse_config "$name" "$port" "$admin_port" >"$TMP/$name.yaml"
    [[ $name == redis ]] || validates "$TMP/$name.yaml" ||
        die "$TMP/$name.yaml does not validate: $(tail -n 1 "$TMP/$name.yaml.validate.log")"
done
if [[ " ${NAMES[*]} " == *" redis "* ]]; then
    if ! command -v redis-server >/dev/null 2>&1; then
        drop_redis "redis-server is not on PATH"
    elif ! validates "$TMP/redis.yaml"; then
        drop_redis "this build does not accept policy: redis ($(tail -n 1 "$TMP/redis.yaml.validate.log"))"
    fi
fi
n=${#NAMES[@]}
log "expect about $((n * (WARMUP + 5) + n * ROUNDS * (DURATION_S + 2)))s" \
    "(at most $((n * (START_TIMEOUT + WARMUP) + n * ROUNDS * (DURATION_S + IDLE_TIMEOUT + 2)))s)"

start_origin
[[ " ${NAMES[*]} " == *" redis "* ]] && start_redis

for name in "${NAMES[@]}"; do
    cmd="java $GATEHOUSE_JAVA_OPTS -jar $GATEHOUSE_JAR run -c $TMP/$name.yaml"
    start_gatehouse "$name" "$cmd" "$TMP/$name.log"
    PID[$name]=$LAST_PID
    rc=0
    await_ready "$name" "$LAST_PID" "${PORT[$name]}" "$TMP/$name.log" || rc=$?
    if ((rc == 1)) && [[ $name == redis ]]; then
        # The config validates, but this build may still lack a Redis client to run it.
        drop_redis "Gatehouse with policy: redis exited during start-up ($(grep -m 1 -oE '(Exception|Error): .*' \
            "$TMP/$name.log" || tail -n 1 "$TMP/$name.log"))"
        stop_pid "$REDIS_PID"
        continue
    fi
    ((rc == 0)) || die "$name did not start (see its log above)"
    check_body "$name" "${PORT[$name]}"
done

# Each contender does what it is named for: the limiter answers (with its RateLimit fields), and redis calls Redis.
for name in "${NAMES[@]}"; do
    fields=$(curl -fsS -D - -o /dev/null "http://127.0.0.1:${PORT[$name]}/" | grep -ci '^ratelimit-policy:' || true)
    if [[ $name == none ]]; then
        ((fields == 0)) || die "$name answered with RateLimit-Policy, expected no limiter"
    else
        ((fields == 1)) || die "$name answered without RateLimit-Policy, expected the limiter's fields"
    fi
done
if [[ " ${NAMES[*]} " == *" redis "* ]]; then
    before=$(redis_script_calls)
    for ((i = 0; i < 10; i++)); do curl -fsS -o /dev/null "http://127.0.0.1:${PORT[redis]}/"; done
    calls=$(($(redis_script_calls) - before))
    if ((calls < 10)); then
        drop_redis "Gatehouse ran $calls Redis scripts for 10 requests, expected 10 (is it counting locally?)"
        stop_pid "${PID[redis]}"
        stop_pid "$REDIS_PID"
    fi
fi

for name in "${NAMES[@]}"; do
    warm_up "$name" "${PORT[$name]}" "$WARMUP"
done

n=${#NAMES[@]}
REDIS_CPU=
REDIS_CALLS=
for ((r = 1; r <= ROUNDS; r++)); do
    for ((i = 0; i < n; i++)); do
        # Each round starts one contender further on, so that no contender always runs first or after the same one.
        name=${NAMES[(i + r - 1) % n]}
        await_round "$name"
        thread_jiffies "${PID[$name]}" >"$TMP/threads-before"
        if [[ $name == redis ]]; then
            j0=$(proc_jiffies "$REDIS_PID")
            c0=$(redis_script_calls)
        fi
        measure_round "$name" "$r"
        thread_jiffies "${PID[$name]}" >"$TMP/threads-after"
        thread_costs "$TMP/threads-before" "$TMP/threads-after" "$ROUND_REQS" >>"$TMP/threads-$name.txt"
        if [[ $name == redis ]]; then
            j1=$(proc_jiffies "$REDIS_PID")
            c1=$(redis_script_calls)
            REDIS_CPU+=" $(awk -v j=$((j1 - j0)) -v hz="$CLK_TCK" -v n="$ROUND_REQS" 'BEGIN { printf "%.2f", j * 1e6 / hz / n }')"
            REDIS_CALLS+=" $(awk -v c=$((c1 - c0)) -v n="$ROUND_REQS" 'BEGIN { printf "%.2f", c / n }')"
        fi
    done
done

# ---------------------------------------------------------------- report
# paired_ratios LIST1 LIST2: each value of LIST1 divided by the one at the same place in LIST2.
paired_ratios() {
    # shellcheck disable=SC2086 # word-splitting the per-round lists is intended
    paste -d' ' <(printf '%s\n' $1) <(printf '%s\n' $2) | awk '{ printf " %.3f", ($2 > 0 ? $1 / $2 : 0) }'
}

echo
print_environment
echo "gatehouse: java $GATEHOUSE_JAVA_OPTS -jar $GATEHOUSE_JAR run -c CONTENDER.yaml (one process per contender)"
if [[ -n $REDIS_CPU ]]; then
    echo "redis:  $(redis-server --version)"
fi
echo "load:   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS interleaved rounds, warm-up ${WARMUP}s per gatehouse"
echo "pinning: gatehouses on core $PROXY_CORE, origin + wrk + redis-server on core $LOAD_CORE; origin body 64 bytes"
echo "limiter: { $LIMITER } on the route, never rejects"
echo "load average at start: $LOAD_AT_START"
echo
echo "== results (median of $ROUNDS rounds)"
printf '%-10s %10s %8s %8s %13s %15s %13s %7s\n' contender "req/s" "p50 ms" "p99 ms" "core0 us/req" \
    "process us/req" "redis us/req" errors
compute_medians "${NAMES[@]}"
for name in "${NAMES[@]}"; do
    redis_cpu=-
    # shellcheck disable=SC2086 # word-splitting the per-round list is intended
    [[ $name == redis ]] && redis_cpu=$(printf '%.2f' "$(median $REDIS_CPU)")
    printf '%-10s %10.0f %8.3f %8.3f %13.2f %15.2f %13s %7d\n' "$name" "${M_RPS[$name]}" "${M_P50[$name]}" \
        "${M_P99[$name]}" "${M_CPU[$name]}" "${M_PROC[$name]}" "$redis_cpu" "${ERRS[$name]:-0}"
done
[[ -n $REDIS_SKIPPED ]] && echo "redis: not measured: $REDIS_SKIPPED"
echo
echo "== against none (ratios of the medians; CPU ratios also as a change in percent)"
printf '%-14s %6s %6s %22s %22s\n' "" "req/s" "p99" "core0 us/req" "process us/req"
for name in "${NAMES[@]}"; do
    [[ $name == none ]] && continue
    awk -v n="$name / none" -v a="${M_RPS[$name]}" -v b="${M_RPS[none]}" -v c="${M_P99[$name]}" \
        -v d="${M_P99[none]}" -v e="${M_CPU[$name]}" -v f="${M_CPU[none]}" -v g="${M_PROC[$name]}" \
        -v h="${M_PROC[none]}" '
        function ratio(x, y) { return (y > 0 ? sprintf("%.2f", x / y) : "n/a") }
        function change(x, y) { return (y > 0 ? sprintf("%.3f (%+.1f%%)", x / y, (x / y - 1) * 100) : "n/a") }
        BEGIN { printf "%-14s %6s %6s %22s %22s\n", n, ratio(a, b), ratio(c, d), change(e, f), change(g, h) }'
done
echo
print_per_round "${NAMES[@]}"
echo "process us/req per round (the Gatehouse process's own user + system time):"
for name in "${NAMES[@]}"; do
    printf '  %-10s%s\n' "$name" "${PROC[$name]}"
done
echo "process us/req by thread (median of the rounds; threads named as the kernel keeps them, without numbers):"
for name in "${NAMES[@]}"; do
    # A thread idle in a round counts 0 there; threads under 0.05 us/req are left out.
    printf '  %-10s%s\n' "$name" "$(awk -v rounds="$ROUNDS" '
        { v[$1, ++k[$1]] = $2; total[$1] += $2 }
        END {
            for (t in k) {
                m = 0
                for (i = 1; i <= rounds; i++) a[i] = (i <= k[t] ? v[t, i] : 0)
                for (i = 1; i <= rounds; i++) for (j = i + 1; j <= rounds; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
                m = rounds % 2 ? a[(rounds + 1) / 2] : (a[rounds / 2] + a[rounds / 2 + 1]) / 2
                if (m >= 0.05) printf "%s %.2f\n", t, m
            }
        }' "$TMP/threads-$name.txt" | sort -k2,2gr | awk '{ printf " %s %s", $1, $2 }')"
done
# Each round's CPU against none's in the same round: slow drift of the machine cancels out.
echo "against none in the same round (core0 us/req | process us/req):"
for name in "${NAMES[@]}"; do
    [[ $name == none ]] && continue
    core=$(paired_ratios "${CPU[$name]}" "${CPU[none]}")
    own=$(paired_ratios "${PROC[$name]}" "${PROC[none]}")
    # shellcheck disable=SC2086 # word-splitting the per-round lists is intended
    printf '  %-10s%s |%s  (medians %.3f | %.3f)\n' "$name" "$core" "$own" "$(median $core)" "$(median $own)"
done
if [[ -n $REDIS_CPU ]]; then
    echo "redis-server on core $LOAD_CORE (us/req | script runs/req):"
    printf '  %-10s%s |%s\n' redis "$REDIS_CPU" "$REDIS_CALLS"
fi
extra=()
if [[ -n $REDIS_CALLS ]] && awk -v l="$REDIS_CALLS" 'BEGIN { split(l, v, " "); for (i in v) if (v[i] < 0.9) exit 0; exit 1 }'; then
    extra+=("in some redis rounds Gatehouse ran the Redis script for fewer than 9 requests in 10 (timeouts answered locally?).")
fi
print_warnings ${extra[@]+"${extra[@]}"}
