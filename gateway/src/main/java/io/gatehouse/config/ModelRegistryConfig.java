package io.gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the model registry ({@code model-registry}).
 *
 * @param stateFile         where admin changes are kept (written atomically); null keeps them in memory only
 * @param reconcileInterval how often backends are compared with the desired state; zero turns the reconciler off
 *                          (versions then change state through the admin API only)
 * @param loadTimeout       how long a load may take until every endpoint reports the version ready
 * @param drainTimeout      how long an unload waits for in-flight and queued requests
 */
public record ModelRegistryConfig(Path stateFile, Duration reconcileInterval, Duration loadTimeout,
                                  Duration drainTimeout) {

    public static final ModelRegistryConfig DEFAULT = new ModelRegistryConfig(null, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(30));
}
