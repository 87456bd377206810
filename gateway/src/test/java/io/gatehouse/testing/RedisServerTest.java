package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void stopsRestartsOnTheSamePortPausesAndResumes() {
        try (RedisServer server = RedisServer.start()) {
            int port = server.port();
            assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + port);
            assertThat(server.answersPing()).isTrue();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.answersPing()).isFalse();

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.answersPing()).isTrue();

            server.pause();
            assertThat(server.answersPing()).isFalse();
            server.resume();
            assertThat(server.answersPing()).isTrue();
        }
    }
}
