package io.gatehouse.upstream.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.gatehouse.config.DiscoveryConfig;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(5);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
            runnable -> new Thread(runnable, "discovery-test"));
    private final BlockingQueue<List<DiscoveredEndpoint>> reports = new LinkedBlockingQueue<>();
    private final ScriptedResolver resolver = new ScriptedResolver();
    private DnsSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        executor.shutdownNow();
    }

    private void start(String host, Duration refresh, HostResolver hostResolver) {
        source = new DnsSource("api", new DiscoveryConfig.Dns(host, 8080, refresh), executor, hostResolver);
        source.start(reports::add);
    }

    private List<DiscoveredEndpoint> nextReport() throws InterruptedException {
        List<DiscoveredEndpoint> report = reports.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(report).as("a report within " + WAIT).isNotNull();
        return report;
    }

    private static List<String> authorities(List<DiscoveredEndpoint> list) {
        return list.stream().map(DiscoveredEndpoint::authority).toList();
    }

    @Test
    void resolvesLocalhostWithTheSystemResolverAtOnce() throws Exception {
        start("localhost", Duration.ofHours(1), HostResolver.SYSTEM);

        List<DiscoveredEndpoint> list = nextReport();

        assertThat(authorities(list)).contains("127.0.0.1:8080").isSubsetOf("127.0.0.1:8080", "[::1]:8080");
        assertThat(list).allSatisfy(endpoint -> {
            assertThat(endpoint.weight()).isEqualTo(1);
            assertThat(endpoint.address().isUnresolved()).isFalse();
            assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(endpoint.address().getPort()).isEqualTo(8080);
        });
    }

    @Test
    void reportsEveryAddressOnceInAStableOrderResolvedOnTheExecutor() throws Exception {
        resolver.answer("10.0.0.10", "::1", "10.0.0.2", "10.0.0.10");
        start("api.internal", FAST, resolver);

        List<DiscoveredEndpoint> list = nextReport();

        assertThat(authorities(list)).containsExactly("10.0.0.2:8080", "10.0.0.10:8080", "[::1]:8080");
        assertThat(list.get(2).address())
                .isEqualTo(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString("::1"), 8080));
        assertThat(list).extracting(DiscoveredEndpoint::weight).containsOnly(1);
        assertThat(resolver.lastThread()).isEqualTo("discovery-test");
    }

    @Test
    void reportsAChangedSetButNotTheSameSetInAnotherOrder() throws Exception {
        resolver.answer("10.0.0.1", "10.0.0.2");
        start("api.internal", FAST, resolver);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:8080", "10.0.0.2:8080");

        resolver.answer("10.0.0.2", "10.0.0.1");
        resolver.awaitCalls(2);
        assertThat(reports).isEmpty();

        resolver.answer("10.0.0.3", "10.0.0.1");
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:8080", "10.0.0.3:8080");
    }

    @Test
    void aFailedOrEmptyResolutionReportsNothingSoTheLastListKeepsServing() throws Exception {
        resolver.answer("10.0.0.1");
        try (LogCapture log = new LogCapture(DnsSource.class)) {
            start("api.internal", FAST, resolver);
            assertThat(authorities(nextReport())).containsExactly("10.0.0.1:8080");

            resolver.fail("api.internal: Name or service not known");
            resolver.awaitCalls(2);
            assertThat(reports).isEmpty();
            assertThat(log.messages(Level.WARN)).anySatisfy(message -> assertThat(message)
                    .contains("upstream api", "\"api.internal\"", "Name or service not known"));

            resolver.answer();
            resolver.awaitCalls(2);
            assertThat(reports).isEmpty();
            assertThat(log.count(Level.WARN, "resolved to no address")).isPositive();

            resolver.answer("10.0.0.1");
            resolver.awaitCalls(2);
            assertThat(reports).as("the list in use did not change").isEmpty();

            resolver.answer("10.0.0.4");
            assertThat(authorities(nextReport())).containsExactly("10.0.0.4:8080");
        }
    }

    @Test
    void theFirstSuccessfulResolutionIsReportedAfterFailures() throws Exception {
        resolver.fail("api.internal: Temporary failure in name resolution");
        start("api.internal", FAST, resolver);
        resolver.awaitCalls(2);
        assertThat(reports).isEmpty();

        resolver.answer("10.0.0.1");

        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:8080");
    }

    @Test
    void closeStopsReportsEvenOfAResolutionInFlight() throws Exception {
        executor.setRemoveOnCancelPolicy(true);
        CountDownLatch inSecondCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        start("api.internal", FAST, host -> {
            if (calls.incrementAndGet() == 1) {
                return new InetAddress[] {NetUtil.createInetAddressFromIpAddressString("10.0.0.1")};
            }
            inSecondCall.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException("interrupted");
            }
            return new InetAddress[] {NetUtil.createInetAddressFromIpAddressString("10.0.0.2")};
        });
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:8080");
        assertThat(inSecondCall.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        source.close();
        release.countDown();
        executor.submit(() -> { }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(reports).as("the changed answer of the call in flight").isEmpty();
        assertThat(executor.getQueue()).as("no resolution scheduled any more").isEmpty();
        assertThat(calls).hasValue(2);
    }

    @Test
    void rejectsARefreshIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new DnsSource("api", new DiscoveryConfig.Dns("api.internal", 80, Duration.ZERO),
                executor, resolver))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream api: expected a positive DNS refresh interval, got PT0S");
    }

    @Test
    void aSourceClosedBeforeStartResolvesNothing() {
        source = new DnsSource("api", new DiscoveryConfig.Dns("api.internal", 80, FAST), executor, resolver);
        source.close();
        source.start(reports::add);

        assertThat(executor.getTaskCount()).as("tasks ever scheduled").isZero();
    }
}
