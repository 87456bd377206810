package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ForkedGateway} in a child JVM with a small heap and direct memory limit, on the test JVM's class path.
 * Its standard output and error go to files (so a chatty log can never block it) which tests can search after
 * the fact, e.g. for {@code OutOfMemoryError} or Netty's {@code LEAK} reports. {@link #close()} sends SIGTERM
 * and fails unless the process exits within a bound.
 */
public final class ForkedGatewayProcess implements AutoCloseable {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final Path stdout;
    private final Path stderr;
    private final Process process;
    private final int port;
    private final int adminPort;
    private boolean closed;

    private ForkedGatewayProcess(Path directory, Path stdout, Path stderr, Process process, int port, int adminPort) {
        this.directory = directory;
        this.stdout = stdout;
        this.stderr = stderr;
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    /**
     * Starts a gateway from {@code yaml} (listener {@code public} and admin on port 0) in a JVM run with
     * {@code jvmOptions}, and waits at most {@code startTimeout} for it to report its port.
     */
    public static ForkedGatewayProcess start(String yaml, List<String> jvmOptions, Duration startTimeout) {
        try {
            Path directory = Files.createTempDirectory("gatehouse-forked");
            Path config = directory.resolve("gatehouse.yaml");
            Files.writeString(config, yaml);
            Path stdout = directory.resolve("stdout.log");
            Path stderr = directory.resolve("stderr.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ForkedGateway.class.getName());
            command.add(config.toString());
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try {
                int[] ports = awaitReady(process, stdout, stderr, startTimeout);
                return new ForkedGatewayProcess(directory, stdout, stderr, process, ports[0], ports[1]);
            } catch (RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] awaitReady(Process process, Path stdout, Path stderr, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                if (line.startsWith(ForkedGateway.READY_PREFIX)) {
                    String[] parts = line.substring(ForkedGateway.READY_PREFIX.length()).split(" admin=");
                    return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the forked gateway exited with " + process.exitValue()
                        + " before reporting its port\nstdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the forked gateway did not report its port within " + timeout
                        + "\nstdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
            }
            sleep(50);
        }
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The lines of its standard output and error so far that contain {@code text}. */
    public List<String> outputLinesContaining(String text) {
        List<String> found = new ArrayList<>();
        for (Path file : List.of(stdout, stderr)) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.filter(line -> line.contains(text)).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The last lines of its standard output and error, for failure messages. */
    public String outputTail() {
        return "stdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr);
    }

    /** Sends SIGTERM and waits for the process to exit; fails (after killing it) if it does not. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.destroy();
            boolean exited = process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the forked gateway (pid " + process.pid() + ") did not exit within "
                        + EXIT_TIMEOUT + " of SIGTERM\n" + outputTail());
            }
            TestResources.deleteDirectory(directory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping the forked gateway", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the forked gateway", e);
        }
    }
}
