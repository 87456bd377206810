package io.gatehouse.model;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.ModelRegistryConfig;
import io.gatehouse.config.ModelVersionConfig;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.testing.TestOrigin;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/** A registry with a control plane in front of scripted origins, a clock the test moves and counts it sets. */
final class ControlRig implements AutoCloseable {

    static final Duration LOAD_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    final AtomicLong nanos = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong activityReads = new AtomicLong();
    final GatewayMetrics metrics = new GatewayMetrics();
    final ModelRegistry registry = new ModelRegistry(nanos::get, metrics);
    final Map<String, List<InetSocketAddress>> upstreams = new HashMap<>();
    final ModelStateStore store;
    final ModelControl control;

    ControlRig(ModelStateStore store, TestOrigin... origins) {
        this.store = store;
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (TestOrigin origin : origins) {
            addresses.add(new InetSocketAddress("127.0.0.1", origin.port()));
        }
        upstreams.put("backends", addresses);
        ModelRegistryConfig settings = new ModelRegistryConfig(null, Duration.ofHours(1), LOAD_TIMEOUT,
                DRAIN_TIMEOUT);
        control = new ModelControl(registry, store, upstreams::get, () -> settings, nanos::get,
                Duration.ofMillis(5));
        control.activity(new VersionActivity() {
            @Override
            public long inFlight(String model, String version) {
                activityReads.incrementAndGet();
                return inFlight.get();
            }

            @Override
            public long queued(String model, String version) {
                return 0;
            }
        });
        control.restore();
    }

    ControlRig(TestOrigin... origins) {
        this(ModelStateStore.inMemory(), origins);
    }

    /** A model "lin" on upstream "backends" with the given versions and labels. */
    static ModelConfig model(ModelProtocol protocol, boolean managed, Map<String, String> labels, String... versions) {
        List<ModelVersionConfig> declared = new ArrayList<>();
        for (String version : versions) {
            declared.add(new ModelVersionConfig(version, "backends"));
        }
        return new ModelConfig("lin", protocol, "lin", "backends", declared, labels, ModelConfig.LATEST, null, null,
                ModelQueueConfig.DEFAULT, managed, null, List.of());
    }

    static ModelConfig openInference(Map<String, String> labels, String... versions) {
        return model(ModelProtocol.OPEN_INFERENCE_V2, true, labels, versions);
    }

    void markAvailable(String version) {
        registry.updateModel("lin", m -> m.withVersion(m.versions().get(version)
                .withState(VersionState.AVAILABLE, null)));
    }

    VersionView version(String version) {
        return registry.model("lin").versions().get(version);
    }

    static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Override
    public void close() {
        control.close();
    }
}
