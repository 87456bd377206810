package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private static final int THREADS = 8;

    private final RetryBudget budget = new RetryBudget();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void allowsTheFloorOfTheBudgetedFractionOfActiveRequests() {
        // 10 * 0.25 = 2.5: two retries
        assertThat(budget.tryStartRetry(10, 0.25, 1)).isTrue();
        assertThat(budget.tryStartRetry(10, 0.25, 1)).isTrue();
        assertThat(budget.tryStartRetry(10, 0.25, 1)).isFalse();
        assertThat(budget.active()).isEqualTo(2);

        budget.endRetry();
        assertThat(budget.active()).isEqualTo(1);
        assertThat(budget.tryStartRetry(10, 0.25, 1)).isTrue();
        assertThat(budget.tryStartRetry(10, 0.25, 1)).isFalse();
    }

    @Test
    void minRetriesAreAllowedWhateverTheActiveCount() {
        assertThat(budget.tryStartRetry(0, 0.2, 2)).isTrue();
        assertThat(budget.tryStartRetry(0, 0.2, 2)).isTrue();
        assertThat(budget.tryStartRetry(0, 0.2, 2)).isFalse();
        // more active requests raise the limit above the floor
        assertThat(budget.tryStartRetry(15, 0.2, 2)).isTrue();
        assertThat(budget.tryStartRetry(15, 0.2, 2)).isFalse();
    }

    @Test
    void noBudgetAndNoFloorAllowsNothing() {
        assertThat(budget.tryStartRetry(100, 0.0, 0)).isFalse();
        assertThat(budget.active()).isZero();
    }

    @Test
    void endingARetryThatNeverStartedIsRefused() {
        assertThatThrownBy(budget::endRetry).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no retry in flight");
        assertThat(budget.active()).isZero();
    }

    @Test
    void racingThreadsTakeExactlyTheAllowedSlots() throws Exception {
        // 40 * 0.1 = 4 slots, nobody ends a retry: exactly 4 of 8 * 1000 attempts may win
        List<Future<Integer>> wins = onAllThreads(() -> {
            int won = 0;
            for (int i = 0; i < 1000; i++) {
                won += budget.tryStartRetry(40, 0.1, 0) ? 1 : 0;
            }
            return won;
        });
        int total = 0;
        for (Future<Integer> win : wins) {
            total += win.get(30, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(4);
        assertThat(budget.active()).isEqualTo(4);
    }

    @Test
    void startingAndEndingConcurrentlyNeverExceedsTheLimit() throws Exception {
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        List<Future<Integer>> wins = onAllThreads(() -> {
            int won = 0;
            for (int i = 0; i < 20_000; i++) {
                if (budget.tryStartRetry(30, 0.1, 1)) {
                    // counted after the start and uncounted before the end, so never above the slots in use
                    int held = holding.incrementAndGet();
                    mostHeld.accumulateAndGet(held, Math::max);
                    holding.decrementAndGet();
                    budget.endRetry();
                    won++;
                }
            }
            return won;
        });
        int total = 0;
        for (Future<Integer> win : wins) {
            total += win.get(60, TimeUnit.SECONDS);
        }
        assertThat(total).isPositive();
        assertThat(mostHeld.get()).isBetween(1, 3);
        assertThat(budget.active()).isZero();
    }

    private <T> List<Future<T>> onAllThreads(Callable<T> work) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(threads.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        return futures;
    }
}
