package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 408 for a client that stops sending in the middle of a request head or body. */
@ExtendWith(LeakDetectionExtension.class)
class ReadTimeoutRepliesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(TestOrigin::start,
            authority -> HttpTestSupport.config("header-read-timeout: 300ms, body-read-timeout: 300ms",
                    HttpTestSupport.upstreamAndRoute(authority, "/", "")));

    @Test
    void headThatStopsArrivingIs408AndCloses() throws Exception {
        assertProblem(rig.client().write("GET /app HTTP/1.1\r\nHost: x\r\n").readResponse(), 408);
        assertThat(rig.client().isClosedByPeer(WAIT)).isTrue();
        assertThat(rig.origin().requests()).isEmpty();
    }

    @Test
    void bodyThatStopsArrivingIs408AndCloses() throws Exception {
        assertProblem(rig.client().write("POST /app HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                .readResponse(), 408);
        assertThat(rig.client().isClosedByPeer(WAIT)).isTrue();
        assertThat(rig.origin().awaitRequests(1, WAIT).get(0).complete()).isFalse();
    }
}
