package io.gatehouse.server;

import io.netty.handler.ssl.SslContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which TLS context serves which SNI name: exact names first, then wildcards, which stand for exactly one leftmost
 * label ({@code *.example.com} serves {@code api.example.com}, not {@code example.com} nor {@code a.b.example.com},
 * RFC 6125 section 6.4.3); anything else, or no SNI at all, gets the default. Filled once and then only read,
 * so one volatile read finds a consistent table while a reload builds the next one.
 */
final class SniTable {

    private final Map<String, SslContext> exact = new HashMap<>();
    /** Keyed by what follows {@code *.}. */
    private final Map<String, SslContext> wildcard = new HashMap<>();
    private final SslContext fallback;

    /** @param fallback the context for unknown or absent names */
    SniTable(SslContext fallback) {
        this.fallback = fallback;
    }

    /** Serves {@code names} with {@code context}, unless an earlier context already serves a name. */
    SniTable serve(List<String> names, SslContext context) {
        for (String name : names) {
            String normalised = normalise(name);
            if (normalised.startsWith("*.")) {
                wildcard.putIfAbsent(normalised.substring(2), context);
            } else if (!normalised.contains("*")) {
                exact.putIfAbsent(normalised, context);
            }
        }
        return this;
    }

    SslContext lookup(String hostname) {
        if (hostname == null || hostname.isEmpty()) {
            return fallback;
        }
        String name = normalise(hostname);
        SslContext context = exact.get(name);
        if (context != null) {
            return context;
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            context = wildcard.get(name.substring(dot + 1));
        }
        return context != null ? context : fallback;
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
