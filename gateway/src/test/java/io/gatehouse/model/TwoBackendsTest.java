package io.gatehouse.model;

import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * A control plane in front of two scripted Open Inference backends serving model {@code lin}: the paths they are
 * called on, and the rig each test builds over them.
 */
abstract class TwoBackendsTest {

    static final String LOAD_PATH = "/v2/repository/models/lin/load";
    static final String UNLOAD_PATH = "/v2/repository/models/lin/unload";
    static final String VERSIONS_2 = "{\"parameters\": {\"versions\": [\"2\"]}}";
    static final Duration WAIT = Duration.ofSeconds(10);

    final TestOrigin first = TestOrigin.start("first");
    final TestOrigin second = TestOrigin.start("second");
    ControlRig rig;

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
        first.close();
        second.close();
    }
}
