package io.gatehouse.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/** Header rules for crossing the gateway (RFC 9110 section 7.6, RFC 7239). */
final class ForwardingHeaders {

    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private ForwardingHeaders() {
    }

    /** Removes the fields that describe one connection only, including those the Connection field names. */
    static void removeHopByHop(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
                for (String name : value.split(",")) {
                    String trimmed = name.trim();
                    if (!trimmed.isEmpty()) {
                        headers.remove(trimmed);
                    }
                }
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION)
                .remove(HttpHeaderNames.KEEP_ALIVE)
                .remove(PROXY_CONNECTION)
                .remove(HttpHeaderNames.TE)
                .remove(HttpHeaderNames.TRANSFER_ENCODING)
                .remove(HttpHeaderNames.UPGRADE);
    }

    /**
     * Appends this hop to X-Forwarded-For and Forwarded and sets X-Forwarded-Proto/-Host when absent. Headers
     * from a peer that is not a trusted proxy are discarded first: a client could otherwise forge its address.
     */
    static void appendForwarded(HttpHeaders headers, ClientAddress client, boolean peerTrusted, String proto,
                                String host) {
        if (!peerTrusted) {
            headers.remove(X_FORWARDED_FOR).remove(X_FORWARDED_PROTO).remove(X_FORWARDED_HOST).remove(FORWARDED);
        }
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, forwardedFor == null ? client.ip() : forwardedFor + ", " + client.ip());
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, proto);
        }
        if (host != null && !headers.contains(X_FORWARDED_HOST)) {
            headers.set(X_FORWARDED_HOST, host);
        }
        StringBuilder element = new StringBuilder(48).append("for=").append(client.forwarded())
                .append(";proto=").append(proto);
        if (host != null) {
            element.append(";host=\"").append(host.replace("\"", "")).append('"');
        }
        String forwarded = headers.get(FORWARDED);
        headers.set(FORWARDED, forwarded == null ? element : forwarded + ", " + element);
    }
}
