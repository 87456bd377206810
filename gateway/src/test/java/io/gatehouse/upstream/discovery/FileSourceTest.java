package io.gatehouse.upstream.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.gatehouse.testing.Eventually;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ONE = "endpoints: [ { address: \"10.0.0.1:80\" } ]\n";
    private static final String TWO = "endpoints: [ { address: \"10.0.0.1:80\" }, { address: \"10.0.0.2:80\" } ]\n";

    @TempDir
    Path dir;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
            runnable -> new Thread(runnable, "discovery-test"));
    private final BlockingQueue<List<DiscoveredEndpoint>> reports = new LinkedBlockingQueue<>();
    private final ScriptedResolver resolver = new ScriptedResolver();
    private final LogCapture log = new LogCapture(FileSource.class);
    private FileSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        executor.shutdownNow();
        log.close();
    }

    private Path start(String name, HostResolver hostResolver) {
        Path file = dir.resolve(name);
        source = new FileSource("api", file, executor, hostResolver);
        source.start(reports::add);
        return file;
    }

    private List<DiscoveredEndpoint> nextReport() throws InterruptedException {
        List<DiscoveredEndpoint> report = reports.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(report).as("a report within " + WAIT).isNotNull();
        return report;
    }

    private static List<String> authorities(List<DiscoveredEndpoint> list) {
        return list.stream().map(DiscoveredEndpoint::authority).toList();
    }

    private static DiscoveredEndpoint endpoint(String authority, String ip, int port, int weight) {
        return new DiscoveredEndpoint(authority,
                new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(ip), port), weight);
    }

    /** Waits until the source has read {@code file} again and found it unchanged. */
    private void awaitUnchangedRead(Runnable write) {
        long before = log.count(Level.DEBUG, "is unchanged");
        write.run();
        Eventually.await("an unchanged read", WAIT, () -> log.count(Level.DEBUG, "is unchanged") > before);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "e.yaml | 'endpoints:\n  - address: 10.0.0.1:80\n  - { address: \"[::1]:81\", weight: 3 }\n'",
        "e.yaml | '- address: 10.0.0.1:80\n- address: \"[::1]:81\"\n  weight: 3\n'",
        "e.json | '{\"endpoints\": [{\"address\": \"10.0.0.1:80\"}, {\"address\": \"[::1]:81\", \"weight\": 3}]}'",
        "e.json | '[{\"address\": \"10.0.0.1:80\"}, {\"address\": \"[::1]:81\", \"weight\": 3}]'",
    })
    void reportsTheListAtStart(String name, String content) throws Exception {
        write(dir.resolve(name), content.replace("\\n", "\n"));

        start(name, resolver);

        assertThat(nextReport()).containsExactly(endpoint("10.0.0.1:80", "10.0.0.1", 80, 1),
                endpoint("[::1]:81", "::1", 81, 3));
    }

    @Test
    void reportsAChangeButNotAnIdenticalRewrite() throws Exception {
        write(dir.resolve("e.yaml"), ONE);
        Path file = start("e.yaml", resolver);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");

        write(file, TWO);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80", "10.0.0.2:80");

        awaitUnchangedRead(() -> write(file, TWO));
        assertThat(reports).isEmpty();

        write(file, ONE);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");
    }

    @Test
    void anInvalidRewriteIsLoggedAndReportsNothingUntilAValidOne() throws Exception {
        write(dir.resolve("e.yaml"), ONE);
        Path file = start("e.yaml", resolver);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");

        write(file, """
                endpoints:
                  - { address: "10.0.0.1:80" }
                  - { address: "10.0.0.2:80", weight: 0 }
                  - { address: "x" }
                """);
        Eventually.await("the error logged", WAIT, () -> log.count(Level.ERROR, "rejected") > 0);
        assertThat(log.messages(Level.ERROR)).singleElement().asString().contains(
                "upstream api", file.toString(), "the last good list keeps serving",
                "endpoints[1].weight: expected an integer >= 1, got \"0\"",
                "endpoints[2].address: expected \"host:port\", got \"x\"");
        assertThat(reports).isEmpty();

        write(file, TWO);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80", "10.0.0.2:80");
    }

    @Test
    void aFileReplacedByRenameIsReported() throws Exception {
        write(dir.resolve("e.yaml"), ONE);
        Path file = start("e.yaml", resolver);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");

        Path next = dir.resolve(".e.yaml.swp");
        write(next, TWO);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80", "10.0.0.2:80");
    }

    @Test
    void aFileMissingAtStartIsLoggedAndReadWhenItAppears() throws Exception {
        Path file = start("e.yaml", resolver);
        Eventually.await("the missing file logged", WAIT, () -> log.count(Level.ERROR, "does not exist") > 0);
        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .contains(file.toString(), "the upstream has no endpoints until it appears");

        write(file, ONE);

        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");
    }

    @Test
    void aNameResolvesOnceToItsFirstAddressAndKeepsItsIdentity() throws Exception {
        resolver.answer("10.1.1.1", "10.1.1.2");
        write(dir.resolve("e.yaml"), "[ { address: \"backend.internal:8080\", weight: 2 } ]");
        Path file = start("e.yaml", resolver);
        assertThat(nextReport()).containsExactly(endpoint("backend.internal:8080", "10.1.1.1", 8080, 2));
        assertThat(resolver.lastThread()).isEqualTo("discovery-test");

        resolver.answer("10.9.9.9");
        write(file, "[ { address: \"backend.internal:8080\", weight: 5 }, { address: \"10.0.0.5:80\" } ]");

        assertThat(nextReport()).containsExactly(endpoint("backend.internal:8080", "10.1.1.1", 8080, 5),
                endpoint("10.0.0.5:80", "10.0.0.5", 80, 1));
    }

    @Test
    void aNameThatDoesNotResolveIsLoggedAndReportsNothing() throws Exception {
        write(dir.resolve("e.yaml"), ONE);
        Path file = start("e.yaml", resolver);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");

        resolver.fail("other.internal: Name or service not known");
        write(file, "[ { address: \"10.0.0.1:80\" }, { address: \"other.internal:80\" } ]");
        Eventually.await("the error logged", WAIT, () -> log.count(Level.ERROR, "not applied") > 0);
        assertThat(log.messages(Level.ERROR)).singleElement().asString()
                .contains("cannot resolve \"other.internal\"", "Name or service not known");
        assertThat(reports).isEmpty();

        resolver.answer("10.3.3.3");
        write(file, "[ { address: \"10.0.0.1:80\" }, { address: \"other.internal:80\" } ]");
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80", "other.internal:80");
    }

    @Test
    void closeStopsWatching() throws Exception {
        write(dir.resolve("e.yaml"), ONE);
        source = new FileSource("closing", dir.resolve("e.yaml"), executor, resolver);
        source.start(reports::add);
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");
        assertThat(watchThreads()).isNotEmpty();

        source.close();

        Eventually.await("the watch thread to end", WAIT, () -> watchThreads().isEmpty());
    }

    private static List<Thread> watchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("gatehouse-endpoints-closing") && thread.isAlive())
                .toList();
    }

    @Test
    void closeDropsTheReportOfAReadInFlight() throws Exception {
        CountDownLatch resolving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        write(dir.resolve("e.yaml"), ONE);
        Path file = start("e.yaml", host -> {
            resolving.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException("interrupted");
            }
            return new InetAddress[] {NetUtil.createInetAddressFromIpAddressString("10.2.2.2")};
        });
        assertThat(authorities(nextReport())).containsExactly("10.0.0.1:80");
        write(file, "[ { address: \"backend.internal:80\" } ]");
        assertThat(resolving.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        source.close();
        release.countDown();
        executor.submit(() -> { }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(reports).isEmpty();
    }
}
