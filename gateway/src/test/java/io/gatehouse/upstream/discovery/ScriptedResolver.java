package io.gatehouse.upstream.discovery;

import io.gatehouse.testing.Eventually;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers every name with what the test last set (addresses or a failure) and counts completed calls. */
final class ScriptedResolver implements HostResolver {

    private volatile InetAddress[] addresses = new InetAddress[0];
    private volatile UnknownHostException failure;
    private volatile String lastThread;
    private final AtomicInteger calls = new AtomicInteger();

    void answer(String... ips) {
        addresses = Arrays.stream(ips).map(NetUtil::createInetAddressFromIpAddressString).toArray(InetAddress[]::new);
        failure = null;
    }

    void fail(String message) {
        failure = new UnknownHostException(message);
    }

    String lastThread() {
        return lastThread;
    }

    /**
     * Waits until {@code count} more calls have completed. The source reports a call's result before it makes the
     * next call on its single thread, so after two more calls one whole call saw the current answer.
     */
    void awaitCalls(int count) {
        int target = calls.get() + count;
        Eventually.await(count + " more resolutions", Duration.ofSeconds(10), () -> calls.get() >= target);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            lastThread = Thread.currentThread().getName();
            if (failure != null) {
                throw failure;
            }
            return addresses.clone();
        } finally {
            calls.incrementAndGet();
        }
    }
}
