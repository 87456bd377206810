package io.gatehouse.model;

/** A model version's lifecycle, as TF Serving reports it. Only AVAILABLE versions get traffic. */
public enum VersionState {
    START,
    LOADING,
    AVAILABLE,
    UNLOADING,
    END
}
