package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientConnectionsTest {

    private final ClientConnections connections = new ClientConnections();
    private final InetAddress a = InetAddress.getLoopbackAddress();

    @Test
    void capsEachAddressAndFreesPlacesAsConnectionsClose() throws Exception {
        InetAddress b = InetAddress.getByName("10.0.0.2");
        assertThat(connections.tryOpen(a, 2)).isTrue();
        assertThat(connections.tryOpen(a, 2)).isTrue();
        assertThat(connections.tryOpen(a, 2)).isFalse();
        assertThat(connections.tryOpen(b, 2)).isTrue();
        connections.closed(a);
        assertThat(connections.tryOpen(a, 2)).isTrue();
        assertThat(connections.openFrom(a)).isEqualTo(2);
    }

    @Test
    void zeroMeansNoCapButStillCounts() {
        for (int i = 0; i < 1000; i++) {
            assertThat(connections.tryOpen(a, 0)).isTrue();
        }
        assertThat(connections.openFrom(a)).isEqualTo(1000);
    }

    @Test
    void anAddressWithNoConnectionsLeftStartsAfresh() {
        assertThat(connections.tryOpen(a, 1)).isTrue();
        connections.closed(a);
        assertThat(connections.openFrom(a)).isZero();
        assertThat(connections.tryOpen(a, 1)).isTrue();
        assertThat(connections.tryOpen(a, 1)).isFalse();
    }

    @Test
    void opensAndClosesRacingOnSeveralThreadsNeverExceedTheCapNorLoseACount() throws Exception {
        int threads = 4;
        int cap = 3;
        AtomicInteger open = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (connections.tryOpen(a, cap)) {
                        highest.accumulateAndGet(open.incrementAndGet(), Math::max);
                        open.decrementAndGet();
                        connections.closed(a);
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(highest.get()).isBetween(1, cap);
        assertThat(connections.openFrom(a)).isZero();
        assertThat(connections.tryOpen(a, 1)).isTrue();
    }
}
