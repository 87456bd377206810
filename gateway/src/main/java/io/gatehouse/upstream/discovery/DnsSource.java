package io.gatehouse.upstream.discovery;

import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.config.EndpointConfig;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every A and AAAA record of a host name, one endpoint each ({@code ip:port}, weight 1), resolved at start and then
 * every {@code refresh} on the given executor. A failed or empty resolution keeps the last list serving.
 *
 * <p>The refresh interval is how often the name is resolved again, not a DNS TTL: the JVM caches lookups itself
 * ({@code networkaddress.cache.ttl}, 30 s by default, forever under a security manager), so a changed record can
 * reach the gateway up to that long after it changed in DNS.
 */
final class DnsSource implements EndpointSource {

    private static final Logger LOG = LoggerFactory.getLogger(DnsSource.class);
    /** IPv4 before IPv6, then by address: an order that does not depend on the resolver's. */
    private static final Comparator<InetAddress> ADDRESS_ORDER = Comparator
            .comparingInt((InetAddress address) -> address.getAddress().length)
            .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);

    private final DiscoveryConfig.Dns config;
    private final ScheduledExecutorService executor;
    private final HostResolver resolver;
    private final ChangeReporter reporter;
    private volatile ScheduledFuture<?> refreshes;

    DnsSource(String upstream, DiscoveryConfig.Dns config, ScheduledExecutorService executor, HostResolver resolver) {
        if (config.refresh().isNegative() || config.refresh().isZero()) {
            throw new IllegalArgumentException("upstream " + upstream
                    + ": expected a positive DNS refresh interval, got " + config.refresh());
        }
        if (config.port() < 1 || config.port() > 65535) {
            throw new IllegalArgumentException("upstream " + upstream + ": expected a port from 1 to 65535, got "
                    + config.port());
        }
        this.config = config;
        this.executor = executor;
        this.resolver = resolver;
        this.reporter = new ChangeReporter(upstream, "DNS name \"" + config.host() + "\"");
    }

    @Override
    public void start(Consumer<List<DiscoveredEndpoint>> onChange) {
        if (reporter.start(onChange)) {
            refreshes = executor.scheduleWithFixedDelay(this::refresh, 0, config.refresh().toNanos(),
                    TimeUnit.NANOSECONDS);
            if (reporter.isClosed()) {
                refreshes.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        reporter.close();
        ScheduledFuture<?> scheduled = refreshes;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /** Never throws: an exception would end the periodic task silently. */
    private void refresh() {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(config.host());
        } catch (Exception e) {
            LOG.warn("upstream {}: cannot resolve \"{}\" ({}); the last list keeps serving", reporter.upstream(),
                    config.host(), e.toString());
            return;
        }
        if (addresses == null || addresses.length == 0) {
            LOG.warn("upstream {}: \"{}\" resolved to no address; the last list keeps serving", reporter.upstream(),
                    config.host());
            return;
        }
        reporter.report(endpoints(addresses));
    }

    private List<DiscoveredEndpoint> endpoints(InetAddress[] addresses) {
        Map<InetAddress, DiscoveredEndpoint> unique = new TreeMap<>(ADDRESS_ORDER);
        for (InetAddress address : addresses) {
            String authority = new EndpointConfig(NetUtil.toAddressString(address), config.port(), 1).authority();
            unique.putIfAbsent(address, new DiscoveredEndpoint(authority, new InetSocketAddress(address,
                    config.port()), 1));
        }
        return List.copyOf(unique.values());
    }
}
