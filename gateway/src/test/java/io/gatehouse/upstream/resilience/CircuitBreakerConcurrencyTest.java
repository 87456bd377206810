package io.gatehouse.upstream.resilience;

import static io.gatehouse.upstream.resilience.BreakerFixture.ERROR;
import static io.gatehouse.upstream.resilience.BreakerFixture.FIVE_XX;
import static io.gatehouse.upstream.resilience.BreakerFixture.OPEN_FOR;
import static io.gatehouse.upstream.resilience.BreakerFixture.config;
import static io.gatehouse.upstream.resilience.BreakerFixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.BreakerConfig;
import io.gatehouse.upstream.TryOutcome;
import io.gatehouse.upstream.resilience.CircuitBreaker.Permit;
import io.gatehouse.upstream.resilience.CircuitBreaker.State;
import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 25_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void outcomesRecordedFromManyThreadsAreCountedExactly() throws Exception {
        // every reading moves time 10us, so the 100k outcomes spread over ten 100ms buckets of a 10s window
        AtomicLong now = new AtomicLong();
        BreakerConfig config = new BreakerConfig(Duration.ofSeconds(10), 100, Integer.MAX_VALUE, 0.5, OPEN_FOR, 1,
                FIVE_XX, Duration.ofSeconds(1), 0.5);
        CircuitBreaker breaker = new CircuitBreaker("users", config, () -> now.addAndGet(10_000));
        TryOutcome slowFailure = TryOutcome.response(500, ms(1500));
        TryOutcome fast = TryOutcome.response(200, ms(1));
        runOnAllThreads(() -> {
            for (int i = 0; i < PER_THREAD; i++) {
                breaker.onResult(breaker.acquire(), i % 4 == 0 ? slowFailure : fast);
            }
            return null;
        });
        assertThat(now.get()).isLessThan(ms(1100));
        long total = (long) THREADS * PER_THREAD;
        assertThat(breaker.window()).isEqualTo(new WindowCounts(total, total / 4, total / 4));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void racingFailuresOpenTheBreakerOnce() throws Exception {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker("users", config(100, 0.5), now::get);
        runOnAllThreads(() -> {
            for (int i = 0; i < PER_THREAD; i++) {
                Permit permit = breaker.acquire();
                if (permit != null) {
                    breaker.onResult(permit, ERROR);
                }
            }
            return null;
        });
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.timesOpened()).isEqualTo(1);
        assertThat(breaker.window().requests()).isBetween(100L, 100L + THREADS);
    }

    @Test
    void racingThreadsGetExactlyTheHalfOpenPermits() throws Exception {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = new CircuitBreaker("users", config(4, 0.5), now::get);
        for (int i = 0; i < 4; i++) {
            breaker.onResult(breaker.acquire(), ERROR);
        }
        now.addAndGet(OPEN_FOR.toNanos());
        List<Integer> admitted = runOnAllThreads(() -> {
            int count = 0;
            for (int i = 0; i < 1000; i++) {
                count += breaker.acquire() != null ? 1 : 0;
            }
            return count;
        });
        assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    private <T> List<T> runOnAllThreads(Callable<T> work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(threads.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
