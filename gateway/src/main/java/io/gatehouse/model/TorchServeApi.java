package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.model.ApiRequest.Kind;
import io.gatehouse.model.ApiRequest.Selector;
import io.gatehouse.proxy.ReplyRenderer;

/**
 * TorchServe inference: {@code /{m}[/{v}]} (any method TorchServe takes, usually POST), sent to the backend's
 * {@code /predictions/{backendName}/{v}}. The segment after the model may name a version or a label.
 */
final class TorchServeApi implements InferenceApi {

    static final TorchServeApi INSTANCE = new TorchServeApi();
    private static final ReplyRenderer RENDERER = new TorchServeErrorRenderer();

    private TorchServeApi() {
    }

    @Override
    public ModelProtocol protocol() {
        return ModelProtocol.TORCHSERVE;
    }

    @Override
    public ApiRequest parse(String method, String path) {
        String[] s = InferenceApi.segments(path);
        if (s.length == 0 || s.length > 2 || s[0].isEmpty() || s.length == 2 && s[1].isEmpty()) {
            return null;
        }
        return ApiRequest.model(Kind.INFER, s[0], s.length == 2 ? s[1] : null, Selector.VERSION_OR_LABEL, "");
    }

    @Override
    public String backendPath(String backendName, String version, ApiRequest request) {
        return "/predictions/" + backendName + "/" + version;
    }

    @Override
    public ReplyRenderer renderer() {
        return RENDERER;
    }
}
