package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.http.allow-trace: true} forwards TRACE; CONNECT stays refused whatever the setting. */
@ExtendWith(LeakDetectionExtension.class)
class AllowTraceIntegrationTest {

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(TestOrigin::start, authority -> HttpTestSupport.config(
            "http: { allow-trace: true }", HttpTestSupport.upstreamAndRoute(authority, "/", "")));

    @Test
    void traceIsForwardedWhenAllowed() throws Exception {
        RawResponse response = rig.client().write("TRACE /t HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(rig.origin().awaitRequests(1, Duration.ofSeconds(5))).extracting(RecordedRequest::method)
                .containsExactly("TRACE");
    }

    @Test
    void connectIsStillRefused() throws Exception {
        RawResponse response = rig.client().write("CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n").readResponse();
        HttpTestSupport.assertProblem(response, 405);
        assertThat(response.header("allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertThat(rig.origin().requests()).isEmpty();
    }
}
