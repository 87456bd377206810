package io.gatehouse.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.ratelimit.LimitDecision;
import io.gatehouse.ratelimit.LimitDecision.Verdict;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final TokenBatches batches = new TokenBatches(100, 5, 2, now::get);

    @Test
    void spendsKeptTokensUntilTooFewAreLeft() {
        batches.keep("k", 4, 50);
        now.addAndGet(20);

        LimitDecision first = batches.take("k", 3);

        assertThat(first).isEqualTo(new LimitDecision(Verdict.ALLOWED, 100, 1, 30, 0));
        assertThat(batches.take("k", 2)).isNull();
        assertThat(batches.take("k", 1).remaining()).isZero();
        assertThat(batches.take("k", 0)).isNull();
    }

    @Test
    void holdsNoMoreThanOneBatchPerKey() {
        batches.keep("k", 4, 0);
        batches.keep("k", 4, 0);

        assertThat(batches.take("k", 5).remaining()).isZero();
        assertThat(batches.take("k", 1)).isNull();
    }

    @Test
    void keepsTokensForAtMostMaxKeys() {
        batches.keep("a", 1, 0);
        batches.keep("b", 1, 0);
        batches.keep("c", 1, 0);

        assertThat(batches.take("c", 1)).isNull();
        assertThat(batches.take("a", 1)).isNotNull();
        batches.keep("c", 1, 0);
        assertThat(batches.take("c", 1)).isNotNull();
    }

    @Test
    void keepsNothingOfAnEmptyGrant() {
        batches.keep("k", 0, 0);

        assertThat(batches.take("k", 0)).isNull();
    }
}
