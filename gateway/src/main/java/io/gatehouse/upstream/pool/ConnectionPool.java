package io.gatehouse.upstream.pool;

import io.gatehouse.config.PoolConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Connections from one event loop to one endpoint. Touched only on its loop, so it takes no locks; the counters
 * are read racily by metrics scrapes, which tolerate a stale value.
 */
public final class ConnectionPool {

    private final EventLoop loop;
    private final String endpoint;
    private final InetSocketAddress address;
    private final Bootstrap bootstrap;
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private volatile PoolConfig config;
    private int open;
    private boolean retired;

    private record Waiter(ConnectionCallback callback, Duration connectTimeout) {
    }

    ConnectionPool(EventLoop loop, Class<? extends SocketChannel> channelType, String endpoint,
                   InetSocketAddress address, PoolConfig config) {
        this.loop = loop;
        this.endpoint = endpoint;
        this.address = address;
        this.config = config;
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.AUTO_READ, false);
    }

    void update(PoolConfig config) {
        this.config = config;
    }

    public int idleCount() {
        return idle.size();
    }

    public int activeCount() {
        return open - idle.size();
    }

    /**
     * Hands out an idle connection (unless {@code fresh}), opens a new one, or queues the request; must run on this
     * pool's loop.
     */
    public void acquire(ConnectionCallback callback, Duration connectTimeout, boolean fresh) {
        PooledConnection connection;
        while (!fresh && (connection = idle.pollLast()) != null) {
            if (connection.channel().isActive()) {
                callback.onAcquired(connection);
                return;
            }
            connection.leavePool();
        }
        PoolConfig current = config;
        if (open < current.maxConnections()) {
            connect(callback, connectTimeout);
        } else if (waiters.size() < current.maxPending()) {
            waiters.add(new Waiter(callback, connectTimeout));
        } else {
            callback.onAcquireFailed(new PoolFullException(endpoint, current.maxConnections(), current.maxPending()),
                    false);
        }
    }

    /**
     * Withdraws a request still queued for a connection; returns false when it is not queued (a connection is
     * being opened for it, which its connect timeout bounds).
     */
    public boolean cancel(ConnectionCallback callback) {
        return waiters.removeIf(waiter -> waiter.callback() == callback);
    }

    private void connect(ConnectionCallback callback, Duration connectTimeout) {
        open++;
        PooledConnection connection = new PooledConnection(this);
        ChannelFuture future = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("codec", new HttpClientCodec())
                                .addLast("connection", connection);
                    }
                })
                .connect(address);
        future.addListener(f -> {
            if (f.isSuccess()) {
                callback.onAcquired(connection);
            } else {
                // channelInactive never fires for a channel that did not become active: count it closed here.
                open--;
                serveWaiter();
                callback.onAcquireFailed(f.cause(), f.cause() instanceof ConnectTimeoutException);
            }
        });
    }

    void release(PooledConnection connection, boolean reusable) {
        if (!reusable || retired) {
            connection.leavePool();
            connection.channel().close();
            return;
        }
        Waiter waiter = waiters.poll();
        if (waiter != null) {
            waiter.callback().onAcquired(connection);
            return;
        }
        idle.addLast(connection);
        connection.startIdleTimeout(config.idleTimeout().toNanos());
        // Keep a read pending so a peer's close (or a stray byte) is seen while idle.
        connection.channel().read();
    }

    void closed(PooledConnection connection) {
        idle.remove(connection);
        open--;
        serveWaiter();
    }

    private void serveWaiter() {
        if (!waiters.isEmpty() && open < config.maxConnections()) {
            Waiter waiter = waiters.poll();
            connect(waiter.callback(), waiter.connectTimeout());
        }
    }

    /** Stops pooling: idle connections close now, busy ones when their exchange ends. Runs on the loop. */
    void retire() {
        retired = true;
        for (PooledConnection connection : idle.toArray(new PooledConnection[0])) {
            connection.channel().close();
        }
    }

    EventLoop loop() {
        return loop;
    }
}
