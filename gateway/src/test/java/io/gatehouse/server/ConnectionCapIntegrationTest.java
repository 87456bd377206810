package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.max-connections-per-client}: over the cap a connection is closed at accept and counted. */
@ExtendWith(LeakDetectionExtension.class)
class ConnectionCapIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String REFUSED = "gatehouse_downstream_connections_refused_total{reason=\"per-client-limit\"}";
    private static final String GET = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withoutClient(TestOrigin::start, authority -> TestGateway.config(2,
            "max-connections-per-client: 2", """
                    upstreams:
                      origin: { endpoints: [ { address: "%s" } ] }
                    routes:
                      - { name: main, match: { prefix: "/" }, upstream: origin }
                    """.formatted(authority)));

    @Test
    void aThirdConnectionFromOneAddressIsClosedAtAcceptAndCounted() throws Exception {
        AdminClient admin = rig.admin();
        try (RawHttpClient first = RawHttpClient.connect(rig.gateway().port());
             RawHttpClient second = RawHttpClient.connect(rig.gateway().port())) {
            assertThat(first.write(GET).readResponse().status()).isEqualTo(200);
            assertThat(second.write(GET).readResponse().status()).isEqualTo(200);
            try (RawHttpClient third = RawHttpClient.connect(rig.gateway().port())) {
                assertThat(third.isClosedByPeer(WAIT)).as("the connection over the cap is closed").isTrue();
            }
            assertThat(admin.metric(REFUSED)).isEqualTo(1);
            assertThat(first.write(GET).readResponse().status()).as("connections under the cap go on").isEqualTo(200);
        }
        Eventually.await("the closed connections to be released", WAIT,
                () -> admin.metric("gatehouse_downstream_connections_active") == 0);
        try (RawHttpClient again = RawHttpClient.connect(rig.gateway().port())) {
            assertThat(again.write(GET).readResponse().status()).as("a place freed by a close").isEqualTo(200);
        }
        assertThat(rig.origin().requests()).hasSize(4);
    }
}
