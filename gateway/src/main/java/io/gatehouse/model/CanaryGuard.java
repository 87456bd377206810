package io.gatehouse.model;

import io.gatehouse.config.RollbackConfig;
import io.gatehouse.config.TrafficConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a model's canaries: every version with a weight above 0 other than the stable one (the version the default
 * resolves to). A canary that has answered at least {@code min-requests} within the window fails when its error rate
 * exceeds the stable version's by more than the error-rate margin (percentage points; a stable version without
 * requests counts as error-free), or its p99 latency exceeds the stable version's by more than the latency margin
 * (compared only once the stable version has {@code min-requests} too).
 */
final class CanaryGuard {

    /** A canary that failed: the weight targets (labels or versions) that lead to it, and why. */
    record Verdict(String version, List<String> targets, String reason) {
    }

    private CanaryGuard() {
    }

    static List<Verdict> judge(ModelView model, VersionOutcomes outcomes) {
        RollbackConfig rules = model.rollback();
        TrafficConfig traffic = model.traffic();
        VersionView stable = model.defaultVersion();
        if (rules == null || traffic == null || stable == null) {
            return List.of();
        }
        Map<String, List<String>> canaries = new LinkedHashMap<>();
        traffic.weights().forEach((target, weight) -> {
            VersionView version = model.resolve(target);
            if (weight > 0 && version != null && !version.version().equals(stable.version())) {
                canaries.computeIfAbsent(version.version(), v -> new ArrayList<>()).add(target);
            }
        });
        long now = outcomes.now();
        OutcomeWindow.Summary baseline = summary(outcomes, model.name(), stable.version(), now);
        List<Verdict> failed = new ArrayList<>();
        canaries.forEach((version, targets) -> {
            OutcomeWindow.Summary canary = summary(outcomes, model.name(), version, now);
            String reason = canary.requests() < rules.minRequests() ? null
                    : reason(rules, canary, baseline, stable.version());
            if (reason != null) {
                failed.add(new Verdict(version, List.copyOf(targets), reason));
            }
        });
        return failed;
    }

    private static OutcomeWindow.Summary summary(VersionOutcomes outcomes, String model, String version, long now) {
        VersionOutcomes.Tracked tracked = outcomes.find(model, version);
        return tracked == null ? new OutcomeWindow.Summary(0, 0, 0) : tracked.window.summary(now);
    }

    private static String reason(RollbackConfig rules, OutcomeWindow.Summary canary, OutcomeWindow.Summary stable,
                                 String stableVersion) {
        String over = " over " + canary.requests() + " requests (stable version " + stableVersion + ": "
                + stable.requests() + ")";
        if (canary.errorRate() - stable.errorRate() > rules.errorRateMargin()) {
            return String.format(Locale.ROOT, "error rate %.1f%% against %.1f%% on the stable version, more than"
                    + " %.1f points above", 100 * canary.errorRate(), 100 * stable.errorRate(),
                    100 * rules.errorRateMargin()) + over;
        }
        if (stable.requests() >= rules.minRequests()
                && canary.p99Nanos() > stable.p99Nanos() * (1 + rules.latencyMargin())) {
            return String.format(Locale.ROOT, "p99 latency %.1f ms against %.1f ms on the stable version, more than"
                    + " %.0f%% above", canary.p99Nanos() / 1e6, stable.p99Nanos() / 1e6,
                    100 * rules.latencyMargin()) + over;
        }
        return null;
    }
}
