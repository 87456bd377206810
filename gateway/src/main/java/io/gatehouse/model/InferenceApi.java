package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.proxy.ReplyRenderer;

/** One client-facing model API family: how its paths read, where they go on the backend, how errors look. */
public interface InferenceApi {

    ModelProtocol protocol();

    /**
     * Reads a request path below the API's prefix ({@code /models/m/infer} for {@code /v2/models/m/infer}).
     *
     * @return null when the path is not one of the API's
     */
    ApiRequest parse(String method, String path);

    /** The backend's own path for {@code request} answered by {@code version} of the model named so there. */
    String backendPath(String backendName, String version, ApiRequest request);

    ReplyRenderer renderer();

    static InferenceApi of(ModelProtocol protocol) {
        return switch (protocol) {
            case OPEN_INFERENCE_V2 -> OpenInferenceApi.INSTANCE;
            case TFSERVING -> TfServingApi.INSTANCE;
            case TORCHSERVE -> TorchServeApi.INSTANCE;
            case OPENAI -> OpenAiApi.INSTANCE;
        };
    }

    /** Splits {@code path} (starting with {@code /}) into its segments; an empty path has none. */
    static String[] segments(String path) {
        return path.isEmpty() || path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    }
}
