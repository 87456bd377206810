package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.CapturedLogs;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Endpoints from DNS: every address of the name, on the configured port. */
@ExtendWith(LeakDetectionExtension.class)
class DnsDiscoveryIntegrationTest {

    private TestOrigin origin;
    private TestGateway gateway;
    private GatewayTraffic traffic;

    @AfterEach
    void tearDown() {
        TestResources.closeAll(traffic, gateway, origin);
    }

    private void start(String discovery, String upstreamSettings) {
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  app: { discovery: { %s }%s }
                routes:
                  - { name: app, match: { prefix: /app }, upstream: app }
                """.formatted(discovery, upstreamSettings)));
        traffic = new GatewayTraffic(gateway);
    }

    @Test
    void everyAddressOfTheNameIsAnEndpointAndTheOriginServes() throws Exception {
        origin = TestOrigin.start("dns");
        // The origin listens on 127.0.0.1 only; where localhost also has ::1, the check takes that one out.
        start("dns: \"localhost:" + origin.port() + "\", refresh: 1s",
                ", health-check: { tcp: { interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 1 } }");
        List<String> expected = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName("localhost")) {
            String host = NetUtil.toAddressString(address);
            String authority = (address instanceof Inet4Address ? host : "[" + host + "]") + ":" + origin.port();
            expected.add(authority);
            if (!authority.equals(origin.authority())) {
                unreachable.add(authority);
            }
        }
        assertThat(expected).contains(origin.authority());

        AdminUpstreams view = new AdminUpstreams(gateway);
        view.awaitAddresses("app", expected);
        for (String authority : unreachable) {
            view.awaitHealth("app", authority, "unhealthy");
        }
        assertThat(view.health("app", origin.authority())).isEqualTo("healthy");

        assertThat(traffic.statuses("/app/dns", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(origin, "/app/dns")).isEqualTo(4);
        assertThat(origin.requests().get(origin.requests().size() - 1).header("host")).isEqualTo("gatehouse.test");
    }

    @Test
    void aNameThatDoesNotResolveLeavesTheUpstreamWithoutEndpointsAndTheGatewayServing() {
        try (CapturedLogs logs = new CapturedLogs("io.gatehouse.upstream.discovery.DnsSource")) {
            start("dns: \"no-such-host.invalid:80\", refresh: 1s", "");
            logs.awaitMore("cannot resolve \"no-such-host.invalid\"", 0, Duration.ofSeconds(10));
        }
        assertThat(new AdminUpstreams(gateway).addresses("app")).isEmpty();
        assertThat(traffic.get("/app/x").status()).isEqualTo(503);
        assertThat(traffic.get("/app/x").bodyText()).contains("no endpoint of the upstream is available");
    }
}
