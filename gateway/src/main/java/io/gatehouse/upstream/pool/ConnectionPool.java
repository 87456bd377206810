package io.gatehouse.upstream.pool;

import io.gatehouse.config.PoolConfig;
import io.gatehouse.upstream.UpstreamLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Connections from one event loop to one endpoint. Touched only on its loop, so it takes no locks; the counters
 * are read racily by metrics scrapes, which tolerate a stale value. How many connections and waiters it may have
 * is decided by the upstream's node-wide {@link UpstreamLimits}.
 */
public final class ConnectionPool {

    private final EventLoop loop;
    private final String endpoint;
    private final InetSocketAddress address;
    private final Bootstrap bootstrap;
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final UpstreamLimits limits;
    private volatile PoolConfig config;
    /** How new connections speak TLS; null for cleartext. Swapped by the thread that applies config. */
    private volatile UpstreamTls tls;
    /** Read by other loops to decide whether a freed connection slot should wake this pool. */
    private volatile int waiterCount;
    private volatile int idleCount;
    private int open;
    private boolean retired;

    /** @param pending whether the waiter holds one of the upstream's {@code max-pending} places */
    private record Waiter(ConnectionCallback callback, Duration connectTimeout, boolean pending) {
    }

    ConnectionPool(EventLoop loop, Class<? extends SocketChannel> channelType, String endpoint,
                   InetSocketAddress address, PoolConfig config, UpstreamTls tls, UpstreamLimits limits) {
        this.loop = loop;
        this.tls = tls;
        this.limits = limits;
        this.endpoint = endpoint;
        this.address = address;
        this.config = config;
        this.bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.AUTO_READ, false);
    }

    /** Connections made with other TLS settings are not handed out again: idle ones close now, busy ones when done. */
    void update(PoolConfig config, UpstreamTls tls) {
        this.config = config;
        if (this.tls != tls) {
            this.tls = tls;
            loop.execute(this::closeIdleOfOtherTls);
        }
    }

    private void closeIdleOfOtherTls() {
        for (PooledConnection connection : idle.toArray(new PooledConnection[0])) {
            if (connection.tls() != tls) {
                connection.channel().close();
            }
        }
    }

    /** Safe to read from any thread. */
    public int idleCount() {
        return idleCount;
    }

    /** Safe to read from any thread. */
    public boolean hasWaiters() {
        return waiterCount > 0;
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
            idleCount = idle.size();
            if (connection.channel().isActive()) {
                callback.onAcquired(connection);
                return;
            }
            connection.leavePool();
        }
        if (limits.tryOpenConnection()) {
            connect(callback, connectTimeout);
        } else if (limits.reclaimIdle(this)) {
            // Another loop is closing an idle connection for us: a wait that short is no queueing.
            enqueue(new Waiter(callback, connectTimeout, false));
        } else if (limits.tryPend()) {
            enqueue(new Waiter(callback, connectTimeout, true));
        } else if (limits.tryOpenConnection()) {
            // A slot was freed (and its wake-up missed) between the first try and now.
            connect(callback, connectTimeout);
        } else {
            callback.onAcquireFailed(new PoolFullException(endpoint, limits.config().maxConnections(),
                    limits.config().maxPending()), false);
        }
    }

    /**
     * Withdraws a request still queued for a connection; returns false when it is not queued (a connection is
     * being opened for it, which its connect timeout bounds).
     */
    public boolean cancel(ConnectionCallback callback) {
        for (Waiter waiter : waiters) {
            if (waiter.callback() == callback) {
                waiters.remove(waiter);
                left(waiter);
                return true;
            }
        }
        return false;
    }

    private void enqueue(Waiter waiter) {
        waiters.add(waiter);
        waiterCount = waiters.size();
        // A slot freed before the waiter was visible woke nobody: look again now that it is.
        serveWaiters();
    }

    private void left(Waiter waiter) {
        waiterCount = waiters.size();
        if (waiter.pending()) {
            limits.unpend();
        }
    }

    private void connect(ConnectionCallback callback, Duration connectTimeout) {
        UpstreamTls tls = this.tls;
        if (tls != null && tls.context() == null) {
            limits.connectionClosed();
            callback.onAcquireFailed(new SSLException(tls.failure()), false);
            return;
        }
        open++;
        PooledConnection connection = new PooledConnection(this, tls);
        int timeoutMillis = (int) Math.max(1, connectTimeout.toMillis());
        ChannelFuture future = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), timeoutMillis));
                        }
                        ch.pipeline().addLast("codec", new HttpClientCodec())
                                .addLast("connection", connection);
                    }
                })
                .connect(address);
        future.addListener(f -> {
            if (f.isSuccess() && tls != null) {
                afterHandshake(connection, callback);
            } else if (f.isSuccess()) {
                callback.onAcquired(connection);
            } else {
                // channelInactive never fires for a channel that did not become active: count it closed here.
                open--;
                limits.connectionClosed();
                callback.onAcquireFailed(f.cause(), f.cause() instanceof ConnectTimeoutException);
            }
        });
    }

    /**
     * A TLS connection is handed out only once its handshake succeeded; a failed handshake is a failed connect
     * (the close that follows it frees the connection's slot).
     */
    private void afterHandshake(PooledConnection connection, ConnectionCallback callback) {
        connection.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                callback.onAcquired(connection);
            } else {
                connection.channel().close();
                callback.onAcquireFailed(handshake.cause(), handshake.cause() instanceof SslHandshakeTimeoutException);
            }
        });
    }

    void release(PooledConnection connection, boolean reusable) {
        if (!reusable || retired || connection.tls() != tls) {
            connection.leavePool();
            connection.channel().close();
            return;
        }
        Waiter waiter = nextWaiter();
        if (waiter != null) {
            waiter.callback().onAcquired(connection);
            return;
        }
        if (limits.waitingElsewhere(this)) {
            // Another loop waits for a connection slot: free this one rather than idle it here.
            connection.leavePool();
            connection.channel().close();
            return;
        }
        idle.addLast(connection);
        idleCount = idle.size();
        connection.startIdleTimeout(config.idleTimeout().toNanos());
        // Keep a read pending so a peer's close (or a stray byte) is seen while idle.
        connection.channel().read();
    }

    void closed(PooledConnection connection) {
        idle.remove(connection);
        idleCount = idle.size();
        open--;
        limits.connectionClosed();
    }

    /** Opens connections for waiters while the upstream's limit allows. Runs on the loop. */
    public void serveWaiters() {
        while (!waiters.isEmpty() && limits.tryOpenConnection()) {
            Waiter waiter = nextWaiter();
            connect(waiter.callback(), waiter.connectTimeout());
        }
    }

    /** Closes the longest-idle connection, if any, to free its slot for another loop. Runs on the loop. */
    public void closeOneIdle() {
        PooledConnection oldest = idle.peekFirst();
        if (oldest != null) {
            oldest.channel().close();
        }
    }

    private Waiter nextWaiter() {
        Waiter waiter = waiters.poll();
        if (waiter != null) {
            left(waiter);
        }
        return waiter;
    }

    /** Stops pooling: idle connections close now, busy ones when their exchange ends. Runs on the loop. */
    void retire() {
        retired = true;
        limits.unregister(this);
        for (PooledConnection connection : idle.toArray(new PooledConnection[0])) {
            connection.channel().close();
        }
    }

    public EventLoop loop() {
        return loop;
    }
}
