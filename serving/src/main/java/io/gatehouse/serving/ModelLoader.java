package io.gatehouse.serving;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Creates a version's sessions on the global thread pools and reads its signature, applying config overrides. */
final class ModelLoader {

    private final OrtEnvironment environment;

    ModelLoader(OrtEnvironment environment) {
        this.environment = environment;
    }

    /** Loads {@code file}; throws with the runtime's reason (corrupt file, unknown operator, bad override). */
    ServedVersion load(String model, long version, Path file, ModelConfig config) throws OrtException {
        List<OrtSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < config.instances(); i++) {
                try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                    options.disablePerSessionThreads();
                    sessions.add(environment.createSession(file.toString(), options));
                }
            }
            OrtSession first = sessions.get(0);
            Signature signature = new Signature(specs(first.getInputInfo(), config.inputShapes(), "input"),
                    specs(first.getOutputInfo(), config.outputShapes(), "output"), config.maxBatchSize());
            return new ServedVersion(model, version, sessions, signature);
        } catch (OrtException | RuntimeException e) {
            for (OrtSession session : sessions) {
                session.close();
            }
            throw e;
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> nodes, Map<String, long[]> overrides, String kind) {
        for (String name : overrides.keySet()) {
            if (!nodes.containsKey(name)) {
                throw new IllegalArgumentException("config.yaml names " + kind + " '" + name
                        + "', which the graph does not have (it has " + String.join(", ", nodes.keySet()) + ")");
            }
        }
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new IllegalArgumentException(kind + " '" + node.getName() + "' is " + node.getInfo()
                        + ", expected a tensor");
            }
            long[] graphShape = info.getShape();
            long[] shape = overrides.getOrDefault(node.getName(), graphShape);
            if (!compatible(graphShape, shape)) {
                throw new IllegalArgumentException("config.yaml gives " + kind + " '" + node.getName() + "' shape "
                        + Arrays.toString(shape) + ", which does not fit the graph's " + Arrays.toString(graphShape));
            }
            specs.add(new TensorSpec(node.getName(), Datatype.of(info.onnxType, node.getName()), shape));
        }
        return specs;
    }

    /** An override may fix dynamic dimensions, not change fixed ones or the rank. */
    private static boolean compatible(long[] graph, long[] override) {
        return graph.length == override.length
                && IntStream.range(0, graph.length)
                        .allMatch(i -> graph[i] < 0 || graph[i] == override[i]);
    }
}
