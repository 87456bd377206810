package io.gatehouse.upstream.lb;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** The random generator of the calling thread; tests inject a seeded one. */
@FunctionalInterface
public interface RandomSource {

    RandomSource THREAD_LOCAL = ThreadLocalRandom::current;

    RandomGenerator current();
}
