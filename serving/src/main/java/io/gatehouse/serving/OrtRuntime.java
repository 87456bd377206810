package io.gatehouse.serving;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The process's one ONNX Runtime environment. Its intra-op pool is global and does not spin, so that sessions
 * (created with per-session threads disabled) share a fixed set of threads instead of each spinning a pool sized to
 * the cores. ONNX Runtime allows one environment per process, so the first server fixes the thread count.
 */
final class OrtRuntime {

    private static OrtEnvironment environment;
    private static int intraOpThreads;

    private OrtRuntime() {
    }

    static synchronized OrtEnvironment environment(int threads) {
        if (environment != null) {
            if (threads != intraOpThreads) {
                throw new IllegalStateException("the ONNX Runtime environment already runs " + intraOpThreads
                        + " intra-op threads; a server asking for " + threads + " needs its own process");
            }
            return environment;
        }
        try (OrtEnvironment.ThreadingOptions options = new OrtEnvironment.ThreadingOptions()) {
            options.setGlobalIntraOpNumThreads(threads);
            options.setGlobalInterOpNumThreads(1);
            options.setGlobalSpinControl(false);
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "gatehouse",
                    options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create the ONNX Runtime environment: " + e.getMessage(), e);
        }
        intraOpThreads = threads;
        return environment;
    }
}
