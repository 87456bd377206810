package io.gatehouse.ratelimit.redis;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RedisServer;
import io.gatehouse.testing.TestResources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tests against a real redis-server, one per test class, emptied before each test; the limiters a test makes are
 * closed after it. Skipped, or failed under {@code gatehouse.services=required}, where redis-server is missing.
 */
@ExtendWith(LeakDetectionExtension.class)
abstract class RealRedisTest {

    static RedisServer server;
    static RedisInspector inspector;

    RedisConnections connections;
    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

    @AfterAll
    static void stopRedis() {
        TestResources.closeAll(inspector, server);
        inspector = null;
        server = null;
    }

    /** Starts Redis with the class's first test (so that a missing binary skips each test), then empties it. */
    @BeforeEach
    void startOrEmptyRedis() {
        if (server == null) {
            server = RedisServer.start();
            inspector = new RedisInspector(server.url());
        }
        inspector.redis().flushall();
        connections = new RedisConnections();
        closeAfterTest.add(connections);
    }

    @AfterEach
    void closeLimiters() {
        // limiters first, then the connections they used
        Collections.reverse(closeAfterTest);
        TestResources.closeAll(closeAfterTest.toArray(AutoCloseable[]::new));
        closeAfterTest.clear();
    }

    /** A FAIL_CLOSED limiter on the test's server, closed after the test. */
    RedisRateLimiter limiter(String name, LimitAlgorithm algorithm) {
        return limiter(Limiters.config(name, algorithm, server.url()), connections);
    }

    RedisRateLimiter limiter(LimiterConfig config, RedisConnections on) {
        return closing(new RedisRateLimiter(config, on, RecordingLimiter::new));
    }

    <T extends AutoCloseable> T closing(T resource) {
        closeAfterTest.add(resource);
        return resource;
    }

    /** The Redis key of {@code key} under limiter {@code name} whose algorithm has {@code tag}. */
    static String redisKey(String name, String tag, String key) {
        return "gatehouse:ratelimit:" + name + ":" + tag + ":" + key;
    }

    /** The Redis server's clock, in microseconds. */
    static long redisMicros() {
        List<String> time = inspector.redis().time();
        return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    }
}
