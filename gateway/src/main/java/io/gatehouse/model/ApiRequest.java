package io.gatehouse.model;

/**
 * What a client's request to a model API asks for, read from its path (and for OpenAI-style APIs, the body).
 *
 * @param kind     what is asked
 * @param model    the model's name; null for server-level requests
 * @param selector the version or label the path names; null to let the gateway choose
 * @param selectorKind how the path named it
 * @param suffix   what follows the version in the backend's path, e.g. {@code /infer} or {@code :predict}
 */
public record ApiRequest(Kind kind, String model, String selector, Selector selectorKind, String suffix) {

    public enum Kind {
        /** An inference call: it takes a slot of the version's queue. */
        INFER,
        /** Metadata, status or readiness of a model version, forwarded to its backend. */
        MODEL,
        /** Liveness of the server, answered by the gateway. */
        SERVER_LIVE,
        /** Readiness of the server, answered from the registry. */
        SERVER_READY,
        /** The models the API serves, answered from the registry. */
        MODEL_LIST
    }

    public enum Selector { NONE, VERSION, LABEL, VERSION_OR_LABEL }

    static ApiRequest server(Kind kind) {
        return new ApiRequest(kind, null, null, Selector.NONE, "");
    }

    /** This request for {@code name}: for APIs whose request body, not the path, names the model. */
    ApiRequest withModel(String name) {
        return new ApiRequest(kind, name, selector, selectorKind, suffix);
    }

    static ApiRequest model(Kind kind, String model, String selector, Selector selectorKind, String suffix) {
        return new ApiRequest(kind, model, selector, selector == null ? Selector.NONE : selectorKind, suffix);
    }
}
