package io.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} from PATH on a free loopback port, without persistence, in a directory of its own.
 * It can be stopped and started again on the same port, or paused (SIGSTOP: connections stay open but nothing
 * answers) and resumed, for outage tests. Without the binary the calling tests are skipped or failed as
 * {@link ServiceBinaries} says.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 3;

    private final Path binary;
    private final Path directory;
    private final List<String> extraArguments;
    private final int port;
    private Process process;
    private boolean paused;

    private RedisServer(Path binary, Path directory, List<String> extraArguments, int port) {
        this.binary = binary;
        this.directory = directory;
        this.extraArguments = extraArguments;
        this.port = port;
    }

    /**
     * Starts a server; {@code extraArguments} are more command-line options, e.g. {@code --requirepass s}. Call it
     * from {@code @BeforeEach} (once per class if need be), see {@link ServiceBinaries}.
     */
    public static RedisServer start(String... extraArguments) {
        Path binary = ServiceBinaries.find("redis-server", "redis-server");
        Path directory = createDirectory();
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServer server = new RedisServer(binary, directory, List.of(extraArguments), freeLoopbackPort());
            try {
                server.launch();
                return server;
            } catch (IllegalStateException e) {
                // another process may have taken the port between probing and launching
                lastFailure = e;
            }
        }
        TestResources.deleteDirectory(directory);
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null;
    }

    /** Stops the server (SIGTERM) and waits until it has exited; its data is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts the stopped server again on the same port. */
    public synchronized void restart() {
        if (process != null) {
            throw new IllegalStateException("redis-server on port " + port + " is running; stop it first");
        }
        launch();
    }

    /** Freezes the process: its connections stay open but nothing is answered until {@link #resume()}. */
    public synchronized void pause() {
        signal("STOP");
        paused = true;
    }

    public synchronized void resume() {
        if (paused) {
            signal("CONT");
            paused = false;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        TestResources.deleteDirectory(directory);
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(extraArguments);
        Path log = directory.resolve("redis-" + port + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                process = null;
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + START_TIMEOUT + "; its log:\n" + readLog(log));
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** True once the server answers PING, with PONG or, when it wants a password, with NOAUTH. */
    boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            InputStream in = socket.getInputStream();
            int read = in.readNBytes(reply, 0, reply.length);
            String answer = new String(reply, 0, read, StandardCharsets.US_ASCII);
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO()
                    .start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIG" + signal + " to redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + signal + " to redis-server", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free loopback port", e);
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("gatehouse-redis");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for redis-server", e);
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
