package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;

/** What the model filter of a generated model API route serves: one API family under one prefix. */
public record ModelFilterSettings(ModelProtocol protocol, String prefix) {
}
