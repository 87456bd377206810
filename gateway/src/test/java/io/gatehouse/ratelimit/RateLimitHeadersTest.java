package io.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.KeyPart;
import io.gatehouse.config.LimitAlgorithm;
import io.gatehouse.config.LimiterConfig;
import io.gatehouse.config.Rate;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static final long MS = 1_000_000;

    private static LimiterConfig limiter(LimitAlgorithm algorithm) {
        return new LimiterConfig("per-client", List.of(new KeyPart.ClientAddress()), algorithm, null,
                LimiterConfig.Policy.LOCAL, null, 1000, Duration.ofMinutes(10));
    }

    @Test
    void describesTheQuotaAndWhatIsLeftAsTheDraftWritesThem() {
        LimiterConfig bucket = limiter(new LimitAlgorithm.TokenBucket(20, new Rate(10, Duration.ofSeconds(1)), 1));
        HttpHeaders headers = new DefaultHttpHeaders();
        RateLimitHeaders.add(headers, bucket, new LimitDecision(LimitDecision.Verdict.ALLOWED, 20, 7, 1300 * MS, 0),
                false);
        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"per-client\";q=20;w=2");
        assertThat(headers.get("RateLimit")).isEqualTo("\"per-client\";r=7;t=2");
        assertThat(headers.contains("X-RateLimit-Limit")).isFalse();
    }

    @Test
    void writesEveryDigitOfLargeAndZeroValuesAndFollowsAChangedQuota() {
        LimiterConfig bucket = limiter(new LimitAlgorithm.TokenBucket(20, new Rate(10, Duration.ofSeconds(1)), 1));
        HttpHeaders headers = new DefaultHttpHeaders();
        RateLimitHeaders.add(headers, bucket,
                new LimitDecision(LimitDecision.Verdict.ALLOWED, 9_876_543_210L, 1_234_567_890L, 0, 0), false);
        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"per-client\";q=9876543210;w=2");
        assertThat(headers.get("RateLimit")).isEqualTo("\"per-client\";r=1234567890;t=0");
        RateLimitHeaders.add(headers, bucket, new LimitDecision(LimitDecision.Verdict.ALLOWED, 20, 0, 10 * MS, 0),
                false);
        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"per-client\";q=20;w=2");
        assertThat(headers.get("RateLimit")).isEqualTo("\"per-client\";r=0;t=1");
    }

    @Test
    void aRejectionSaysWhenToComeBackRoundedUpAndTheLegacyFieldsWhenAsked() {
        LimiterConfig window = limiter(new LimitAlgorithm.FixedWindow(100, Duration.ofMinutes(1)));
        HttpHeaders headers = RateLimitHeaders.rejection(window,
                new LimitDecision(LimitDecision.Verdict.REJECTED, 100, 0, 42_500 * MS, 42_500 * MS), true);
        assertThat(headers.get("Retry-After")).isEqualTo("43");
        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"per-client\";q=100;w=60");
        assertThat(headers.get("X-RateLimit-Limit")).isEqualTo("100");
        assertThat(headers.get("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(headers.get("X-RateLimit-Reset")).isEqualTo("43");
    }

    @Test
    void aWaitUnderASecondStillAsksForOne() {
        LimiterConfig bucket = limiter(new LimitAlgorithm.LeakyBucket(new Rate(5, Duration.ofSeconds(1)), 20,
                Duration.ZERO));
        HttpHeaders headers = RateLimitHeaders.rejection(bucket,
                new LimitDecision(LimitDecision.Verdict.REJECTED, 20, 0, 200 * MS, 200 * MS), false);
        assertThat(headers.get("Retry-After")).isEqualTo("1");
        assertThat(headers.get("RateLimit-Policy")).isEqualTo("\"per-client\";q=20;w=4");
    }
}
