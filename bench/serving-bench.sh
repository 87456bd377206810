#!/usr/bin/env bash
# Model serving benchmark: POST /v2/models/linear/infer on `gatehouse serve-models --demo-models`.
#
# Starts the model server on a free loopback port over a temp repository with the demo models, warms it up,
# then runs wrk rounds with a Lua script for the POST body and prints req/s, p50/p99, and where the time goes:
# the server's statistics extension (compute_infer: inside ONNX Runtime's run()) read before and after each
# round, against the process's CPU time from /proc and the wall time. The server runs alone on core 0; wrk on
# core 1. See bench/README.md for the knobs and how to read the output.
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
BENCH_NAME=serving-bench
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"

WARMUP=${WARMUP:-30}              # seconds of load before measuring (in 10 s wrk runs)
ROUNDS=${ROUNDS:-3}               # measured rounds
DURATION=${DURATION:-10s}         # wrk -d per round
CONNECTIONS=${CONNECTIONS:-50}    # wrk -c; stays under the server's queue (64 per core) so nothing gets 503
THREADS=${THREADS:-1}             # wrk -t
BATCH=${BATCH:-1}                 # rows of x per request
START_TIMEOUT=${START_TIMEOUT:-60}  # seconds to wait for the server to load the models and answer
IDLE_PCT=${IDLE_PCT:-5}           # core 0 counts as idle below this busy %
IDLE_TIMEOUT=${IDLE_TIMEOUT:-30}  # seconds to wait for core 0 to go idle
MIN_OWN_PCT=${MIN_OWN_PCT:-85}    # flag rounds where the server got less of core 0's busy time

MODEL_PATH=/v2/models/linear/versions/2
STATS_PATH=$MODEL_PATH/stats

# The same as lib/common.sh's run_wrk, but POSTing the infer request of the Lua script to the model's path.
run_wrk() {
    local port=$1 dur=$2 out=$3
    taskset -c "$LOAD_CORE" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$dur" --latency -s "$TMP/infer.lua" \
        "http://127.0.0.1:$port$MODEL_PATH/infer" >"$out" 2>&1 &
    WRK_PID=$!
    local rc=0
    wait "$WRK_PID" || rc=$?
    WRK_PID=
    ((rc == 0)) || { cat "$out" >&2; die "wrk failed (exit $rc)"; }
}

