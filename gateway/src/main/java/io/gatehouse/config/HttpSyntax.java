package io.gatehouse.config;

import io.netty.handler.codec.http.HttpHeaderValidationUtil;

/** The checks Netty applies to header names and values, so that a config cannot hold what Netty would refuse. */
final class HttpSyntax {

    private HttpSyntax() {
    }

    /** RFC 9110 token, the grammar of method and header names (and of cookie names, RFC 6265). */
    static boolean isToken(String text) {
        return !text.isEmpty() && HttpHeaderValidationUtil.validateToken(text) < 0;
    }

    /** A header value without CR, LF or NUL, which would split or end the header. */
    static boolean isHeaderValue(String text) {
        return text.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }
}
