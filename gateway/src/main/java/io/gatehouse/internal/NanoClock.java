package io.gatehouse.internal;

/** A monotonic clock in nanoseconds, injected where tests must control time. */
@FunctionalInterface
public interface NanoClock {

    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
