package io.gatehouse.model;

/** A control call that cannot be done, with the HTTP status that says why (400, 404, 409, 502, 504). */
public final class ModelControlException extends RuntimeException {

    private final int status;

    public ModelControlException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ModelControlException notFound(String message) {
        return new ModelControlException(404, message);
    }

    static ModelControlException conflict(String message) {
        return new ModelControlException(409, message);
    }

    static ModelControlException badRequest(String message) {
        return new ModelControlException(400, message);
    }
}
