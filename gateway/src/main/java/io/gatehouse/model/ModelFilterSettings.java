package io.gatehouse.model;

import io.gatehouse.config.ModelProtocol;

/**
 * What the model filter of a generated model API route serves: one API family under one prefix.
 *
 * @param maxBody the largest request body the API takes; the OpenAI-style filter aggregates bodies up to it
 */
public record ModelFilterSettings(ModelProtocol protocol, String prefix, long maxBody) {
}
