package io.gatehouse.model;

import static io.gatehouse.model.ControlRig.crc;
import static io.gatehouse.model.ControlRig.openInference;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.ModelVersionConfig;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Versions that leave the registry's desired state, against scripted backends: what the control plane unloads,
 * where, when, and what node state it drops.
 */
class VersionRetirementTest extends TwoBackendsTest {

    private static void serve(TestOrigin origin) {
        origin.on(LOAD_PATH, Behaviour.status(200).body("{}")).on(UNLOAD_PATH, Behaviour.status(200).body("{}"))
                .on("/v2/models/lin/versions/1/ready", Behaviour.status(200).body("{}"))
                .on("/v2/models/lin/versions/2/ready", Behaviour.status(200).body("{}"));
    }

    private static List<RecordedRequest> calls(TestOrigin origin, String path) {
        return origin.requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Model "lin" with version 1 on "backends" and version 2 on {@code upstream}. */
    private static ModelConfig withVersion2On(String upstream) {
        return new ModelConfig("lin", ModelProtocol.OPEN_INFERENCE_V2, "lin", "backends",
                List.of(new ModelVersionConfig("1", "backends"), new ModelVersionConfig("2", upstream)), Map.of(),
                ModelConfig.LATEST, null, null, ModelQueueConfig.DEFAULT, true, null, List.of());
    }

    @Test
    void aVersionTheConfigDropsIsDrainedThenUnloadedAndNothingElseStartsOnItMeanwhile() {
        serve(first);
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "1", "2")));
        rig.control.reconcile().join();
        assertThat(rig.version("2").state()).isEqualTo(VersionState.AVAILABLE);
        rig.inFlight.set(1);

        rig.registry.apply(List.of(openInference(Map.of(), "1")));

        assertThat(rig.registry.model("lin").versions()).containsOnlyKeys("1");
        long readsBefore = rig.activityReads.get();
        Eventually.await("the drain polled a few times", WAIT, () -> rig.activityReads.get() >= readsBefore + 3);
        assertThat(calls(first, UNLOAD_PATH)).isEmpty();
        CompletionException busy = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> rig.control.load("lin", "2", null).join(), CompletionException.class);
        assertThat(busy.getCause()).isInstanceOfSatisfying(ModelControlException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("is being unloaded (it left the config)");
        });
        rig.inFlight.set(0);

        Eventually.await("unloaded on the backend", WAIT, () -> !calls(first, UNLOAD_PATH).isEmpty());
        assertThat(calls(first, UNLOAD_PATH)).singleElement()
                .satisfies(unload -> assertThat(unload.bodyCrc32()).isEqualTo(crc(VERSIONS_2)));
        Eventually.await("the version free again", WAIT, () -> {
            try {
                return rig.control.load("lin", "2", null).join().available();
            } catch (CompletionException stillBusy) {
                return false;
            }
        });
    }

    @Test
    void aVersionMovedToAnotherUpstreamIsUnloadedOnlyFromEndpointsItNoLongerHas() {
        serve(first);
        serve(second);
        rig = new ControlRig(first);
        InetSocketAddress firstAddress = rig.upstreams.get("backends").get(0);
        rig.upstreams.put("alias", List.of(firstAddress));
        rig.upstreams.put("others", List.of(new InetSocketAddress("127.0.0.1", second.port())));
        rig.registry.apply(List.of(withVersion2On("backends")));
        rig.control.reconcile().join();

        rig.registry.apply(List.of(withVersion2On("alias")));
        awaitAvailableOn("alias");
        assertThat(calls(first, UNLOAD_PATH)).as("the same backend under another name keeps it").isEmpty();

        rig.registry.apply(List.of(withVersion2On("others")));
        awaitAvailableOn("others");
        assertThat(calls(first, UNLOAD_PATH)).singleElement()
                .satisfies(unload -> assertThat(unload.bodyCrc32()).isEqualTo(crc(VERSIONS_2)));
        assertThat(calls(second, UNLOAD_PATH)).isEmpty();
        assertThat(calls(second, LOAD_PATH)).hasSize(1);
    }

    private void awaitAvailableOn(String upstream) {
        Eventually.await("version 2 AVAILABLE on " + upstream, WAIT, () -> {
            rig.control.reconcile().join();
            VersionView version = rig.version("2");
            return version.upstream().equals(upstream) && version.available();
        });
    }

    @Test
    void aVersionDroppedWhileItLoadsIsUnloadedOnceTheLoadIsOver() {
        CompletableFuture<Void> loadAnswer = new CompletableFuture<>();
        serve(first);
        first.on(LOAD_PATH, Behaviour.status(200).body("{}").holdResponseUntil(loadAnswer));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "2")));
        CompletableFuture<Void> reconciled = rig.control.reconcile();
        Eventually.await("the load sent", WAIT, () -> calls(first, LOAD_PATH).size() == 1);

        rig.registry.apply(List.of(openInference(Map.of())));
        assertThat(rig.registry.model("lin").versions()).isEmpty();
        loadAnswer.complete(null);
        reconciled.join();

        Eventually.await("unloaded after the load", WAIT, () -> calls(first, UNLOAD_PATH).size() == 1);
        List<String> order = first.requests().stream().map(RecordedRequest::path)
                .filter(path -> path.equals(LOAD_PATH) || path.equals(UNLOAD_PATH)).toList();
        assertThat(order).containsExactly(LOAD_PATH, UNLOAD_PATH);
        assertThat(rig.registry.model("lin").versions()).isEmpty();
    }

    @Test
    void theNodeStateOfAVersionThatLeavesGoesWhileAVersionThatStaysKeepsItsOwn() {
        rig = new ControlRig(first);
        GatewayMetrics metrics = rig.metrics;
        rig.registry.apply(List.of(ControlRig.model(ModelProtocol.OPEN_INFERENCE_V2, false, Map.of(), "1", "2")));
        VersionQueue kept = queue("1");
        VersionQueue leaving = queue("2");
        metrics.forModelVersion("lin", "1", kept::inFlight, kept::queued).record(200, 1_000);
        metrics.forModelVersion("lin", "2", leaving::inFlight, leaving::queued).record(200, 1_000);

        rig.registry.apply(List.of(ControlRig.model(ModelProtocol.OPEN_INFERENCE_V2, false, Map.of(), "1")));

        Eventually.await("version 2's meters gone", WAIT, () -> !metrics.scrape().contains("version=\"2\""));
        assertThat(queue("2")).isNotSameAs(leaving);
        assertThat(queue("1")).isSameAs(kept);
        assertThat(metrics.scrape()).contains("gatehouse_model_requests_total{model=\"lin\",status=\"2xx\","
                + "version=\"1\"} 1.0");
        assertThat(calls(first, UNLOAD_PATH)).as("unmanaged: nothing to unload").isEmpty();

        // State that requests recreate for a version that is gone goes with the next sweep.
        VersionQueue recreated = queue("2");
        metrics.forModelVersion("lin", "2", recreated::inFlight, recreated::queued);
        rig.control.start();
        Eventually.await("recreated state swept", WAIT, () -> !metrics.scrape().contains("version=\"2\""));
        assertThat(queue("1")).isSameAs(kept);
    }

    private VersionQueue queue(String version) {
        return rig.registry.load().queue("lin", version, ModelQueueConfig.DEFAULT);
    }
}
