package io.gatehouse.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The model server's settings. {@code workers} run inference, each run using up to {@code intraOpThreads} of the
 * runtime's global pool, so workers x intra-op threads must stay within the cores; {@code queueCapacity} requests
 * may wait for a worker before the server answers 503. {@code models} are loaded at start in explicit mode.
 */
public record ServingConfig(Path repository, String address, int port, ControlMode control, Duration pollInterval,
                            int ioThreads, int workers, int intraOpThreads, int queueCapacity, long maxBodyBytes,
                            List<String> models) {

    public static final int DEFAULT_PORT = 8000;

    public ServingConfig {
        models = List.copyOf(models);
        int cores = Runtime.getRuntime().availableProcessors();
        require(port >= 0 && port <= 65535, "port " + port + ", expected 0..65535");
        require(ioThreads >= 1, "io threads " + ioThreads + ", expected at least 1");
        require(workers >= 1 && intraOpThreads >= 1, "workers " + workers + " and intra-op threads "
                + intraOpThreads + ", expected at least 1 each");
        require((long) workers * intraOpThreads <= cores, "workers " + workers + " x intra-op threads "
                + intraOpThreads + " = " + (long) workers * intraOpThreads + ", expected at most the " + cores
                + " cores");
        require(queueCapacity >= 1, "queue capacity " + queueCapacity + ", expected at least 1");
        require(maxBodyBytes >= 1024 && maxBodyBytes <= Integer.MAX_VALUE, "max body " + maxBodyBytes
                + " bytes, expected 1KiB..2GiB");
        require(!pollInterval.isNegative() && !pollInterval.isZero(), "poll interval " + pollInterval
                + ", expected a positive duration");
    }

    /** Defaults: loopback, port 8000, explicit control, one intra-op thread and a worker per core. */
    public static ServingConfig defaults(Path repository) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServingConfig(repository, "127.0.0.1", DEFAULT_PORT, ControlMode.EXPLICIT, Duration.ofSeconds(5),
                1, cores, 1, 64 * cores, 64L << 20, List.of());
    }

    public ServingConfig withListener(String newAddress, int newPort) {
        return new ServingConfig(repository, newAddress, newPort, control, pollInterval, ioThreads, workers,
                intraOpThreads, queueCapacity, maxBodyBytes, models);
    }

    public ServingConfig withControl(ControlMode newControl, Duration newPollInterval) {
        return new ServingConfig(repository, address, port, newControl, newPollInterval, ioThreads, workers,
                intraOpThreads, queueCapacity, maxBodyBytes, models);
    }

    public ServingConfig withThreads(int newWorkers, int newIntraOpThreads, int newQueueCapacity) {
        return new ServingConfig(repository, address, port, control, pollInterval, ioThreads, newWorkers,
                newIntraOpThreads, newQueueCapacity, maxBodyBytes, models);
    }

    public ServingConfig withMaxBodyBytes(long newMaxBodyBytes) {
        return new ServingConfig(repository, address, port, control, pollInterval, ioThreads, workers,
                intraOpThreads, queueCapacity, newMaxBodyBytes, models);
    }

    public ServingConfig withModels(List<String> newModels) {
        return new ServingConfig(repository, address, port, control, pollInterval, ioThreads, workers,
                intraOpThreads, queueCapacity, maxBodyBytes, newModels);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
