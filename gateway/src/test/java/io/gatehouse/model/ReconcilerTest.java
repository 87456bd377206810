package io.gatehouse.model;

import static io.gatehouse.model.ControlRig.openInference;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelProtocol;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest extends TwoBackendsTest {

    private static final String READY_1 = "/v2/models/lin/versions/1/ready";

    @Test
    void theFirstRoundLoadsEveryConfiguredVersion() {
        first.on(LOAD_PATH, Behaviour.status(200).body("{}")).on(READY_1, Behaviour.status(200));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of("stable", "1"), "1")));
        assertThat(rig.version("1").state()).isEqualTo(VersionState.START);

        rig.control.reconcile().join();

        assertThat(rig.version("1").state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(first.requests()).extracting(RecordedRequest::path).containsExactly(LOAD_PATH, READY_1);
    }

    @Test
    void anEndpointThatLostTheVersionGetsItsLoadAgainWhileTheOtherKeepsServing() {
        first.on(READY_1, Behaviour.status(200));
        second.on(LOAD_PATH, Behaviour.status(200).body("{}"))
                .on(READY_1, Behaviour.sequence(Behaviour.status(404).body("{\"error\": \"unknown model\"}"),
                        Behaviour.status(200)));
        rig = new ControlRig(first, second);
        rig.registry.apply(List.of(openInference(Map.of(), "1")));
        rig.markAvailable("1");

        rig.control.reconcile().join();

        assertThat(rig.version("1").state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(first.requests()).extracting(RecordedRequest::path).containsOnly(READY_1);
        assertThat(second.requests()).extracting(RecordedRequest::path).containsExactly(READY_1, LOAD_PATH, READY_1);
        rig.control.reconcile().join();
        assertThat(second.requests()).extracting(RecordedRequest::path).containsExactly(READY_1, LOAD_PATH, READY_1,
                READY_1);
    }

    @Test
    void aReloadThatFailsIsTriedAgainOnTheNextRound() {
        first.on(READY_1, Behaviour.sequence(Behaviour.status(404), Behaviour.status(200)))
                .on(LOAD_PATH, Behaviour.sequence(Behaviour.status(503).body("{\"error\": \"restarting\"}"),
                        Behaviour.status(200).body("{}")));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "1")));
        rig.markAvailable("1");

        rig.control.reconcile().join();
        assertThat(rig.version("1").state()).isEqualTo(VersionState.END);
        assertThat(rig.version("1").error()).contains("restarting");

        rig.control.reconcile().join();
        assertThat(rig.version("1").state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(rig.version("1").error()).isNull();
    }

    @Test
    void anUnmanagedVersionIsOnlyPolledAndBecomesAvailableWhenReady() {
        String status = "/v1/models/lin/versions/1";
        String loading = "{\"model_version_status\": [{\"version\": \"1\", \"state\": \"LOADING\"}]}";
        first.on(status, Behaviour.sequence(Behaviour.status(200).body(loading),
                Behaviour.status(200).body(loading.replace("LOADING", "AVAILABLE"))));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(ControlRig.model(ModelProtocol.TFSERVING, false, Map.of(), "1")));

        rig.control.reconcile().join();

        assertThat(rig.version("1").state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(first.requests()).extracting(RecordedRequest::path).containsExactly(status, status);
    }

    @Test
    void torchServeVersionsAreRegisteredDescribedAndUnregisteredOneByOne() {
        first.on("/models", Behaviour.status(200).body("{\"status\": \"registered\"}"))
                .on("/models/lin/2", Behaviour.status(200).body("[{\"modelVersion\": \"2\"}]"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(ControlRig.model(ModelProtocol.TORCHSERVE, true, Map.of(), "1")));

        assertThat(rig.control.load("lin", "2", null).join().state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(rig.control.unload("lin", "2").join().state()).isEqualTo(VersionState.END);

        assertThat(first.requests()).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "POST /models?url=lin.mar&model_name=lin&model_version=2&initial_workers=1",
                "GET /models/lin/2",
                "DELETE /models/lin/2");
    }
}
