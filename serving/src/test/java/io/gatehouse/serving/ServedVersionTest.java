package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServedVersionTest {

    private final ServedVersion version = new ServedVersion("m", 1, List.of(),
            new Signature(List.of(), List.of(), 0));

    @Test
    void retireClosesOnceTheLastLeaseEnds() {
        assertThat(version.acquire()).isTrue();
        assertThat(version.acquire()).isTrue();
        CompletableFuture<Void> closed = version.retire();
        assertThat(version.acquire()).as("no new runs once retired").isFalse();
        assertThat(version.inFlight()).isEqualTo(2);
        version.release();
        assertThat(closed).isNotDone();
        version.release();
        assertThat(closed).isDone();
    }

    @Test
    void retireWithNothingInFlightClosesAtOnce() {
        assertThat(version.retire()).isDone();
        assertThat(version.retire()).as("retiring twice").isDone();
    }
}
