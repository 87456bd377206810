package io.gatehouse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics}, read by sample name and labels in any order. */
public final class MetricSamples {

    private final String scrape;

    public MetricSamples(String scrape) {
        this.scrape = scrape;
    }

    public static MetricSamples of(TestGateway gateway) {
        return new MetricSamples(new AdminClient(gateway).get("/metrics").body());
    }

    /** The values of every sample of {@code name} whose labels include all of {@code labels} ({@code key="v"}). */
    public List<Double> values(String name, String... labels) {
        List<Double> values = new ArrayList<>();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        outer:
        while (m.find()) {
            String set = m.group(1) == null ? "" : m.group(1);
            for (String label : labels) {
                if (!set.contains(label)) {
                    continue outer;
                }
            }
            values.add(Double.parseDouble(m.group(2)));
        }
        return values;
    }

    /** The value of the one sample that matches; fails unless exactly one does. */
    public double value(String name, String... labels) {
        List<Double> values = values(name, labels);
        if (values.size() != 1) {
            throw new AssertionError("expected one sample of " + name + " with " + List.of(labels) + ", found "
                    + values.size() + " in:\n" + scrape);
        }
        return values.get(0);
    }

    /** Whether any sample of any series mentions this text, e.g. {@code upstream="old"}. */
    public boolean mentions(String text) {
        return scrape.contains(text);
    }

    @Override
    public String toString() {
        return scrape;
    }
}
