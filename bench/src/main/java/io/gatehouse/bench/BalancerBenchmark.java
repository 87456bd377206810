package io.gatehouse.bench;

import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.config.LimitsConfig;
import io.gatehouse.config.PoolConfig;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.lb.Balancers;
import io.gatehouse.upstream.lb.PickRequest;
import io.gatehouse.upstream.lb.Picker;
import io.gatehouse.upstream.lb.RandomSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one pick by each balancer over 10 endpoints of weights 1 to 3 with different latencies and requests
 * in flight, on one event loop, without slow start. Requests carry one of 1,024 hash keys in turn, so consistent
 * hashing hashes a different key each time (the other balancers ignore it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BalancerBenchmark {

    private static final int ENDPOINTS = 10;
    private static final int KEYS = 1024;

    @Param({"random", "round-robin", "weighted-round-robin", "least-connections", "least-latency",
            "consistent-hash"})
    public String balancer;

    private Picker picker;
    private final PickRequest[] requests = new PickRequest[KEYS];
    private int next;

    @Setup
    public void prepare() {
        List<Endpoint> endpoints = new ArrayList<>(ENDPOINTS);
        for (int i = 0; i < ENDPOINTS; i++) {
            String host = "10.0.0." + (i + 1);
            Endpoint endpoint = new Endpoint(host + ":8080", InetSocketAddress.createUnresolved(host, 8080),
                    1 + i % 3, null, 1);
            endpoint.latency().record((1 + i) * 1_000_000L, 0);
            for (int active = 0; active < i % 4; active++) {
                endpoint.requestStarted();
            }
            endpoints.add(endpoint);
        }
        UpstreamConfig config = new UpstreamConfig("bench", balancer, null, Duration.ZERO,
                new DiscoveryConfig.Static(List.of()), null, null, null, new LimitsConfig(1024, 1024, 1024),
                new PoolConfig(Duration.ofSeconds(60)), 0.5);
        picker = Balancers.create(config, 1, NanoClock.SYSTEM, RandomSource.THREAD_LOCAL).prepare(endpoints);
        for (int k = 0; k < KEYS; k++) {
            requests[k] = new PickRequest(0, "session-" + k * 7919, null, 0);
        }
    }

    @Benchmark
    public Endpoint pick() {
        return picker.pick(requests[next++ & (KEYS - 1)]);
    }
}
