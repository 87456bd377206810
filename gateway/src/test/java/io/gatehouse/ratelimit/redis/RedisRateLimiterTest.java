package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.await;
import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.slowBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.LimitAlgorithm.FixedWindow;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.RedisLimitConfig.FailurePolicy;
import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import io.gatehouse.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedisRateLimiterTest extends RealRedisTest {

    @Test
    void concurrentRequestsForOneKeyNeverGetMoreThanTheLimit() throws InterruptedException {
        RedisRateLimiter limiter = limiter("atomic", slowBucket(50));
        Eventually.await("connected", Duration.ofSeconds(5), () -> limiter.state() == RedisState.UP);
        int requestsEach = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<List<CompletableFuture<LimitDecision>>> sent = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            List<CompletableFuture<LimitDecision>> own = new ArrayList<>();
            sent.add(own);
            senders.add(new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < requestsEach; i++) {
                    own.add(limiter.acquire("k", 1).toCompletableFuture());
                }
            }));
        }
        senders.forEach(Thread::start);
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }

        List<LimitDecision> decisions = sent.stream().flatMap(List::stream).map(Limiters::await).toList();

        assertThat(decisions).hasSize(8 * requestsEach);
        assertThat(decisions.stream().filter(LimitDecision::proceeds).count()).isEqualTo(50);
        assertThat(decisions).allMatch(d -> d.verdict() != Verdict.UNAVAILABLE);
    }

    @Test
    void twoNodesShareOneQuota() {
        RedisConnections otherNode = closing(new RedisConnections());
        LimiterConfig config = Limiters.config("shared", new FixedWindow(10, Duration.ofHours(1)), server.url());
        RedisRateLimiter first = limiter(config, connections);
        RedisRateLimiter second = limiter(config, otherNode);

        for (int i = 0; i < 6; i++) {
            assertThat(decide(first, "k", 1).verdict()).isEqualTo(Verdict.ALLOWED);
        }
        LimitDecision fromSecond = decide(second, "k", 1);
        for (int i = 0; i < 3; i++) {
            decide(second, "k", 1);
        }

        assertThat(fromSecond.remaining()).isEqualTo(3);
        assertThat(decide(second, "k", 1).verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(decide(first, "k", 1).verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void reloadsItsScriptWhenRedisHasForgottenIt() {
        RedisRateLimiter limiter = limiter("flushed", slowBucket(5));
        assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(4);

        inspector.redis().scriptFlush();
        LimitDecision afterFlush = decide(limiter, "k", 1);

        assertThat(afterFlush.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(afterFlush.remaining()).isEqualTo(3);
        assertThat(limiter.counters().failures()).isZero();
        assertThat(inspector.redis().scriptExists(LimitScript.TOKEN_BUCKET.sha1())).containsExactly(true);
    }

    @Test
    void aBatchingNodeTakesABatchFromRedisAndSpendsItLocally() {
        RedisRateLimiter limiter = limiter(Limiters.config("batched", slowBucket(20), server.url(),
                FailurePolicy.FAIL_CLOSED, 5), connections);

        LimitDecision fetched = decide(limiter, "k", 1);
        List<LimitDecision> local = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            local.add(decide(limiter, "k", 1));
        }

        assertThat(fetched.remaining()).isEqualTo(15);
        assertThat(local).extracting(LimitDecision::remaining).containsExactly(3L, 2L, 1L, 0L);
        assertThat(local).allMatch(d -> d.verdict() == Verdict.ALLOWED);
        assertThat(limiter.counters().calls()).isEqualTo(1);
        assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(10);
        assertThat(limiter.counters().calls()).isEqualTo(2);
    }

    @Test
    void batchingNodesTogetherAdmitExactlyWhatTheBucketHolds() {
        RedisConnections otherNode = closing(new RedisConnections());
        LimiterConfig config = Limiters.config("batches", slowBucket(23), server.url(), FailurePolicy.FAIL_CLOSED, 5);
        RedisRateLimiter first = limiter(config, connections);
        RedisRateLimiter second = limiter(config, otherNode);

        int admitted = 0;
        for (int round = 0; round < 30; round++) {
            boolean firstAdmitted = decide(first, "k", 1).proceeds();
            boolean secondAdmitted = decide(second, "k", 1).proceeds();
            if (!firstAdmitted && !secondAdmitted) {
                break;
            }
            admitted += (firstAdmitted ? 1 : 0) + (secondAdmitted ? 1 : 0);
        }

        assertThat(admitted).isEqualTo(23);
    }

    @Test
    void batchingIsForTokenBucketsOnly() {
        LimiterConfig config = Limiters.config("window", new FixedWindow(5, Duration.ofSeconds(1)), server.url(),
                FailurePolicy.FAIL_CLOSED, 5);

        assertThatThrownBy(() -> limiter(config, connections))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token buckets only");
    }

    @Test
    void limitersOfOneUrlShareOneConnectionThatClosesWithTheLast() {
        RedisRateLimiter first = limiter("one", slowBucket(5));
        RedisRateLimiter second = limiter("two", slowBucket(5));
        decide(first, "k", 1);
        decide(second, "k", 1);

        assertThat(connections.state(server.url())).contains(RedisState.UP);
        Eventually.await("one connection named gatehouse", Duration.ofSeconds(5),
                () -> inspector.redis().clientList().lines().filter(line -> line.contains(" name=gatehouse "))
                        .count() == 1);
        first.close();
        assertThat(connections.state(server.url())).contains(RedisState.UP);
        assertThat(first.state()).isEqualTo(RedisState.UP);
        second.close();
        assertThat(connections.state(server.url())).isEmpty();
    }

    @Test
    void failOpenMakesItsLocalFallbackFromALocalCopyOfTheConfigAndClosesIt() {
        AtomicReference<RecordingLimiter> made = new AtomicReference<>();
        LimiterConfig config = Limiters.config("open", slowBucket(5), server.url(), FailurePolicy.FAIL_OPEN, 0);
        RedisRateLimiter limiter = closing(new RedisRateLimiter(config, connections, local -> {
            made.set(new RecordingLimiter(local));
            return made.get();
        }));

        LimiterConfig local = made.get().config();
        assertThat(local.policy()).isEqualTo(LimiterConfig.Policy.LOCAL);
        assertThat(local.redis()).isNull();
        assertThat(local.name()).isEqualTo("open");
        assertThat(local.algorithm()).isEqualTo(config.algorithm());
        assertThat(await(limiter.acquire("k", 1).toCompletableFuture()).remaining()).isEqualTo(4);
        assertThat(made.get().acquires).hasValue(0);
        limiter.close();
        assertThat(made.get().closed).isTrue();
    }

    @Test
    void refusesABadUrlAndClosesTheFallbackItMade() {
        AtomicReference<RecordingLimiter> made = new AtomicReference<>();
        String url = "redis://:secret@127.0.0.1:99999";
        LimiterConfig config = Limiters.config("bad", slowBucket(5), url, FailurePolicy.FAIL_OPEN, 0);

        assertThatThrownBy(() -> new RedisRateLimiter(config, connections, local -> {
            made.set(new RecordingLimiter(local));
            return made.get();
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(made.get().closed).isTrue();
        assertThat(connections.state(url)).isEmpty();
    }

    @Test
    void refusesSentinelAndClusterUrlsWithoutShowingThePassword() {
        String url = "redis-sentinel://:secret@127.0.0.1:26379#mymaster";
        LimiterConfig config = Limiters.config("sentinel", slowBucket(5), url, FailurePolicy.FAIL_CLOSED, 0);

        assertThatThrownBy(() -> limiter(config, connections))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a redis:// or rediss:// URL for limiter sentinel")
                .hasMessageNotContaining("secret");
    }

    @Test
    void failClosedMakesNoLocalFallback() {
        LimiterConfig config = Limiters.config("closed", slowBucket(5), server.url(), FailurePolicy.FAIL_CLOSED, 0);

        closing(new RedisRateLimiter(config, connections, local -> {
            throw new AssertionError("no fallback expected for FAIL_CLOSED, asked for " + local);
        }));
    }

    @Test
    void rejectsAConfigThatIsNotForRedis() {
        LimiterConfig config = Limiters.config("local", slowBucket(5), server.url());
        LimiterConfig local = new LimiterConfig("local", config.key(), config.algorithm(), null,
                LimiterConfig.Policy.LOCAL, null, 100, Duration.ofMinutes(1));

        assertThatThrownBy(() -> limiter(local, connections))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy REDIS");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
