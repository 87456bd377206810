package io.gatehouse.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One model version's counters for the statistics extension, in Triton's {@code inference_stats} shape. Workers
 * add to them concurrently without locks. For a successful request, {@code success.ns} is exactly the sum of
 * {@code queue}, {@code compute_input}, {@code compute_infer} and {@code compute_output}; a failed one counts only
 * in {@code fail}.
 */
final class InferenceStats {

    /** A count of events and their total duration. */
    private static final class Tally {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(long duration) {
            count.increment();
            nanos.add(duration);
        }

        Map<String, Long> toJson() {
            Map<String, Long> json = new LinkedHashMap<>();
            json.put("count", count.sum());
            json.put("ns", nanos.sum());
            return json;
        }
    }

    private final Tally success = new Tally();
    private final Tally fail = new Tally();
    private final Tally queue = new Tally();
    private final Tally computeInput = new Tally();
    private final Tally computeInfer = new Tally();
    private final Tally computeOutput = new Tally();

    /**
     * A request that succeeded: {@code queued} waiting for a worker, {@code input} parsing and checking the body
     * and building the input tensors, {@code infer} in the runtime's {@code run()}, {@code output} copying the
     * outputs and encoding the answer.
     */
    void succeeded(long queued, long input, long infer, long output) {
        queue.add(queued);
        computeInput.add(input);
        computeInfer.add(infer);
        computeOutput.add(output);
        success.add(queued + input + infer + output);
    }

    /** A request for this version that failed after {@code duration}, counted from when it was queued. */
    void failed(long duration) {
        fail.add(duration);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", success.toJson());
        json.put("fail", fail.toJson());
        json.put("queue", queue.toJson());
        json.put("compute_input", computeInput.toJson());
        json.put("compute_infer", computeInfer.toJson());
        json.put("compute_output", computeOutput.toJson());
        return json;
    }
}
