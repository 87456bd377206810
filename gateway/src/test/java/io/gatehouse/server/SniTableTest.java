package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

class SniTableTest {

    private static SslContext context() throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
    }

    @Test
    void exactNamesWinOverWildcardsWhichCoverOneLabel() throws SSLException {
        SslContext fallback = context();
        SslContext wildcard = context();
        SslContext exact = context();
        SniTable table = new SniTable(fallback)
                .serve(List.of("*.example.com"), wildcard)
                .serve(List.of("api.example.com", "*.example.com"), exact);

        assertThat(table.lookup("api.example.com")).isSameAs(exact);
        assertThat(table.lookup("API.Example.COM.")).isSameAs(exact);
        assertThat(table.lookup("www.example.com")).isSameAs(wildcard);
        assertThat(table.lookup("example.com")).isSameAs(fallback);
        assertThat(table.lookup("a.b.example.com")).isSameAs(fallback);
        assertThat(table.lookup(null)).isSameAs(fallback);
        assertThat(table.lookup("")).isSameAs(fallback);
    }

    @Test
    void partialWildcardsMatchNothing() throws SSLException {
        SslContext fallback = context();
        SniTable table = new SniTable(fallback).serve(List.of("w*.example.com"), context());

        assertThat(table.lookup("www.example.com")).isSameAs(fallback);
        assertThat(table.lookup("w*.example.com")).isSameAs(fallback);
    }
}
