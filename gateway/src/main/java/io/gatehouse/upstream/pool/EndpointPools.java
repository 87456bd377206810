package io.gatehouse.upstream.pool;

import io.gatehouse.config.PoolConfig;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.UpstreamLimits;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One endpoint's pools, one per event loop, indexed by the loop's dense index. */
public final class EndpointPools {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointPools.class);

    private final ConnectionPool[] pools;
    private final String endpoint;
    private final InetSocketAddress address;
    /** Touched only by the thread that applies config (the registry serialises it). */
    private UpstreamTls tls;

    @SuppressWarnings("unchecked")
    public EndpointPools(EventLoops loops, String endpoint, InetSocketAddress address, PoolConfig config,
                         UpstreamLimits limits) {
        this.endpoint = endpoint;
        this.address = address;
        this.tls = tls(config, null);
        pools = new ConnectionPool[loops.count()];
        Class<? extends SocketChannel> channelType = (Class<? extends SocketChannel>) loops.transport().socketChannel();
        loops.group().forEach(executor -> {
            int index = loops.indexOf(executor);
            pools[index] = new ConnectionPool((EventLoop) executor, channelType, endpoint, address, config, tls,
                    limits);
            limits.register(pools[index]);
        });
    }

    public ConnectionPool forLoop(int loopIndex) {
        return pools[loopIndex];
    }

    /** Blocking when the TLS settings changed (their files are read): call it off the event loops. */
    public void update(PoolConfig config) {
        tls = tls(config, tls);
        for (ConnectionPool pool : pools) {
            pool.update(config, tls);
        }
    }

    /** What connections speak under {@code config}: the current TLS while its settings stay, else a new one. */
    private UpstreamTls tls(PoolConfig config, UpstreamTls current) {
        if (config.tls() == null) {
            return null;
        }
        if (current != null && Objects.equals(current.config(), config.tls())) {
            return current;
        }
        UpstreamTls next = UpstreamTls.create(config.tls(), Endpoint.hostOf(endpoint), address.getPort());
        if (next.context() == null) {
            LOG.error("endpoint {}: TLS cannot be set up, connections to it fail: {}", endpoint, next.failure());
        } else if (!config.tls().verify()) {
            LOG.warn("endpoint {}: TLS verification is off (verify: false): any certificate is accepted", endpoint);
        }
        return next;
    }

    public double idle() {
        double sum = 0;
        for (ConnectionPool pool : pools) {
            sum += pool.idleCount();
        }
        return sum;
    }

    public double active() {
        double sum = 0;
        for (ConnectionPool pool : pools) {
            sum += pool.activeCount();
        }
        return sum;
    }

    /** Closes idle connections and stops pooling on every loop; busy connections close when released. */
    public void retire() {
        for (ConnectionPool pool : pools) {
            pool.loop().execute(pool::retire);
        }
    }
}
