package io.gatehouse.model;

import io.gatehouse.config.Durations;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import java.util.ArrayList;
import java.util.List;

/** What weights and a shadow set through the admin API must satisfy for a model. */
final class TrafficRules {

    private TrafficRules() {
    }

    /** @throws ModelControlException (400) listing every problem */
    static void check(ModelView model, TrafficConfig split, ShadowConfig shadow) {
        List<String> problems = new ArrayList<>();
        if (split != null) {
            long total = 0;
            for (var weight : split.weights().entrySet()) {
                if (model.resolve(weight.getKey()) == null) {
                    problems.add("weights." + weight.getKey() + ": names no label or version of model '"
                            + model.name() + "' (labels " + model.labels().keySet() + ", versions "
                            + model.versions().keySet() + ")");
                }
                if (weight.getValue() < 0) {
                    problems.add("weights." + weight.getKey() + ": " + weight.getValue()
                            + ", expected 0 or more");
                }
                total += Math.max(0, weight.getValue());
            }
            if (!split.weights().isEmpty() && total == 0) {
                problems.add("weights: all are 0, expected at least one above 0 (or no weights for no split)");
            }
        }
        if (shadow != null) {
            if (model.resolve(shadow.version()) == null) {
                problems.add("shadow.version: '" + shadow.version() + "' names no label or version of model '"
                        + model.name() + "'");
            }
            if (!(shadow.percent() > 0 && shadow.percent() <= 100)) {
                problems.add("shadow.percent: " + shadow.percent() + ", expected more than 0 and at most 100");
            }
            bounds(shadow, problems);
        }
        if (!problems.isEmpty()) {
            throw ModelControlException.badRequest(String.join("; ", problems));
        }
    }

    private static void bounds(ShadowConfig shadow, List<String> problems) {
        if (!ShadowConfig.validMaxBody(shadow.maxBody())) {
            problems.add("shadow.max_body: " + ShadowConfig.MAX_BODY_EXPECTED + ", got " + shadow.maxBody());
        }
        if (shadow.maxInFlight() < 1) {
            problems.add("shadow.max_in_flight: expected 1 or more, got " + shadow.maxInFlight());
        }
        if (!ShadowConfig.validTolerance(shadow.tolerance())) {
            problems.add("shadow.tolerance: " + ShadowConfig.TOLERANCE_EXPECTED + ", got " + shadow.tolerance());
        }
        if (shadow.timeout().isZero() || shadow.timeout().isNegative()) {
            problems.add("shadow.timeout: expected a duration above 0, got " + Durations.format(shadow.timeout()));
        }
    }

    /**
     * Why the version cannot be unloaded (a label, the default, a weight or the shadow names it), or null.
     */
    static String pinned(ModelView model, String version) {
        List<String> pins = new ArrayList<>();
        model.labels().forEach((label, target) -> {
            if (target.equals(version)) {
                pins.add("label '" + label + "'");
            }
        });
        if (version.equals(model.defaultTarget())) {
            pins.add("the default");
        }
        if (model.traffic() != null && model.traffic().weights().getOrDefault(version, 0) > 0) {
            pins.add("a traffic weight");
        }
        if (model.shadow() != null && version.equals(model.shadow().version())) {
            pins.add("the shadow");
        }
        return pins.isEmpty() ? null : "version '" + version + "' of model '" + model.name() + "' is what "
                + String.join(", ", pins) + " point(s) at: move " + (pins.size() == 1 ? "it" : "them")
                + " to another version first";
    }
}
