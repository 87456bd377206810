package io.gatehouse.config;

import java.util.List;

/**
 * A client-facing model API family served under a prefix, with the filters (auth, limits, ...) its requests take.
 *
 * @param maxBody  the largest request body the API takes (413 over): {@code max-body} for the OpenAI-style API,
 *                 which reads each body whole; the route default for the others, which stream bodies
 * @param timeouts the API route's timeouts, as a route's: inference (a long LLM completion) may need more time than
 *                 the route default gives a first response byte
 */
public record ModelApiConfig(ModelProtocol protocol, String prefix, List<FilterSpec> filters, long maxBody,
                             TimeoutsConfig timeouts) {

    /** The OpenAI-style API's default: chat requests carry whole conversations, sometimes images. */
    public static final int DEFAULT_OPENAI_MAX_BODY = 4 << 20;

    public ModelApiConfig {
        filters = List.copyOf(filters);
    }

    public static long defaultMaxBody(ModelProtocol protocol) {
        return protocol == ModelProtocol.OPENAI ? DEFAULT_OPENAI_MAX_BODY : RouteSection.DEFAULT_MAX_BODY_SIZE;
    }
}
