package io.gatehouse.config;

/**
 * How a request path is normalised before it is routed, authorised and forwarded (key {@code server.http.path}).
 *
 * @param mergeSlashes   whether runs of {@code /} collapse into one
 * @param pathParameters what happens to {@code ;} parameters in path segments
 * @param encodedSlashes what happens to {@code %2F} and {@code %5C}
 */
public record PathConfig(boolean mergeSlashes, PathParameters pathParameters, EncodedSlashes encodedSlashes) {

    /** {@code ;name=value} in a segment, which some servers (Tomcat, Jetty) strip before they route. */
    public enum PathParameters {
        /** Left in the segment: the path is routed and forwarded with them. */
        KEEP,
        /** Removed from every segment before routing, so the origin gets what was routed. */
        STRIP,
        /** 400. */
        REJECT
    }

    /** An encoded {@code /} or {@code \}, which some servers decode into a separator before they route. */
    public enum EncodedSlashes {
        /** 400. */
        REJECT,
        /** Decoded to {@code /}, a separator, before dot segments are resolved. */
        DECODE,
        /** Left encoded: data inside one segment. */
        KEEP
    }
}
