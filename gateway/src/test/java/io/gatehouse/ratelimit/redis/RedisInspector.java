package io.gatehouse.ratelimit.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.TimeUnit;

/** A blocking Redis client of the test's own, to look at and tamper with what the limiters keep. */
final class RedisInspector implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisInspector(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
    }

    RedisCommands<String, String> redis() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
