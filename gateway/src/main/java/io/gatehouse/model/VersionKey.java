package io.gatehouse.model;

/** A version of a model, as the node's per-version state is keyed. */
record VersionKey(String model, String version) {
}
