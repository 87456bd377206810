package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 100 Continue is sent only once the request will be forwarded; a refusal goes out instead, then the close. */
@ExtendWith(LeakDetectionExtension.class)
class ExpectContinueIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(TestOrigin::start, authority -> TestGateway.config(1,
            HttpTestSupport.upstreamAndRoute(authority, "/upload", "max-body-size: 1KiB")));

    private static String head(String path, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + contentLength
                + "\r\n\r\n";
    }

    @Test
    void acceptedRequestGets100ThenTheUpstreamResponse() throws Exception {
        rig.client().write(head("/upload", 5));
        assertThat(rig.client().readInformational().status()).isEqualTo(100);
        RawResponse response = rig.client().write("hello").readResponse();
        assertThat(response.status()).isEqualTo(200);
        RecordedRequest received = rig.origin().awaitRequests(1, WAIT).get(0);
        assertThat(received.bodyBytes()).isEqualTo(5);
        assertThat(received.header("expect")).isNull();
    }

    @Test
    void unroutedRequestGets404Instead() throws Exception {
        RawResponse response = rig.client().write(head("/elsewhere", 5)).readResponse();
        assertProblem(response, 404);
        assertThat(response.informational()).isEmpty();
        assertThat(rig.client().isClosedByPeer(WAIT)).isTrue();
    }

    @Test
    void oversizedRequestGets413Instead() throws Exception {
        RawResponse response = rig.client().write(head("/upload", 4096)).readResponse();
        assertProblem(response, 413);
        assertThat(response.informational()).isEmpty();
        assertThat(rig.client().isClosedByPeer(WAIT)).isTrue();
        assertThat(rig.origin().requests()).isEmpty();
    }
}
