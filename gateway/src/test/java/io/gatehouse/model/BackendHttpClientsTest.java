package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.UpstreamTlsConfig;
import io.gatehouse.testing.Eventually;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One HTTPS client per TLS setting, kept while the setting is in use: a dropped one is no longer handed out, and
 * once nothing references it the JDK ends its selector thread, so a dropped setting leaves no thread behind.
 */
class BackendHttpClientsTest {

    private static final UpstreamTlsConfig ANY_CERTIFICATE = new UpstreamTlsConfig(null, false, null, null, null);
    private static final UpstreamTlsConfig NAMED = new UpstreamTlsConfig(null, true, "backend.test", null, null);

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final BackendHttpClients clients = new BackendHttpClients(executor, Duration.ofSeconds(1));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void oneClientPerSettingAndOnlyTheRetainedOnesStay() {
        HttpClient anyFirst = clients.client(ANY_CERTIFICATE, "10.0.0.1");
        HttpClient named = clients.client(NAMED, "10.0.0.1");
        assertThat(clients.client(ANY_CERTIFICATE, "10.0.0.1")).isSameAs(anyFirst);
        assertThat(clients.client(NAMED, "10.0.0.2")).as("server-name, not the host, is checked").isSameAs(named);
        assertThat(clients.client(ANY_CERTIFICATE, "10.0.0.2")).isNotSameAs(anyFirst);
        assertThat(clients.client(null, "10.0.0.1")).as("cleartext").isNotIn(anyFirst, named);
        assertThat(clients.settings()).containsExactlyInAnyOrder(
                new BackendHttpClients.Setting(ANY_CERTIFICATE, "10.0.0.1"),
                new BackendHttpClients.Setting(ANY_CERTIFICATE, "10.0.0.2"),
                new BackendHttpClients.Setting(NAMED, "backend.test"));

        clients.retain(Set.of(BackendHttpClients.Setting.of(NAMED, "10.0.0.9")));

        assertThat(clients.settings()).containsExactly(new BackendHttpClients.Setting(NAMED, "backend.test"));
        assertThat(clients.client(NAMED, "10.0.0.1")).isSameAs(named);
        assertThat(clients.client(ANY_CERTIFICATE, "10.0.0.1")).as("built anew when needed again")
                .isNotSameAs(anyFirst);
    }

    @Test
    void aDroppedClientsSelectorThreadEnds() {
        Thread selector = selectorThreadOf(ANY_CERTIFICATE);
        assertThat(selector.isAlive()).isTrue();

        clients.retain(Set.of());

        assertThat(clients.settings()).isEmpty();
        // The thread exits at its next wake-up (3 s at most) after a collection cleared the client; the thread
        // itself holds the client's internals but not the client.
        long[] nextCollection = {System.nanoTime()};
        Eventually.await(selector.getName() + " ended", Duration.ofSeconds(30), () -> {
            if (System.nanoTime() - nextCollection[0] >= 0) {
                System.gc();
                nextCollection[0] = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
            return !selector.isAlive();
        });
    }

    /** Builds the client in a frame of its own, so that no local variable of the test keeps it reachable. */
    private Thread selectorThreadOf(UpstreamTlsConfig tls) {
        // The JDK's client shows its id last, "...(7)"; its selector thread is "HttpClient-7-SelectorManager".
        String shown = clients.client(tls, "10.0.0.1").toString();
        String name = "HttpClient-" + shown.substring(shown.lastIndexOf('(') + 1, shown.length() - 1)
                + "-SelectorManager";
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no thread " + name + " for " + shown));
    }
}
