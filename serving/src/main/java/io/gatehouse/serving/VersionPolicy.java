package io.gatehouse.serving;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Which of a model's versions to serve, as in TF Serving and Triton: the latest N, all, or specific ones. */
public sealed interface VersionPolicy {

    VersionPolicy DEFAULT = new Latest(1);

    /** The versions to serve among {@code available}. */
    SortedSet<Long> select(SortedSet<Long> available);

    record Latest(int count) implements VersionPolicy {
        @Override
        public SortedSet<Long> select(SortedSet<Long> available) {
            TreeSet<Long> chosen = new TreeSet<>();
            for (Long version : new TreeSet<>(available).descendingSet()) {
                if (chosen.size() == count) {
                    break;
                }
                chosen.add(version);
            }
            return chosen;
        }
    }

    record All() implements VersionPolicy {
        @Override
        public SortedSet<Long> select(SortedSet<Long> available) {
            return new TreeSet<>(available);
        }
    }

    record Specific(Set<Long> versions) implements VersionPolicy {
        public Specific {
            versions = Set.copyOf(versions);
        }

        @Override
        public SortedSet<Long> select(SortedSet<Long> available) {
            TreeSet<Long> chosen = new TreeSet<>(available);
            chosen.retainAll(versions);
            return chosen;
        }
    }
}
