package io.gatehouse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code gatehouse} command in a child JVM, as a user would run it, with its output collected line by line. */
final class GatehouseProcess implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private GatehouseProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
    }

    static GatehouseProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), GatehouseCommand.class.getName()));
        command.addAll(List.of(args));
        return new GatehouseProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for an output line matching {@code pattern}; fails with what was printed when none comes. */
    Matcher awaitLine(Pattern pattern) throws InterruptedException {
        return awaitLine(pattern, new ArrayList<>());
    }

    /** The lines printed from now until one matches {@code pattern}, that one included. */
    List<String> linesUntil(Pattern pattern) throws InterruptedException {
        List<String> printed = new ArrayList<>();
        awaitLine(pattern, printed);
        return printed;
    }

    private Matcher awaitLine(Pattern pattern, List<String> printed) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                printed.add(line);
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no output line matched " + pattern + "; printed so far: " + seen);
    }

    /** Sends SIGTERM and returns the exit status; fails when the process does not end in time. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not exit within " + WAIT + " of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
