package io.gatehouse.model;

/**
 * One version as the registry holds it now.
 *
 * @param upstream the upstream that serves it
 * @param error    why it ended (a failed load), or null
 */
public record VersionView(String version, String upstream, VersionState state, String error) {

    public VersionView withState(VersionState next, String why) {
        return new VersionView(version, upstream, next, why);
    }

    public boolean available() {
        return state == VersionState.AVAILABLE;
    }
}
