package io.gatehouse.upstream.discovery;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.EndpointConfig;
import io.gatehouse.config.EndpointsFile;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Endpoints listed in a JSON or YAML file ({@link EndpointsFile}), read at start and again whenever its
 * directory changes; reading, parsing and resolving run on the given executor. A file that is missing, malformed or
 * names a host that does not resolve is logged with every problem, and the last good list keeps serving. A file
 * rewritten with the same content (the hash says so) is not parsed again.
 *
 * <p>A host name is resolved once, to its first address, when it first appears: its endpoint keeps the authority
 * as written and that address for as long as the file names it, as a static endpoint does across reloads.
 */
final class FileSource implements EndpointSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    private final Path file;
    private final Executor executor;
    private final HostResolver resolver;
    private final ChangeReporter reporter;
    private volatile DirectoryWatch watch;
    /** Guarded by this, like everything {@link #reload()} reads. */
    private byte[] lastDigest;
    private boolean missingLogged;

    FileSource(String upstream, Path file, Executor executor, HostResolver resolver) {
        this.file = file.toAbsolutePath();
        this.executor = executor;
        this.resolver = resolver;
        this.reporter = new ChangeReporter(upstream, "file " + this.file);
    }

    @Override
    public void start(Consumer<List<DiscoveredEndpoint>> onChange) {
        if (!reporter.start(onChange)) {
            return;
        }
        try {
            watch = new DirectoryWatch(file.getParent(), "gatehouse-endpoints-" + reporter.upstream(),
                    this::scheduleReload);
        } catch (IOException e) {
            LOG.error("upstream {}: cannot watch directory {} ({}); endpoints file {} is read once and changes to it"
                    + " are not seen", reporter.upstream(), file.getParent(), e.toString(), file.getFileName());
        }
        if (reporter.isClosed()) {
            closeWatch();
        }
        scheduleReload();
    }

    @Override
    public void close() {
        reporter.close();
        closeWatch();
    }

    private void closeWatch() {
        DirectoryWatch current = watch;
        if (current != null) {
            current.close();
        }
    }

    private void scheduleReload() {
        try {
            executor.execute(this::reload);
        } catch (RejectedExecutionException e) {
            if (!reporter.isClosed()) {
                LOG.error("upstream {}: cannot read endpoints file {}: the executor refused the task ({})",
                        reporter.upstream(), file, e.toString());
            }
        }
    }

    private synchronized void reload() {
        if (reporter.isClosed()) {
            return;
        }
        byte[] content = read();
        if (content == null) {
            return;
        }
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, lastDigest)) {
            LOG.debug("upstream {}: endpoints file {} is unchanged", reporter.upstream(), file);
            return;
        }
        List<EndpointConfig> configs;
        try {
            configs = EndpointsFile.parse(new String(content, StandardCharsets.UTF_8), file.toString());
        } catch (ConfigException e) {
            lastDigest = digest;
            LOG.error("upstream {}: endpoints file rejected, the last good list keeps serving: {}",
                    reporter.upstream(), e.getMessage());
            return;
        }
        List<DiscoveredEndpoint> endpoints = resolve(configs);
        if (endpoints != null) {
            lastDigest = digest;
            reporter.report(endpoints);
        }
    }

    /** The file's bytes, or null after logging why there are none. */
    private byte[] read() {
        try {
            byte[] content = Files.readAllBytes(file);
            missingLogged = false;
            return content;
        } catch (NoSuchFileException e) {
            if (!missingLogged) {
                missingLogged = true;
                LOG.error("upstream {}: endpoints file {} does not exist; {} until it appears", reporter.upstream(),
                        file, reporter.last().isEmpty() ? "the upstream has no endpoints" : "the last list serves");
            }
        } catch (IOException e) {
            LOG.error("upstream {}: cannot read endpoints file {} ({}); the last good list keeps serving",
                    reporter.upstream(), file, e.toString());
        }
        return null;
    }

    /**
     * Gives each endpoint an address, reusing the one it already has; null after logging every name that did not
     * resolve. The file's hash is then not recorded, so the next change in the directory tries again.
     */
    private List<DiscoveredEndpoint> resolve(List<EndpointConfig> configs) {
        Map<String, InetSocketAddress> known = new HashMap<>();
        reporter.last().forEach(endpoint -> known.put(endpoint.authority(), endpoint.address()));
        List<DiscoveredEndpoint> endpoints = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (EndpointConfig config : configs) {
            InetSocketAddress address = known.get(config.authority());
            try {
                if (address == null) {
                    address = new InetSocketAddress(firstAddress(config.host()), config.port());
                }
                endpoints.add(new DiscoveredEndpoint(config.authority(), address, config.weight()));
            } catch (Exception e) {
                failures.add("cannot resolve \"" + config.host() + "\" of \"" + config.authority() + "\" ("
                        + e + ")");
            }
        }
        if (!failures.isEmpty()) {
            LOG.error("upstream {}: endpoints file {} not applied, the last good list keeps serving: {}",
                    reporter.upstream(), file, String.join("; ", failures));
            return null;
        }
        return List.copyOf(endpoints);
    }

    private InetAddress firstAddress(String host) throws UnknownHostException {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            return literal;
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException("no address");
        }
        return addresses[0];
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
