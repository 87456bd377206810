package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.model.ApiRequest.Kind;
import io.gatehouse.model.ApiRequest.Selector;
import io.gatehouse.proxy.ReplyRenderer;
import java.util.Set;

/**
 * OpenAI-style API: {@code /chat/completions}, {@code /completions} and {@code /embeddings} (POST), whose JSON body
 * names the model, sent to the same path under the backend's {@code /v1}; {@code /models} (GET) is answered from
 * the registry. The path names no model, so {@link #parse} leaves it to the body.
 */
final class OpenAiApi implements InferenceApi {

    static final OpenAiApi INSTANCE = new OpenAiApi();
    private static final ReplyRenderer RENDERER = new OpenAiErrorRenderer();
    private static final Set<String> INFERENCE = Set.of("/chat/completions", "/completions",
            "/embeddings");

    private OpenAiApi() {
    }

    @Override
    public ModelProtocol protocol() {
        return ModelProtocol.OPENAI;
    }

    @Override
    public ApiRequest parse(String method, String path) {
        if (path.equals("/models")) {
            return method.equals("GET") ? ApiRequest.server(Kind.MODEL_LIST) : null;
        }
        return INFERENCE.contains(path) && method.equals("POST")
                ? ApiRequest.model(Kind.INFER, null, null, Selector.NONE, path) : null;
    }

    /** The same endpoint on the backend; the backend's name for the model goes in the body, not the path. */
    @Override
    public String backendPath(String backendName, String version, ApiRequest request) {
        return "/v1" + request.suffix();
    }

    @Override
    public ReplyRenderer renderer() {
        return RENDERER;
    }
}
