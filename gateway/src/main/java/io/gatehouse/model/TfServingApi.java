package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.model.ApiRequest.Kind;
import io.gatehouse.model.ApiRequest.Selector;
import io.gatehouse.proxy.ReplyRenderer;

/**
 * TF Serving REST: {@code /models/{m}[/versions/{v}|/labels/{l}]} followed by {@code :predict}, {@code :classify} or
 * {@code :regress} (POST), nothing (status) or {@code /metadata} (GET), sent to the backend's
 * {@code /v1/models/{backendName}/versions/{v}...}.
 */
final class TfServingApi implements InferenceApi {

    static final TfServingApi INSTANCE = new TfServingApi();
    private static final ReplyRenderer RENDERER = new ErrorJsonRenderer();
    private static final String[] VERBS = {":predict", ":classify", ":regress"};

    private TfServingApi() {
    }

    @Override
    public ModelProtocol protocol() {
        return ModelProtocol.TFSERVING;
    }

    @Override
    public ApiRequest parse(String method, String path) {
        String[] s = InferenceApi.segments(path);
        if (s.length < 2 || !s[0].equals("models")) {
            return null;
        }
        boolean metadata = s[s.length - 1].equals("metadata");
        int length = metadata ? s.length - 1 : s.length;
        String last = s[length - 1];
        String verb = null;
        for (String candidate : VERBS) {
            if (last.endsWith(candidate)) {
                verb = candidate;
                last = last.substring(0, last.length() - candidate.length());
            }
        }
        if (metadata && verb != null || last.isEmpty()) {
            return null;
        }
        Selector kind = Selector.NONE;
        String selector = null;
        if (length == 4 && (s[2].equals("versions") || s[2].equals("labels"))) {
            kind = s[2].equals("versions") ? Selector.VERSION : Selector.LABEL;
            selector = last;
        } else if (length != 2) {
            return null;
        }
        String model = length == 2 ? last : s[1];
        if (verb != null) {
            return method.equals("POST") ? ApiRequest.model(Kind.INFER, model, selector, kind, verb) : null;
        }
        return method.equals("GET")
                ? ApiRequest.model(Kind.MODEL, model, selector, kind, metadata ? "/metadata" : "") : null;
    }

    @Override
    public String backendPath(String backendName, String version, ApiRequest request) {
        return "/v1/models/" + backendName + "/versions/" + version + request.suffix();
    }

    @Override
    public ReplyRenderer renderer() {
        return RENDERER;
    }
}
