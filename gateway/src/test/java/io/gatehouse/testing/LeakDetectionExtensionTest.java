package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class LeakDetectionExtensionTest {

    @Test
    void detectionIsParanoid() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aLeakedBufferIsReportedWithWhereItWasTouched() {
        ByteBufAllocator.DEFAULT.buffer(16).writeInt(42).touch("deliberate-leak-hint");

        List<String> leaks = new ArrayList<>();
        // The collector may need more than one cycle to find the buffer; each attempt is bounded.
        for (int attempt = 0; attempt < 20 && leaks.isEmpty(); attempt++) {
            LeakDetectionExtension.collectGarbageAndReportLeaks();
            leaks.addAll(RecordingLeakDetector.drain());
        }

        assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("deliberate-leak-hint"));
    }

    @Test
    void reportedLeaksFailTheTest() {
        RecordingLeakDetector.record("LEAK: a recorded leak");

        assertThatThrownBy(LeakDetectionExtension::failOnReportedLeaks)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a recorded leak");
        LeakDetectionExtension.failOnReportedLeaks();
    }
}
