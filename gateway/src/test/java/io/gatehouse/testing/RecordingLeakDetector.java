package io.gatehouse.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A Netty leak detector that, besides logging, keeps every leak it reports so {@link LeakDetectionExtension}
 * can fail the test. Netty builds one detector per resource type (ByteBuf's in a static initialiser), so this
 * must be in place before Netty first allocates: through the {@code io.netty.customResourceLeakDetector}
 * system property set for test JVMs, or through {@link #install()} as early as possible otherwise.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new ArrayList<>();

    /** The constructor Netty calls for the {@code io.netty.customResourceLeakDetector} property. */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** Netty also looks this older signature up, logging an error when it is missing; maxActive is unused. */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Makes detection paranoid and routes detectors created from now on through this class. */
    static void install() {
        ResourceLeakDetector.setLevel(Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <R> ResourceLeakDetector<R> newResourceLeakDetector(Class<R> resource, int samplingInterval,
                                                                      long maxActive) {
                return new RecordingLeakDetector<>(resource, samplingInterval);
            }
        });
    }

    /** Returns and forgets the leaks reported so far. */
    static List<String> drain() {
        synchronized (LEAKS) {
            List<String> leaks = List.copyOf(LEAKS);
            LEAKS.clear();
            return leaks;
        }
    }

    @Override
    protected boolean needReport() {
        // Netty skips reporting when its logger has ERROR disabled; tests must see leaks regardless.
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                + " (no access records: leak detection was not paranoid when it was allocated).");
        super.reportUntracedLeak(resourceType);
    }

    static void record(String leak) {
        synchronized (LEAKS) {
            LEAKS.add(leak);
        }
    }
}
