package io.gatehouse.auth;

/** What an authentication or authorization filter is built with: the config's consumers and the shared services. */
public record AuthResources(Consumers consumers, AuthServices services) {
}
