package io.gatehouse.config;

/** A version of a model and the upstream that serves it (the model's default filled in). */
public record ModelVersionConfig(String version, String upstream) {
}
