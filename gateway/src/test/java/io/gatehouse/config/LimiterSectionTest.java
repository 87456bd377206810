package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.limiter;
import static io.gatehouse.config.ConfigFixtures.load;
import static io.gatehouse.config.ConfigFixtures.loadLimiter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimiterSectionTest {

    private static final String BUCKET = "token-bucket: { capacity: 20, rate: 10/s }\n";
    private static final LimitAlgorithm.TokenBucket BUCKET_READ =
            new LimitAlgorithm.TokenBucket(20, new Rate(10, Duration.ofSeconds(1)), 1);

    @Test
    void areNoneByDefault() {
        assertThat(load("routes: []\n").limiters()).isEmpty();
        assertThat(load("limiters: {}\n").limiters()).isEmpty();
    }

    @Test
    void keepDocumentOrderAndFillInDefaults() {
        GatewayConfig config = load("""
                limiters:
                  zeta: { key: route, token-bucket: { capacity: 20, rate: 10/s } }
                  alpha: { key: client-address, fixed-window: { limit: 100, window: 1m } }
                """);

        assertThat(config.limiters().keySet()).containsExactly("zeta", "alpha");
        assertThat(config.limiters().get("zeta")).isEqualTo(new LimiterConfig("zeta", List.of(new KeyPart.Route()),
                BUCKET_READ, null, LimiterConfig.Policy.LOCAL, null, 100_000, Duration.ofMinutes(10)));
    }

    @Test
    void readsEveryOption() {
        assertThat(loadLimiter("""
                key: [client-address, "header:X-Api-Key"]
                token-bucket: { capacity: 20, rate: 10/s }
                missing-key: { use: anonymous }
                max-keys: 5000000000
                idle-expiry: 1h
                policy: local
                """)).isEqualTo(new LimiterConfig("l",
                List.of(new KeyPart.ClientAddress(), new KeyPart.Header("X-Api-Key")), BUCKET_READ, "anonymous",
                LimiterConfig.Policy.LOCAL, null, 5_000_000_000L, Duration.ofHours(1)));
    }

    @Test
    void readsEachKeyPart() {
        assertThat(loadLimiter(BUCKET + """
                key: [route, client-address, consumer, "header:X-Tenant", "path:model_name"]
                """).key()).containsExactly(new KeyPart.Route(), new KeyPart.ClientAddress(),
                new KeyPart.Consumer(), new KeyPart.Header("X-Tenant"),
                new KeyPart.PathVariable("model_name"));
        assertThat(loadLimiter(BUCKET + "key: consumer").key()).containsExactly(new KeyPart.Consumer());
    }

    @Test
    void rejectingAMissingKeyIsTheDefaultAndMayBeWritten() {
        assertThat(loadLimiter(BUCKET + "key: consumer").missingKey()).isNull();
        assertThat(loadLimiter(BUCKET + "key: consumer\nmissing-key: reject").missingKey()).isNull();
    }

    @Test
    void theKeyIsRequiredAndNotEmpty() {
        assertThat(errorsOf(limiter(BUCKET))).containsExactly("limiters.l.key: required");
        assertThat(errorsOf(limiter(BUCKET + "key: []"))).containsExactly(
                "limiters.l.key: expected at least one key part: route, client-address, consumer, header:NAME or "
                        + "path:NAME");
    }

    @Test
    void reportsEachMalformedKeyPart() {
        assertThat(errorsOf(limiter(BUCKET + """
                key: [ip, "header:", "header:X Tenant", "path:", "path:model-name", "path:1st", "cookie:session",
                      { header: X-Tenant }]
                """))).containsExactly(
                "limiters.l.key[0]: expected route, client-address, consumer, header:NAME or path:NAME, got \"ip\"",
                "limiters.l.key[1]: expected a header name after \"header:\", got \"header:\"",
                "limiters.l.key[2]: expected a header name after \"header:\", got \"header:X Tenant\"",
                "limiters.l.key[3]: expected a path variable name after \"path:\" (letters, digits and _, not "
                        + "starting with a digit), got \"path:\"",
                "limiters.l.key[4]: expected a path variable name after \"path:\" (letters, digits and _, not "
                        + "starting with a digit), got \"path:model-name\"",
                "limiters.l.key[5]: expected a path variable name after \"path:\" (letters, digits and _, not "
                        + "starting with a digit), got \"path:1st\"",
                "limiters.l.key[6]: expected route, client-address, consumer, header:NAME or path:NAME, got "
                        + "\"cookie:session\"",
                "limiters.l.key[7]: expected a string");
    }

    @Test
    void keyPartsMayNotRepeatAndHeaderNamesIgnoreCase() {
        assertThat(errorsOf(limiter(BUCKET + """
                key: [route, "header:X-Tenant", route, "header:x-tenant", "path:id", "path:id"]
                """))).containsExactly(
                "limiters.l.key[2]: duplicate key part \"route\" (also at limiters.l.key[0])",
                "limiters.l.key[3]: duplicate key part \"header:x-tenant\" (also at limiters.l.key[1])",
                "limiters.l.key[5]: duplicate key part \"path:id\" (also at limiters.l.key[4])");
        assertThat(loadLimiter(BUCKET + "key: [consumer, \"header:X-Consumer\"]").key()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "allow", "{ use: anonymous, as: x }", "{ use: \"\" }", "{}"})
    void reportsAMalformedMissingKey(String missingKey) {
        List<String> expected = switch (missingKey) {
            case "{ use: anonymous, as: x }" -> List.of("limiters.l.missing-key.as: unknown key (allowed: use)");
            case "{ use: \"\" }" -> List.of("limiters.l.missing-key.use: must not be empty");
            case "{}" -> List.of("limiters.l.missing-key.use: required");
            default -> List.of("limiters.l.missing-key: expected reject or { use: KEY }, got \"" + missingKey + "\"");
        };
        assertThat(errorsOf(limiter(BUCKET + "key: route\nmissing-key: " + missingKey))).isEqualTo(expected);
    }

    @Test
    void reportsMalformedSettingsInDocumentOrder() {
        assertThat(errorsOf(limiter("""
                key: route
                token-bucket: { capacity: 20, rate: 10/s }
                max-keys: 0
                idle-expiry: 0
                policy: cluster
                burst: 5
                """))).containsExactly(
                "limiters.l.burst: unknown key (allowed: key, token-bucket, leaky-bucket, fixed-window, sliding-window,"
                        + " missing-key, max-keys, idle-expiry, policy, redis)",
                "limiters.l.max-keys: expected an integer >= 1, got \"0\"",
                "limiters.l.idle-expiry: expected a duration above 0, got \"0\"",
                "limiters.l.policy: expected local or redis, got \"cluster\"");
        assertThat(errorsOf(limiter(BUCKET + "key: route\nmax-keys: lots\nidle-expiry: 10 minutes"))).containsExactly(
                "limiters.l.max-keys: expected an integer >= 1, got \"lots\"",
                "limiters.l.idle-expiry: expected a duration like 250ms, 10s or 5m, got \"10 minutes\"");
    }

    @Test
    void anInvalidPolicyLeavesRedisUnchecked() {
        assertThat(errorsOf(limiter(BUCKET + "key: route\npolicy: cluster\nredis: { url: \"redis://r:6379\" }")))
                .containsExactly("limiters.l.policy: expected local or redis, got \"cluster\"");
    }

    @Test
    void eachLimiterIsAMap() {
        assertThat(errorsOf("limiters:\n  l: per-client\n  m:\n")).containsExactly(
                "limiters.l: expected a map with keys key, token-bucket, leaky-bucket, fixed-window, sliding-window, "
                        + "missing-key, max-keys, idle-expiry, policy, redis",
                "limiters.m: expected a map with keys key, token-bucket, leaky-bucket, fixed-window, sliding-window, "
                        + "missing-key, max-keys, idle-expiry, policy, redis");
        assertThat(errorsOf("limiters: [per-client]\n")).containsExactly("limiters: expected a map");
    }
}
