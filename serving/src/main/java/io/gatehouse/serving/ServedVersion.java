package io.gatehouse.serving;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded model version: its sessions and signature, and a count of the runs in flight. Retiring it refuses new
 * runs; its sessions close when the last run in flight ends, never under a running {@code run()}.
 */
final class ServedVersion {

    private static final Logger LOG = LoggerFactory.getLogger(ServedVersion.class);
    /** Set in {@link #leases} once retired; the low bits count the runs in flight. */
    private static final long RETIRED = 1L << 40;

    private final String model;
    private final long version;
    private final List<OrtSession> sessions;
    private final Signature signature;
    private final AtomicInteger nextSession = new AtomicInteger();
    private final AtomicLong leases = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final InferenceStats stats = new InferenceStats();

    ServedVersion(String model, long version, List<OrtSession> sessions, Signature signature) {
        this.model = model;
        this.version = version;
        this.sessions = List.copyOf(sessions);
        this.signature = signature;
    }

    String model() {
        return model;
    }

    long version() {
        return version;
    }

    Signature signature() {
        return signature;
    }

    InferenceStats stats() {
        return stats;
    }

    /** Takes a lease for one run; false once retired. Every successful acquire is paired with {@link #release}. */
    boolean acquire() {
        while (true) {
            long current = leases.get();
            if ((current & RETIRED) != 0) {
                return false;
            }
            if (leases.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (leases.decrementAndGet() == RETIRED) {
            closeSessions();
        }
    }

    /** The session for the next run, spreading runs over the version's instances. Only under a lease. */
    OrtSession session() {
        return sessions.get(Math.floorMod(nextSession.getAndIncrement(), sessions.size()));
    }

    int inFlight() {
        return (int) (leases.get() & (RETIRED - 1));
    }

    /** Refuses new runs and closes the sessions once the runs in flight end; completes when they are closed. */
    CompletableFuture<Void> retire() {
        long before = leases.getAndUpdate(current -> current | RETIRED);
        if (before == 0) {
            closeSessions();
        }
        return closed;
    }

    private void closeSessions() {
        for (OrtSession session : sessions) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing model {} version {}: {}", model, version, e.getMessage());
            }
        }
        closed.complete(null);
    }
}
