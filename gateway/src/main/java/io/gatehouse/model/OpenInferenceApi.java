package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.model.ApiRequest.Kind;
import io.gatehouse.model.ApiRequest.Selector;
import io.gatehouse.proxy.ReplyRenderer;

/**
 * Open Inference Protocol v2 (KServe v2): {@code /health/live}, {@code /health/ready},
 * {@code /models/{m}[/versions/{v}]} (metadata), {@code .../ready} and {@code .../infer} (POST), sent to the backend's
 * {@code /v2/models/{backendName}/versions/{v}...}.
 */
final class OpenInferenceApi implements InferenceApi {

    static final OpenInferenceApi INSTANCE = new OpenInferenceApi();
    private static final ReplyRenderer RENDERER = new ErrorJsonRenderer();

    private OpenInferenceApi() {
    }

    @Override
    public ModelProtocol protocol() {
        return ModelProtocol.OPEN_INFERENCE_V2;
    }

    @Override
    public ApiRequest parse(String method, String path) {
        String[] s = InferenceApi.segments(path);
        if (s.length == 2 && s[0].equals("health") && method.equals("GET")) {
            return s[1].equals("live") ? ApiRequest.server(Kind.SERVER_LIVE)
                    : s[1].equals("ready") ? ApiRequest.server(Kind.SERVER_READY) : null;
        }
        if (s.length < 2 || !s[0].equals("models") || s[1].isEmpty()) {
            return null;
        }
        String version = null;
        int next = 2;
        if (s.length >= 4 && s[2].equals("versions") && !s[3].isEmpty()) {
            version = s[3];
            next = 4;
        }
        if (s.length == next) {
            return method.equals("GET") ? ApiRequest.model(Kind.MODEL, s[1], version, Selector.VERSION, "") : null;
        }
        if (s.length != next + 1) {
            return null;
        }
        if (s[next].equals("infer") && method.equals("POST")) {
            return ApiRequest.model(Kind.INFER, s[1], version, Selector.VERSION, "/infer");
        }
        if (s[next].equals("ready") && method.equals("GET")) {
            return ApiRequest.model(Kind.MODEL, s[1], version, Selector.VERSION, "/ready");
        }
        return null;
    }

    @Override
    public String backendPath(String backendName, String version, ApiRequest request) {
        return "/v2/models/" + backendName + "/versions/" + version + request.suffix();
    }

    @Override
    public ReplyRenderer renderer() {
        return RENDERER;
    }
}
