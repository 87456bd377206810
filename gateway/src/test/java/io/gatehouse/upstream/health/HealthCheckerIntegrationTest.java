package io.gatehouse.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.HealthCheckConfig;
import io.gatehouse.config.StatusSet;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawOrigin;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.gatehouse.upstream.Endpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class HealthCheckerIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final StatusSet SUCCESS = StatusSet.range(200, 299);

    /** A verdict change as the checker reported it, with how many checks the origin had seen by then. */
    private record Change(boolean healthy, int checksSeen) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Change> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        // Checkers before the origins they check, the loop last.
        Collections.reverse(resources);
        resources.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        TestResources.closeAll(resources.toArray(AutoCloseable[]::new));
    }

    @Test
    void httpChecksCountFailuresAndSuccessesInARowBeforeChangingTheVerdict() throws IOException {
        // 404 is a wrong status like 503; 204 is within 2xx. Down at the 5th check, up again at the 9th.
        int[] statuses = {204, 503, 200, 503, 404, 200, 500, 200, 200};
        AtomicInteger served = new AtomicInteger();
        RawOrigin origin = keep(RawOrigin.start(head -> {
            int n = served.getAndIncrement();
            int status = n < statuses.length ? statuses[n] : 200;
            return "HTTP/1.1 " + status + " Scripted\r\nContent-Length: 2\r\n\r\nok" + RawOrigin.CLOSE;
        }));
        Endpoint endpoint = endpoint(origin.authority(), port(origin.authority()));

        start(endpoint, http("/healthz", 2, 2, TIMEOUT), () -> origin.heads().size());

        Eventually.await("the endpoint down and up again", TIMEOUT, () -> changes.size() == 2);
        assertThat(changes).containsExactly(new Change(false, 5), new Change(true, 9));
        assertThat(endpoint.health().checkFailing()).isFalse();
    }

    @Test
    void theRequestCarriesThePathAndTheEndpointsAuthority() {
        TestOrigin origin = keep(TestOrigin.start());
        // The authority an endpoint is known by, not the address it resolved to, is what the origin expects.
        Endpoint endpoint = endpoint("users.example:8080", origin.port());

        start(endpoint, http("/status/ready?probe=1", 1, 1, TIMEOUT), () -> origin.requests().size());

        RecordedRequest check = origin.awaitRequests(1, TIMEOUT).get(0);
        assertThat(check.method()).isEqualTo("GET");
        assertThat(check.uri()).isEqualTo("/status/ready?probe=1");
        assertThat(check.header("host")).isEqualTo("users.example:8080");
        assertThat(check.header("user-agent")).isEqualTo("gatehouse-health-check");
        assertThat(check.header("connection")).isEqualTo("close");
        assertThat(check.bodyBytes()).isZero();
    }

    @Test
    void anOriginThatNeverAnswersFailsByTimeout() {
        TestOrigin origin = keep(TestOrigin.start().on("/healthz", Behaviour.status(200).delay(Duration.ofMinutes(1))));
        Endpoint endpoint = endpoint(origin.authority(), origin.port());

        start(endpoint, http("/healthz", 2, 1, Duration.ofMillis(100)), () -> origin.requests().size());

        Eventually.await("the endpoint marked unhealthy", TIMEOUT, () -> !changes.isEmpty());
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.healthy()).isFalse();
            assertThat(change.checksSeen()).isEqualTo(2);
        });
        assertThat(endpoint.health().checkFailing()).isTrue();
    }

    @Test
    void tcpCheckFailsAgainstAClosedPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Endpoint endpoint = endpoint("127.0.0.1:" + closedPort, closedPort);

        start(endpoint, tcp(2, 1), () -> 0);

        Eventually.await("the endpoint marked unhealthy", TIMEOUT, () -> !changes.isEmpty());
        assertThat(changes).containsExactly(new Change(false, 0));
        assertThat(endpoint.health().checkFailing()).isTrue();
    }

    @Test
    void tcpCheckSucceedsAgainstAListeningPortWithoutSendingARequest() {
        TestOrigin origin = keep(TestOrigin.start());
        Endpoint endpoint = endpoint(origin.authority(), origin.port());
        endpoint.health().checkFailing(true);

        start(endpoint, tcp(1, 2), () -> 0);

        Eventually.await("the endpoint marked healthy", TIMEOUT, () -> !changes.isEmpty());
        assertThat(changes).containsExactly(new Change(true, 0));
        assertThat(endpoint.health().checkFailing()).isFalse();
        Eventually.await("the origin to see both checks", TIMEOUT, () -> origin.connectionsAccepted() >= 2);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void closeStopsEveryLaterCheck() {
        TestOrigin origin = keep(TestOrigin.start("closed"));
        TestOrigin control = keep(TestOrigin.start("control"));
        HealthChecker checker = start(endpoint(origin.authority(), origin.port()),
                http("/healthz", 1, 1, TIMEOUT), () -> origin.requests().size());
        start(endpoint(control.authority(), control.port()), http("/healthz", 1, 1, TIMEOUT),
                () -> control.requests().size());
        origin.awaitRequests(2, TIMEOUT);

        checker.close();
        // The control checker runs on the same loop at the same interval: its checks measure the time that passed.
        // Two of them let a check that was connecting at the close reach the origin, then five must add nothing.
        control.awaitRequests(control.requests().size() + 2, TIMEOUT);
        int accepted = origin.connectionsAccepted();
        control.awaitRequests(control.requests().size() + 5, TIMEOUT);

        assertThat(origin.connectionsAccepted()).isEqualTo(accepted);
        assertThat(origin.openConnections()).isZero();
    }

    @Test
    void closeAbandonsTheCheckInFlightWithoutCountingIt() {
        TestOrigin origin = keep(TestOrigin.start().on("/healthz", Behaviour.status(200).delay(Duration.ofMinutes(1))));
        Endpoint endpoint = endpoint(origin.authority(), origin.port());
        HealthChecker checker = start(endpoint, http("/healthz", 1, 1, Duration.ofMinutes(1)),
                () -> origin.requests().size());
        origin.awaitRequests(1, TIMEOUT);

        checker.close();

        // Long before the check's own timeout.
        origin.awaitOpenConnections(0, TIMEOUT);
        assertThat(changes).isEmpty();
        assertThat(endpoint.health().checkFailing()).isFalse();
        assertThat(origin.connectionsAccepted()).isEqualTo(1);
    }

    private HealthChecker start(Endpoint endpoint, HealthCheckConfig config, IntSupplier checksSeen) {
        HealthChecker checker = new HealthChecker(endpoint, config, (EventLoop) group.next(), NioSocketChannel.class,
                () -> changes.add(new Change(!endpoint.health().checkFailing(), checksSeen.getAsInt())));
        resources.add(checker);
        checker.start();
        return checker;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private static HealthCheckConfig http(String path, int unhealthy, int healthy, Duration timeout) {
        return new HealthCheckConfig(path, SUCCESS, INTERVAL, timeout, healthy, unhealthy, Duration.ofMillis(10));
    }

    private static HealthCheckConfig tcp(int unhealthy, int healthy) {
        return new HealthCheckConfig(null, StatusSet.NONE, INTERVAL, TIMEOUT, healthy, unhealthy,
                Duration.ofMillis(10));
    }

    private static Endpoint endpoint(String authority, int port) {
        return new Endpoint(authority, new InetSocketAddress("127.0.0.1", port), 1, null, 1);
    }

    private static int port(String authority) {
        return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
    }
}
