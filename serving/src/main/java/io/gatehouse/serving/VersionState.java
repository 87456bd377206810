package io.gatehouse.serving;

/** A model version's life cycle, as TF Serving reports it. END after an unload, or with an error after a failed load. */
public enum VersionState {
    START, LOADING, AVAILABLE, UNLOADING, END
}
