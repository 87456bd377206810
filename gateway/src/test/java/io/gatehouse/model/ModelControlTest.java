package io.gatehouse.model;

import static io.gatehouse.model.ControlRig.crc;
import static io.gatehouse.model.ControlRig.openInference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ModelControlTest extends TwoBackendsTest {

    private static final String READY_2 = "/v2/models/lin/versions/2/ready";

    @Test
    void loadCallsEveryEndpointForExactlyThatVersionAndWaitsUntilAllAreReady() {
        for (TestOrigin origin : List.of(first, second)) {
            origin.on(LOAD_PATH, Behaviour.status(200).body("{}"))
                    .on(READY_2, Behaviour.sequence(Behaviour.status(400).body("{\"error\": \"loading\"}"),
                            Behaviour.status(200).body("{\"ready\": true}")));
        }
        rig = new ControlRig(first, second);
        rig.registry.apply(List.of(openInference(Map.of(), "1")));

        VersionView loaded = rig.control.load("lin", "2", null).join();

        assertThat(loaded.state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(rig.version("2")).isEqualTo(loaded);
        assertThat(rig.version("2").upstream()).isEqualTo("backends");
        for (TestOrigin origin : List.of(first, second)) {
            List<RecordedRequest> loads = origin.requests().stream().filter(r -> r.path().equals(LOAD_PATH)).toList();
            assertThat(loads).singleElement().satisfies(load -> {
                assertThat(load.method()).isEqualTo("POST");
                assertThat(load.bodyCrc32()).isEqualTo(crc(VERSIONS_2));
            });
            assertThat(origin.requests().stream().filter(r -> r.path().equals(READY_2))).hasSize(2);
        }
        assertThat(rig.control.readiness("lin", "2")).extracting(BackendClient.Answer::ok).containsExactly(true, true);
        assertThat(rig.registry.overrides().of("lin").loaded()).containsEntry("2", "backends");
    }

    @Test
    void aRefusedLoadEndsInEndWithTheBackendsErrorAndChangesNothingElse() {
        first.on(LOAD_PATH, Behaviour.status(400).body("{\"error\": \"version 2: protobuf parsing failed\"}"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of("stable", "1"), "1")));
        rig.markAvailable("1");

        assertThatThrownBy(() -> rig.control.load("lin", "2", null).join())
                .cause().isInstanceOfSatisfying(ModelControlException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("protobuf parsing failed").contains("END");
                });

        assertThat(rig.version("2").state()).isEqualTo(VersionState.END);
        assertThat(rig.version("2").error()).contains("refused with 400: version 2: protobuf parsing failed");
        assertThat(rig.version("1").state()).isEqualTo(VersionState.AVAILABLE);
        assertThat(rig.registry.model("lin").labels()).containsExactly(Map.entry("stable", "1"));
        assertThat(first.requests()).noneMatch(r -> r.path().equals(READY_2));
    }

    @Test
    void aLoadNotReadyBeforeTheLoadTimeoutEndsInEnd() {
        first.on(LOAD_PATH, Behaviour.status(200).body("{}"))
                .on(READY_2, Behaviour.status(400).body("{\"error\": \"version 2 is LOADING\"}"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "1")));

        CompletableFuture<VersionView> load = rig.control.load("lin", "2", null);
        Eventually.await("readiness polled", WAIT,
                () -> first.requests().stream().filter(r -> r.path().equals(READY_2)).count() >= 2);
        assertThat(load).isNotDone();
        assertThat(rig.version("2").state()).isEqualTo(VersionState.LOADING);
        rig.nanos.addAndGet(ControlRig.LOAD_TIMEOUT.toNanos());

        assertThatThrownBy(load::join).cause().isInstanceOfSatisfying(ModelControlException.class,
                e -> assertThat(e.status()).isEqualTo(504));
        assertThat(rig.version("2").state()).isEqualTo(VersionState.END);
        assertThat(rig.version("2").error()).startsWith("not ready after 10000 ms: 127.0.0.1:")
                .contains("version 2 is LOADING");
    }

    @Test
    void unloadWaitsForTheRequestsInFlightThenUnloadsExactlyThatVersion() {
        first.on(UNLOAD_PATH, Behaviour.status(200).body("{}"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "1", "2")));
        rig.markAvailable("1");
        rig.markAvailable("2");
        rig.inFlight.set(1);

        CompletableFuture<VersionView> unload = rig.control.unload("lin", "2");
        Eventually.await("the drain polled a few times", WAIT, () -> rig.activityReads.get() >= 3);
        assertThat(rig.version("2").state()).isEqualTo(VersionState.UNLOADING);
        assertThat(first.requests()).isEmpty();
        rig.inFlight.set(0);

        VersionView done = unload.join();
        assertThat(done.state()).isEqualTo(VersionState.END);
        assertThat(done.error()).isNull();
        assertThat(first.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(UNLOAD_PATH);
            assertThat(r.bodyCrc32()).isEqualTo(crc(VERSIONS_2));
        });
        assertThat(rig.registry.model("lin").versions()).containsOnlyKeys("1");
        assertThat(rig.registry.overrides().of("lin").unloaded()).containsExactly("2");
    }

    @Test
    void unloadGoesAheadOnceTheDrainTimeoutPasses() {
        first.on(UNLOAD_PATH, Behaviour.status(200).body("{}"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of(), "1", "2")));
        rig.markAvailable("2");
        rig.inFlight.set(3);

        CompletableFuture<VersionView> unload = rig.control.unload("lin", "2");
        Eventually.await("the drain polled", WAIT, () -> rig.activityReads.get() >= 2);
        rig.nanos.addAndGet(ControlRig.DRAIN_TIMEOUT.toNanos());

        assertThat(unload.join().state()).isEqualTo(VersionState.END);
        assertThat(first.requests()).extracting(RecordedRequest::path).containsExactly(UNLOAD_PATH);
    }

    @Test
    void labelsMoveOnlyToAvailableVersionsAndPinTheirVersion() {
        first.on(LOAD_PATH, Behaviour.status(200).body("{}"))
                .on(READY_2, Behaviour.status(400).body("{\"error\": \"loading\"}"));
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of("stable", "1"), "1")));
        rig.markAvailable("1");
        CompletableFuture<VersionView> loading = rig.control.load("lin", "2", null);
        Eventually.await("version 2 loading", WAIT, () -> rig.version("2") != null
                && rig.version("2").state() == VersionState.LOADING);

        assertThat(status(rig.control.moveLabel("lin", "stable", "2"))).isEqualTo(409);
        assertThat(message(rig.control.moveLabel("lin", "stable", "2")))
                .contains("only move to an AVAILABLE version").contains("is LOADING");
        assertThat(status(rig.control.unload("lin", "2"))).isEqualTo(409);
        assertThat(status(rig.control.unload("lin", "1"))).isEqualTo(409);
        assertThat(message(rig.control.unload("lin", "1"))).contains("label 'stable'").contains("move it");
        assertThat(status(rig.control.moveLabel("lin", "stable", "7"))).isEqualTo(404);
        assertThat(status(rig.control.moveLabel("nothing", "stable", "1"))).isEqualTo(404);
        rig.nanos.addAndGet(ControlRig.LOAD_TIMEOUT.toNanos());
        assertThatThrownBy(loading::join).isInstanceOf(CompletionException.class);

        rig.markAvailable("2");
        ModelView moved = rig.control.moveLabel("lin", "stable", "2").join();
        assertThat(moved.labels()).containsExactly(Map.entry("stable", "2"));
        assertThat(rig.registry.model("lin").resolve("stable").version()).isEqualTo("2");
        assertThat(rig.registry.overrides().of("lin").labels()).containsExactly(Map.entry("stable", "2"));
    }

    @Test
    void trafficIsValidatedThenSet() {
        rig = new ControlRig(first);
        rig.registry.apply(List.of(openInference(Map.of("stable", "1"), "1", "2")));

        assertThat(message(rig.control.setTraffic("lin", new TrafficConfig(Map.of("canary", 10), false, null),
                null))).contains("weights.canary: names no label or version");
        assertThat(message(rig.control.setTraffic("lin", new TrafficConfig(Map.of("1", 0), false, null),
                new ShadowConfig("2", 150)))).contains("all are 0").contains("shadow.percent: 150.0");

        ModelView set = rig.control.setTraffic("lin", new TrafficConfig(Map.of("stable", 90, "2", 10), true, null),
                new ShadowConfig("2", 5)).join();
        assertThat(set.traffic().weights()).containsOnly(Map.entry("stable", 90), Map.entry("2", 10));
        assertThat(set.shadow()).isEqualTo(new ShadowConfig("2", 5));
        assertThat(status(rig.control.unload("lin", "2"))).isEqualTo(409);
    }

    private static int status(CompletableFuture<?> future) {
        return failure(future).status();
    }

    private static String message(CompletableFuture<?> future) {
        return failure(future).getMessage();
    }

    private static ModelControlException failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ModelControlException control) {
                return control;
            }
            throw e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
