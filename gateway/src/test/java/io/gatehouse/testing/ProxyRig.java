package io.gatehouse.testing;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The usual set-up of an integration test, as a JUnit extension: before each test it starts a {@link TestOrigin},
 * a {@link TestGateway} from a config that points at it and, unless made {@link #withoutClient}, a
 * {@link RawHttpClient} connected to the gateway's public listener; after each test it closes them again, client
 * first, origin last.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ProxyRig rig = ProxyRig.withClient(TestOrigin::start,
 *         authority -> TestGateway.config(1, HttpTestSupport.upstreamAndRoute(authority, "/", "")));
 * }</pre>
 */
public final class ProxyRig implements BeforeEachCallback, AfterEachCallback {

    private final Supplier<TestOrigin> originFactory;
    private final Function<String, String> config;
    private final boolean connectClient;

    private TestOrigin origin;
    private TestGateway gateway;
    private RawHttpClient client;
    private AdminClient admin;

    private ProxyRig(Supplier<TestOrigin> originFactory, Function<String, String> config, boolean connectClient) {
        this.originFactory = originFactory;
        this.config = config;
        this.connectClient = connectClient;
    }

    /**
     * {@code origin} starts the origin (and scripts it); {@code config} gives the gateway's YAML for the origin's
     * authority ({@code 127.0.0.1:PORT}).
     */
    public static ProxyRig withClient(Supplier<TestOrigin> origin, Function<String, String> config) {
        return new ProxyRig(origin, config, true);
    }

    /** Like {@link #withClient} without the client, for tests that open their own connections. */
    public static ProxyRig withoutClient(Supplier<TestOrigin> origin, Function<String, String> config) {
        return new ProxyRig(origin, config, false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        try {
            origin = originFactory.get();
            gateway = TestGateway.start(config.apply(origin.authority()));
            if (connectClient) {
                client = RawHttpClient.connect(gateway.port());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public TestOrigin origin() {
        return origin;
    }

    public TestGateway gateway() {
        return gateway;
    }

    public RawHttpClient client() {
        if (client == null) {
            throw new IllegalStateException("this rig connects no client");
        }
        return client;
    }

    /** An admin API client for this test's gateway. */
    public AdminClient admin() {
        if (admin == null) {
            admin = new AdminClient(gateway);
        }
        return admin;
    }

    private void close() {
        try {
            TestResources.closeAll(client, gateway, origin);
        } finally {
            client = null;
            gateway = null;
            origin = null;
            admin = null;
        }
    }
}
