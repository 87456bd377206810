package io.gatehouse.serving;

/** A version's state and, for a failed load, why it failed (null otherwise). */
public record VersionStatus(long version, VersionState state, String error) {

    static VersionStatus of(long version, VersionState state) {
        return new VersionStatus(version, state, null);
    }

    static VersionStatus failed(long version, String error) {
        return new VersionStatus(version, VersionState.END, error);
    }

    boolean failed() {
        return error != null;
    }
}
