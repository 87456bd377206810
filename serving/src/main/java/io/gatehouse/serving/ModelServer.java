package io.gatehouse.serving;

import ai.onnxruntime.OrtEnvironment;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletionException;

/**
 * The embedded model server: Open Inference Protocol v2 and TF Serving REST over a model repository, on Netty
 * event loops for HTTP, a bounded worker pool for inference and one loader thread for loads and unloads.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final InferenceWorkers workers;
    private final ModelManager manager;
    private final ModelRegistry registry;
    private final RepositoryPoller poller;
    private final NativeValueCounter nativeValues;
    private final ScheduledExecutorService pollTimer;

    private ModelServer(EventLoopGroup group, Channel channel, InferenceWorkers workers, ModelManager manager,
                        ModelRegistry registry, RepositoryPoller poller, NativeValueCounter nativeValues, ScheduledExecutorService pollTimer) {
        this.group = group;
        this.channel = channel;
        this.workers = workers;
        this.manager = manager;
        this.registry = registry;
        this.poller = poller;
        this.nativeValues = nativeValues;
        this.pollTimer = pollTimer;
    }

    /** Starts serving; in poll mode the repository is polled every {@code pollInterval}. */
    public static ModelServer start(ServingConfig config) throws InterruptedException {
        return start(config, true, NanoClock.SYSTEM);
    }

    /**
     * Starts serving; tests that drive the polls themselves pass {@code schedulePolls} false, and the clock times
     * requests for the statistics.
     */
    static ModelServer start(ServingConfig config, boolean schedulePolls, NanoClock clock)
            throws InterruptedException {
        OrtEnvironment environment = OrtRuntime.environment(config.intraOpThreads());
        ModelRegistry registry = new ModelRegistry();
        ModelManager manager = new ModelManager(new ModelRepository(config.repository()),
                new ModelLoader(environment), registry);
        InferenceWorkers workers = new InferenceWorkers(config.workers(), config.queueCapacity());
        NativeValueCounter nativeValues = new NativeValueCounter();
        Inference inference = new Inference(environment, nativeValues);
        ServingApi api = new ServingApi(new OipEndpoints(registry, inference),
                new TfServingEndpoints(registry, inference), new RepositoryEndpoints(manager, registry), workers, clock);
        RepositoryPoller poller = new RepositoryPoller(manager, registry);
        loadAtStart(config, manager, poller);

        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(config.ioThreads(), "gatehouse-serving-io");
        Channel channel;
        try {
            channel = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec())
                                    .addLast(new BodyCap((int) config.maxBodyBytes()))
                                    .addLast(new ServingHandler(api));
                        }
                    })
                    .bind(config.address(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.close();
            manager.close();
            throw e;
        }
        ScheduledExecutorService pollTimer = null;
        if (config.control() == ControlMode.POLL && schedulePolls) {
            pollTimer = Executors.newSingleThreadScheduledExecutor(
                    new DefaultThreadFactory("gatehouse-repository-poll", true));
            long millis = config.pollInterval().toMillis();
            pollTimer.scheduleWithFixedDelay(() -> poller.poll().join(), millis, millis, TimeUnit.MILLISECONDS);
        }
        ModelServer server = new ModelServer(group, channel, workers, manager, registry, poller, nativeValues, pollTimer);
        LOG.info("model server on {} ({} transport, {} control) over {}: {} workers x {} intra-op threads,"
                + " queue {}", channel.localAddress(), transport, config.control(), config.repository(),
                config.workers(), config.intraOpThreads(), config.queueCapacity());
        return server;
    }

    /**
     * Explicit mode loads the named models by their policies; poll mode polls twice, so that files present at start
     * and unchanged between the two polls are served at once.
     */
    private static void loadAtStart(ServingConfig config, ModelManager manager, RepositoryPoller poller) {
        if (config.control() == ControlMode.POLL) {
            poller.poll().join();
            poller.poll().join();
            return;
        }
        for (String model : config.models()) {
            List<ModelManager.LoadFailure> failures;
            try {
                failures = manager.applyPolicy(model).join();
            } catch (CompletionException e) {
                throw new IllegalArgumentException("cannot load model '" + model + "': "
                        + e.getCause().getMessage(), e.getCause());
            }
            if (!failures.isEmpty()) {
                LOG.warn("{}", ModelManager.describe(failures));
            }
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    InferenceWorkers workers() {
        return workers;
    }

    ModelRegistry registry() {
        return registry;
    }

    RepositoryPoller poller() {
        return poller;
    }

    NativeValueCounter nativeValues() {
        return nativeValues;
    }

    /** Stops accepting, lets queued inference finish, then unloads every version and closes its sessions. */
    @Override
    public void close() {
        if (pollTimer != null) {
            pollTimer.shutdownNow();
        }
        channel.close().syncUninterruptibly();
        workers.close();
        manager.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
