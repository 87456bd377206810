package io.gatehouse.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedisCircuitTest {

    private static final Duration FIRST_OPEN = Duration.ofMillis(100);
    private static final Duration MAX_OPEN = Duration.ofMillis(350);

    // near the end of the long range, so that deadlines wrap around within the tests
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - Duration.ofMillis(300).toNanos());
    private final RedisCircuit circuit = new RedisCircuit("redis://test",
            new RedisCircuit.Settings(3, FIRST_OPEN, MAX_OPEN), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onSuccess();
        circuit.onFailure();
        circuit.onFailure();

        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.isOpen()).isFalse();

        circuit.onFailure();

        assertThat(circuit.isOpen()).isTrue();
        assertThat(circuit.admits()).isFalse();
    }

    @Test
    void letsOneProbeThroughOnceTheOpenIntervalIsOver() {
        open();

        assertProbeAfter(FIRST_OPEN);
        assertThat(circuit.admits()).isFalse();
        assertThat(circuit.isOpen()).isTrue();
    }

    @Test
    void aSuccessfulProbeClosesTheCircuit() {
        open();
        assertProbeAfter(FIRST_OPEN);

        circuit.onSuccess();

        assertThat(circuit.isOpen()).isFalse();
        assertThat(circuit.admits()).isTrue();
        assertThat(circuit.admits()).isTrue();
    }

    @Test
    void eachFailedProbeDoublesTheOpenIntervalUpToTheMaximum() {
        open();
        assertProbeAfter(FIRST_OPEN);
        circuit.onFailure();
        assertProbeAfter(Duration.ofMillis(200));
        circuit.onFailure();
        assertProbeAfter(MAX_OPEN);
        circuit.onFailure();
        assertProbeAfter(MAX_OPEN);
    }

    @Test
    void afterClosingTheNextOpeningIsShortAgain() {
        open();
        assertProbeAfter(FIRST_OPEN);
        circuit.onFailure();
        assertProbeAfter(Duration.ofMillis(200));
        circuit.onSuccess();

        open();

        assertProbeAfter(FIRST_OPEN);
    }

    @Test
    void lateFailuresOfCallsMadeBeforeItOpenedDoNotLengthenIt() {
        open();
        circuit.onFailure();
        circuit.onFailure();

        assertProbeAfter(FIRST_OPEN);
    }

    @Test
    void rejectsSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new RedisCircuit.Settings(0, FIRST_OPEN, MAX_OPEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new RedisCircuit.Settings(3, MAX_OPEN, FIRST_OPEN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            circuit.onFailure();
        }
    }

    /** The circuit refuses calls until {@code open} has passed from now, then admits one: the probe. */
    private void assertProbeAfter(Duration open) {
        long start = now.get();
        now.set(start + open.toNanos() - 1);
        assertThat(circuit.admits()).as("admits %s after opening", open.minusNanos(1)).isFalse();
        now.set(start + open.toNanos());
        assertThat(circuit.admits()).as("admits %s after opening", open).isTrue();
    }
}
