package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputAgreementTest {

    private final OutputAgreement agreement = new OutputAgreement(1e-6);

    private boolean agree(String primary, String shadow) {
        return agreement.agree(primary.getBytes(StandardCharsets.UTF_8), shadow.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openInferenceOutputsAgreeWithinTheRelativeToleranceWhateverTheModelVersionSays() {
        String primary = """
                {"model_name":"linear","model_version":"1","outputs":[{"name":"y","datatype":"FP32","shape":[2],
                "data":[1000.0,-0.5]}]}""";
        assertThat(agree(primary, """
                {"model_name":"linear","model_version":"2","outputs":[{"name":"y","datatype":"FP32","shape":[2],
                "data":[1000.0009,-0.5000004]}]}""")).isTrue();
        assertThat(agree(primary, """
                {"model_name":"linear","model_version":"2","outputs":[{"name":"y","datatype":"FP32","shape":[2],
                "data":[1000.002,-0.5]}]}""")).isFalse();
    }

    @Test
    void tfServingPredictionsCompareNumberByNumberInPlace() {
        assertThat(agree("{\"predictions\":[[0.1,0.9],[0.7,0.3]]}", "{\"predictions\":[[0.1,0.9],[0.7,0.3]]}"))
                .isTrue();
        assertThat(agree("{\"predictions\":[[0.1,0.9],[0.7,0.3]]}", "{\"predictions\":[[0.7,0.3],[0.1,0.9]]}"))
                .isFalse();
        assertThat(agree("{\"predictions\":[0, 0]}", "{\"predictions\":[0.0, 0]}")).isTrue();
        assertThat(agree("{\"predictions\":[0]}", "{\"predictions\":[1e-12]}")).isFalse();
    }

    @Test
    void aMissingOrExtraNumberOrADifferentShapeDisagrees() {
        assertThat(agree("{\"predictions\":[1,2]}", "{\"predictions\":[1,2,3]}")).isFalse();
        assertThat(agree("{\"predictions\":[1,2]}", "{\"predictions\":[1,2],\"score\":4}")).isFalse();
        assertThat(agree("{\"predictions\":[1,2],\"score\":4}", "{\"predictions\":[1,2]}")).isFalse();
        assertThat(agree("{\"predictions\":[1,2]}", "{\"predictions\":{\"a\":1,\"b\":2}}")).isFalse();
        assertThat(agree("{\"predictions\":[1]}", "{\"predictions\":[\"1\"]}")).isFalse();
        assertThat(agree("{\"predictions\":[1],\"id\":\"a\"}", "{\"predictions\":[1],\"trace\":\"b\"}")).isTrue();
    }

    @Test
    void bodiesThatAreNotJsonMustBeEqualBytes() {
        assertThat(agree("cat", "cat")).isTrue();
        assertThat(agree("cat", "dog")).isFalse();
        assertThat(agree("{\"predictions\":[1]}", "oops")).isFalse();
    }

    @Test
    void aToleranceMustBeANonNegativeNumber() {
        assertThatThrownBy(() -> new OutputAgreement(Double.NaN)).hasMessageContaining("tolerance NaN");
        assertThatThrownBy(() -> new OutputAgreement(-1)).hasMessageContaining(">= 0");
    }
}
