package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.model.ApiRequest.Kind;
import io.gatehouse.model.ApiRequest.Selector;
import org.junit.jupiter.api.Test;

class InferenceApiTest {

    private static final InferenceApi OIP = InferenceApi.of(ModelProtocol.OPEN_INFERENCE_V2);
    private static final InferenceApi TFS = InferenceApi.of(ModelProtocol.TFSERVING);
    private static final InferenceApi TORCH = InferenceApi.of(ModelProtocol.TORCHSERVE);

    private static ApiRequest model(Kind kind, String model, String selector, Selector selectorKind, String suffix) {
        return ApiRequest.model(kind, model, selector, selectorKind, suffix);
    }

    @Test
    void openInferencePaths() {
        assertThat(OIP.parse("POST", "/models/linear/infer"))
                .isEqualTo(model(Kind.INFER, "linear", null, Selector.VERSION, "/infer"));
        assertThat(OIP.parse("POST", "/models/linear/versions/2/infer"))
                .isEqualTo(model(Kind.INFER, "linear", "2", Selector.VERSION, "/infer"));
        assertThat(OIP.parse("GET", "/models/linear/versions/2/ready"))
                .isEqualTo(model(Kind.MODEL, "linear", "2", Selector.VERSION, "/ready"));
        assertThat(OIP.parse("GET", "/models/linear"))
                .isEqualTo(model(Kind.MODEL, "linear", null, Selector.VERSION, ""));
        assertThat(OIP.parse("GET", "/models/linear/versions/1"))
                .isEqualTo(model(Kind.MODEL, "linear", "1", Selector.VERSION, ""));
        assertThat(OIP.parse("GET", "/health/live")).isEqualTo(ApiRequest.server(Kind.SERVER_LIVE));
        assertThat(OIP.parse("GET", "/health/ready")).isEqualTo(ApiRequest.server(Kind.SERVER_READY));
        assertThat(OIP.backendPath("lin", "2", OIP.parse("POST", "/models/linear/infer")))
                .isEqualTo("/v2/models/lin/versions/2/infer");
        assertThat(OIP.backendPath("lin", "2", OIP.parse("GET", "/models/linear")))
                .isEqualTo("/v2/models/lin/versions/2");
        for (String[] bad : new String[][] {{"GET", "/models/linear/infer"}, {"POST", "/models/linear"},
            {"GET", "/models"}, {"GET", "/models/"}, {"GET", "/health/dead"}, {"GET", "/models/m/versions/1/x"},
            {"POST", "/models/m/versions//infer"}, {"GET", ""}, {"GET", "/"}}) {
            assertThat(OIP.parse(bad[0], bad[1])).as(bad[0] + " " + bad[1]).isNull();
        }
    }

    @Test
    void tfServingPaths() {
        assertThat(TFS.parse("POST", "/models/linear:predict"))
                .isEqualTo(model(Kind.INFER, "linear", null, Selector.NONE, ":predict"));
        assertThat(TFS.parse("POST", "/models/linear/versions/1:classify"))
                .isEqualTo(model(Kind.INFER, "linear", "1", Selector.VERSION, ":classify"));
        assertThat(TFS.parse("POST", "/models/linear/labels/stable:regress"))
                .isEqualTo(model(Kind.INFER, "linear", "stable", Selector.LABEL, ":regress"));
        assertThat(TFS.parse("GET", "/models/linear"))
                .isEqualTo(model(Kind.MODEL, "linear", null, Selector.NONE, ""));
        assertThat(TFS.parse("GET", "/models/linear/labels/canary"))
                .isEqualTo(model(Kind.MODEL, "linear", "canary", Selector.LABEL, ""));
        assertThat(TFS.parse("GET", "/models/linear/versions/2/metadata"))
                .isEqualTo(model(Kind.MODEL, "linear", "2", Selector.VERSION, "/metadata"));
        assertThat(TFS.backendPath("lin", "1", TFS.parse("POST", "/models/linear/labels/stable:predict")))
                .isEqualTo("/v1/models/lin/versions/1:predict");
        assertThat(TFS.backendPath("lin", "2", TFS.parse("GET", "/models/linear/metadata")))
                .isEqualTo("/v1/models/lin/versions/2/metadata");
        for (String[] bad : new String[][] {{"GET", "/models/linear:predict"}, {"POST", "/models/linear"},
            {"POST", "/models/:predict"}, {"GET", "/models/linear/tags/x"}, {"POST", "/models/m/versions/1:explain"},
            {"GET", "/models/m/metadata:predict"}, {"GET", "/models"}, {"GET", "/other/m"}}) {
            assertThat(TFS.parse(bad[0], bad[1])).as(bad[0] + " " + bad[1]).isNull();
        }
    }

    @Test
    void torchServePaths() {
        assertThat(TORCH.parse("POST", "/resnet"))
                .isEqualTo(model(Kind.INFER, "resnet", null, Selector.NONE, ""));
        assertThat(TORCH.parse("POST", "/resnet/1.0"))
                .isEqualTo(model(Kind.INFER, "resnet", "1.0", Selector.VERSION_OR_LABEL, ""));
        assertThat(TORCH.backendPath("resnet-18", "1.0", TORCH.parse("POST", "/resnet")))
                .isEqualTo("/predictions/resnet-18/1.0");
        for (String bad : new String[] {"", "/", "/a/b/c", "/a/", "//x"}) {
            assertThat(TORCH.parse("POST", bad)).as(bad).isNull();
        }
    }
}
