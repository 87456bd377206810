package io.gatehouse.upstream.pool;

import io.gatehouse.config.PoolConfig;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.UpstreamLimits;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;

/** One endpoint's pools, one per event loop, indexed by the loop's dense index. */
public final class EndpointPools {

    private final ConnectionPool[] pools;

    @SuppressWarnings("unchecked")
    public EndpointPools(EventLoops loops, String endpoint, InetSocketAddress address, PoolConfig config,
                         UpstreamLimits limits) {
        pools = new ConnectionPool[loops.count()];
        Class<? extends SocketChannel> channelType = (Class<? extends SocketChannel>) loops.transport().socketChannel();
        loops.group().forEach(executor -> {
            int index = loops.indexOf(executor);
            pools[index] = new ConnectionPool((EventLoop) executor, channelType, endpoint, address, config, limits);
            limits.register(pools[index]);
        });
    }

    public ConnectionPool forLoop(int loopIndex) {
        return pools[loopIndex];
    }

    public void update(PoolConfig config) {
        for (ConnectionPool pool : pools) {
            pool.update(config);
        }
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
