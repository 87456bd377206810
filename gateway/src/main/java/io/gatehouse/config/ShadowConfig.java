package io.gatehouse.config;

/** A version that receives a copy of {@code percent} of a model's requests, off the client's path. */
public record ShadowConfig(String version, double percent) {
}