models_ready() { curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$1$MODEL_PATH/ready" 2>/dev/null; }

# "count ns" of one inference_stats field (success, queue, compute_input, compute_infer, compute_output).
stats_field() { # JSON FIELD
    sed -n "s/.*\"$2\":{\"count\":\([0-9]*\),\"ns\":\([0-9]*\)}.*/\1 \2/p" <<<"$1"
}

us_per() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%.2f", ns / n / 1000 }'; } # NANOS REQUESTS

# ---------------------------------------------------------------- main
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be seconds"
[[ $BATCH =~ ^[1-9][0-9]*$ ]] || die "BATCH must be a positive integer"
bench_init

free_port SERVING_PORT
ROWS=$(for ((i = 0; i < BATCH; i++)); do printf '%s[1, 1, 1]' "$([[ $i -gt 0 ]] && echo ', ')"; done)
BODY="{\"inputs\": [{\"name\": \"x\", \"shape\": [$BATCH, 3], \"datatype\": \"FP32\", \"data\": [$ROWS]}]}"
cat >"$TMP/infer.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$BODY'
EOF
BENCH_TMP=$TMP
export BENCH_TMP SERVING_PORT REPO_ROOT

# shellcheck disable=SC2016 # expanded later, by the shell that runs the command
DEFAULT_SERVING_CMD='java -Xms256m -Xmx256m -jar cli/target/gatehouse.jar serve-models --repo "$BENCH_TMP/models" --demo-models --port "$SERVING_PORT"'
SERVING_CMD=${SERVING_CMD:-$DEFAULT_SERVING_CMD}
if [[ $SERVING_CMD == "$DEFAULT_SERVING_CMD" && ! -f $REPO_ROOT/cli/target/gatehouse.jar ]]; then
    die "cli/target/gatehouse.jar not found; build it (./mvnw -q -DskipTests -pl cli -am package) or set SERVING_CMD"
fi

log "serving command: $SERVING_CMD"
start_gatehouse serving "$SERVING_CMD" "$TMP/serving.log"
SERVING_PID=$LAST_PID
wait_ready serving "$SERVING_PID" "$SERVING_PORT" "$TMP/serving.log" models_ready
answer=$(curl -fsS "http://127.0.0.1:$SERVING_PORT$MODEL_PATH/infer" -d "$BODY")
[[ $answer == *'"data":[19.0,25.0'* ]] || die "unexpected answer to the infer request: $answer"

warm_up serving "$SERVING_PORT" "$WARMUP"

PORT=([serving]=$SERVING_PORT)
PID=([serving]=$SERVING_PID)
RSS[serving]=0
ERRS[serving]=0
# Per round: microseconds per request in the server's stages, process CPU, and ONNX Runtime's shares.
QUEUE_US='' INPUT_US='' INFER_US='' OUTPUT_US='' CPU_US='' ORT_CPU='' ORT_WALL=''

for ((r = 1; r <= ROUNDS; r++)); do
    await_round serving
    s0=$(curl -fsS "http://127.0.0.1:$SERVING_PORT$STATS_PATH")
    j0=$(proc_jiffies "$SERVING_PID")
    w0=$(date +%s%N)
    measure_round serving "$r"
    w1=$(date +%s%N)
    j1=$(proc_jiffies "$SERVING_PID")
    s1=$(curl -fsS "http://127.0.0.1:$SERVING_PORT$STATS_PATH")
    read -r n0 _ < <(stats_field "$s0" success)
    read -r n1 _ < <(stats_field "$s1" success)
    n=$((n1 - n0))
    ((n > 0)) || die "the statistics counted no successful request in round $r"
    for field in queue compute_input compute_infer compute_output; do
        read -r _ a < <(stats_field "$s0" "$field")
        read -r _ b < <(stats_field "$s1" "$field")
        printf -v "D_${field^^}" '%s' $((b - a))
    done
    cpu_ns=$(((j1 - j0) * 1000000000 / CLK_TCK))
    QUEUE_US+=" $(us_per "$D_QUEUE" "$n")"; INPUT_US+=" $(us_per "$D_COMPUTE_INPUT" "$n")"
    INFER_US+=" $(us_per "$D_COMPUTE_INFER" "$n")"; OUTPUT_US+=" $(us_per "$D_COMPUTE_OUTPUT" "$n")"
    CPU_US+=" $(us_per "$cpu_ns" "$n")"
    ORT_CPU+=" $(awk -v a="$D_COMPUTE_INFER" -v b="$cpu_ns" 'BEGIN { printf "%.1f", (b > 0 ? a * 100 / b : 0) }')"
    ORT_WALL+=" $(awk -v a="$D_COMPUTE_INFER" -v b=$((w1 - w0)) 'BEGIN { printf "%.1f", a * 100 / b }')"
    log "round $r/$ROUNDS: ${n} requests counted; in ONNX Runtime ${ORT_CPU##* }% of the process CPU time, ${ORT_WALL##* }% of the wall time"
done

# ---------------------------------------------------------------- report
echo
print_environment
echo "serving command: $SERVING_CMD"
echo "load:   wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s infer.lua, POST $MODEL_PATH/infer with x of shape [$BATCH, 3] ($((${#BODY})) bytes), $ROUNDS rounds, warm-up ${WARMUP}s"
echo "pinning: server on core $PROXY_CORE (one worker per core by default), wrk on core $LOAD_CORE"
echo
compute_medians serving
echo "== results (median of $ROUNDS rounds)"
printf '%12s %10s %10s %14s %16s %8s\n' "req/s" "p50 ms" "p99 ms" "peak RSS MiB" "core0 us/req" errors
printf '%12.0f %10.3f %10.3f %14.1f %16.2f %8d\n' "${M_RPS[serving]}" "${M_P50[serving]}" "${M_P99[serving]}" \
    "$(awk -v k="${RSS[serving]}" 'BEGIN { print k / 1024 }')" "${M_CPU[serving]}" "${ERRS[serving]}"
echo
# shellcheck disable=SC2086 # word-splitting the per-round lists is intended
{
    m_cpu=$(median $CPU_US); m_ort=$(median $ORT_CPU)
    echo "== where the time goes (median of $ROUNDS rounds; from $STATS_PATH and /proc/$SERVING_PID/stat)"
    echo "per request, us: queue $(median $QUEUE_US), compute_input $(median $INPUT_US), compute_infer $(median $INFER_US), compute_output $(median $OUTPUT_US)"
    echo "process CPU:     $m_cpu us/req (user + system, all threads)"
    echo "ONNX Runtime:    $m_ort% of the process CPU time (compute_infer ns / CPU ns), $(median $ORT_WALL)% of the wall time"
    echo "outside it:      $(awk -v p="$m_ort" 'BEGIN { printf "%.1f", 100 - p }')% of the process CPU time (HTTP, JSON, tensors, threads, JIT, GC)"
}
echo
echo "per-round values:"
printf '  %-26s%s\n' "req/s" "${RPS[serving]}" "p99 ms" "${P99[serving]}" "process CPU us/req" "$CPU_US" \
    "compute_infer us/req" "$INFER_US" "ORT % of process CPU" "$ORT_CPU" "ORT % of wall" "$ORT_WALL" \
    "share of core 0 in process" "${OWN[serving]}"
print_warnings
