package io.gatehouse.model;

/** How many requests a version has running and waiting now: an unload waits until both are zero. */
public interface VersionActivity {

    VersionActivity NONE = new VersionActivity() {
        @Override
        public long inFlight(String model, String version) {
            return 0;
        }

        @Override
        public long queued(String model, String version) {
            return 0;
        }
    };

    long inFlight(String model, String version);

    long queued(String model, String version);
}
