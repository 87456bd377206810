package io.gatehouse.testing;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails tests on Netty resource leaks ({@code @ExtendWith(LeakDetectionExtension.class)}). A leak Netty reports
 * during a test fails that test; after the last test of a class, garbage is collected once so leaks still
 * pending fail the class. Netty reports a leak only after its buffer was collected, so the failing test may be
 * a later one than the leaking one: the leak record shows where the buffer was allocated and last touched.
 */
public final class LeakDetectionExtension implements AfterEachCallback, AfterAllCallback {
    private static final long GC_WAIT_MILLIS = 100;
    private static final int GC_ATTEMPTS = 5;

    static {
        RecordingLeakDetector.install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnReportedLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        collectGarbageAndReportLeaks();
        failOnReportedLeaks();
    }

    /** Throws an AssertionError carrying every leak reported since the last call, if any. */
    static void failOnReportedLeaks() {
        List<String> leaks = RecordingLeakDetector.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s):\n" + String.join("\n\n", leaks));
        }
    }

    /** Runs a full garbage collection, then has Netty report the leaked buffers it collected. */
    static void collectGarbageAndReportLeaks() {
        ReferenceQueue<Object> collected = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), collected);
        try {
            for (int attempt = 0; attempt < GC_ATTEMPTS && collected.poll() == null; attempt++) {
                System.gc();
                collected.remove(GC_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(sentinel);
        // Netty reports leaks from its reference queue only when it tracks a new buffer.
        UnpooledByteBufAllocator.DEFAULT.buffer(1).release();
    }
}
