package io.gatehouse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.EventExecutor;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(LeakDetectionExtension.class)
class TransportTest {

    private static final String ROUTES = """
            upstreams:
              app: { endpoints: [ { address: "127.0.0.1:9" } ] }
            routes:
              - { name: app, match: { prefix: / }, upstream: app }
            """;

    private static boolean linuxAmd64() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        return os.toLowerCase(Locale.ROOT).startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void epollOnLinuxAmd64() {
        assumeTrue(linuxAmd64(), () -> "epoll is only asserted on Linux amd64; this is " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", where NIO is expected");
        assumeTrue(!"nio".equalsIgnoreCase(System.getProperty("gatehouse.transport")),
                "-Dgatehouse.transport=nio asks for NIO");
        assertThat(Epoll.unavailabilityCause()).as("why epoll did not load").isNull();
        assertThat(Transport.best()).isEqualTo(Transport.EPOLL);
    }

    @Test
    void nioCanBeForced() {
        String previous = System.getProperty("gatehouse.transport");
        System.setProperty("gatehouse.transport", "nio");
        try {
            assertThat(Transport.best()).isEqualTo(Transport.NIO);
        } finally {
            if (previous == null) {
                System.clearProperty("gatehouse.transport");
            } else {
                System.setProperty("gatehouse.transport", previous);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void gatewayRunsTheConfiguredNumberOfEventLoopsOnTheBestTransport(int eventLoops) throws Exception {
        try (TestGateway gateway = TestGateway.start(TestGateway.config(eventLoops, ROUTES))) {
            EventLoops loops = gateway.gateway().loops();
            assertThat(loops.count()).isEqualTo(eventLoops);
            Set<EventExecutor> executors = new HashSet<>();
            loops.group().forEach(executors::add);
            assertThat(executors).hasSize(eventLoops);
            assertThat(loops.transport()).isEqualTo(Transport.best());
            try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
                assertThat(client.write("GET /x HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status())
                        .as("nothing listens on port 9").isEqualTo(502);
            }
        }
    }

    @Test
    void zeroEventLoopsMeansOnePerProcessor() {
        try (TestGateway gateway = TestGateway.start(TestGateway.config(0, ROUTES))) {
            assertThat(gateway.gateway().loops().count()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }
}
