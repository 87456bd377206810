package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.fixedWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.meter;
import static io.gatehouse.ratelimit.local.TestLimiters.perSecond;
import static io.gatehouse.ratelimit.local.TestLimiters.shaper;
import static io.gatehouse.ratelimit.local.TestLimiters.slidingWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.tokenBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.ratelimit.LimitDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Threads racing on one key never get more than the limit between them. */
class LocalRateLimiterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 2_000;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(
                Arguments.of(tokenBucket(100, perSecond(10)), 100),
                Arguments.of(meter(perSecond(10), 100), 100),
                Arguments.of(shaper(perSecond(10), 100, Duration.ofHours(1)), 101),
                Arguments.of(fixedWindow(100, Duration.ofSeconds(1)), 100),
                Arguments.of(slidingWindow(100, Duration.ofSeconds(1)), 100));
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void withTimeStandingStillExactlyTheLimitIsAdmitted(LimitAlgorithm algorithm, int limit) throws Exception {
        LocalRateLimiter limiter = new LocalRateLimiter(local("race", algorithm), new ManualClock(10 * SECOND));

        assertThat(race(limiter)).hasSize(limit);
    }

    @Test
    void raceOnAShapedQueueGivesEveryAdmittedRequestItsOwnTurn() throws Exception {
        LocalRateLimiter limiter = new LocalRateLimiter(local("race", shaper(perSecond(10), 100,
                Duration.ofHours(1))), new ManualClock(10 * SECOND));

        List<Long> waits = race(limiter).stream().map(LimitDecision::waitNanos).sorted().toList();

        assertThat(waits).containsExactlyElementsOf(LongStream.rangeClosed(0, 100).map(turn -> turn * 100 * MS)
                .boxed().toList());
    }

    @Test
    void withTimeMovingATokenBucketAdmitsNoMoreThanItsCapacityAndWhatRefilled() throws Exception {
        // Each reading of the clock moves it on a microsecond, so refills race with takes.
        AtomicLong now = new AtomicLong(10 * SECOND);
        NanoClock ticking = () -> now.getAndAdd(1_000);
        LocalRateLimiter limiter = new LocalRateLimiter(local("race", tokenBucket(100, perSecond(1_000))), ticking);
        long start = now.get();

        int admitted = race(limiter).size();

        long refilled = (now.get() - start) * 1_000 / SECOND;
        assertThat(admitted).isGreaterThan(100).isLessThanOrEqualTo(100 + (int) refilled);
    }

    /** The decisions that let requests through, out of every thread's attempts on one key. */
    private List<LimitDecision> race(LocalRateLimiter limiter) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Queue<LimitDecision> admitted = new ConcurrentLinkedQueue<>();
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                    LimitDecision decision = decide(limiter, "hot");
                    if (decision.proceeds()) {
                        admitted.add(decision);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(30, TimeUnit.SECONDS);
        }
        return List.copyOf(admitted);
    }
}
