package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    private static final TreeSet<Long> ON_DISK = new TreeSet<>(Set.of(1L, 2L, 5L, 7L));

    @Test
    void latestTakesTheHighestVersions() {
        assertThat(VersionPolicy.DEFAULT.select(ON_DISK)).containsExactly(7L);
        assertThat(new VersionPolicy.Latest(3).select(ON_DISK)).containsExactly(2L, 5L, 7L);
        assertThat(new VersionPolicy.Latest(9).select(ON_DISK)).containsExactly(1L, 2L, 5L, 7L);
    }

    @Test
    void allAndSpecific() {
        assertThat(new VersionPolicy.All().select(ON_DISK)).containsExactly(1L, 2L, 5L, 7L);
        assertThat(new VersionPolicy.Specific(Set.of(2L, 7L, 8L)).select(ON_DISK)).containsExactly(2L, 7L);
    }
}
