package io.gatehouse.serving;

/** How models come to be loaded: only through the repository API, or by watching the repository directory. */
public enum ControlMode {
    EXPLICIT, POLL
}
