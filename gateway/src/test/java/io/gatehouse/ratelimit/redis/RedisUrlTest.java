package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.slowBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RedisServer;
import io.gatehouse.testing.TestResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A Redis that wants a password, reached with the password and database in the URL. */
@ExtendWith(LeakDetectionExtension.class)
class RedisUrlTest {

    private static RedisServer server;
    private final RedisConnections connections = new RedisConnections();

    @BeforeEach
    void startRedisOnce() {
        if (server == null) {
            server = RedisServer.start("--requirepass", "secret");
        }
    }

    @AfterAll
    static void stopRedis() {
        TestResources.closeAll(server);
        server = null;
    }

    @AfterEach
    void closeConnections() {
        connections.close();
    }

    @Test
    void usesThePasswordAndDatabaseOfTheUrl() {
        String url = "redis://:secret@127.0.0.1:" + server.port() + "/2";
        try (RedisRateLimiter limiter = new RedisRateLimiter(Limiters.config("db", slowBucket(5), url),
                connections, RecordingLimiter::new);
             RedisInspector inspector = new RedisInspector(url)) {

            assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(4);

            assertThat(inspector.redis().exists("gatehouse:ratelimit:db:tb:k")).isEqualTo(1);
            inspector.redis().select(0);
            assertThat(inspector.redis().exists("gatehouse:ratelimit:db:tb:k")).isZero();
            assertThat(limiter.redisName()).doesNotContain("secret").contains(Integer.toString(server.port()));
        }
    }

    @Test
    void aWrongPasswordFailsLikeAnyOutage() {
        String url = "redis://:wrong@127.0.0.1:" + server.port();
        try (RedisRateLimiter limiter = new RedisRateLimiter(Limiters.config("wrong", slowBucket(5), url),
                connections, RecordingLimiter::new)) {

            assertThat(decide(limiter, "k", 1).verdict()).isEqualTo(Verdict.UNAVAILABLE);
            assertThat(limiter.counters().failures()).isEqualTo(1);
            assertThat(limiter.state()).isEqualTo(RedisState.DOWN);
        }
    }
}
