package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.config.MtlsAuthConfig;
import io.gatehouse.config.MtlsAuthConfig.ConsumerFrom;
import io.gatehouse.context.RequestContext;
import io.gatehouse.routing.PathVariables;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TlsSessions;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mtls authenticator on sessions of real handshakes. */
class MtlsAuthenticatorTest {

    private static final Consumers CONSUMERS = Consumers.of(List.of(
            consumer("ops", "CN=ops, o=Example"),
            consumer("billing.internal", "CN=billing,O=Example"),
            consumer("billing", "CN=someone-else")));

    @TempDir
    Path directory;
    private TestCertificates ca;
    private Issued server;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "client-ca");
        server = ca.server("server", "gateway.test");
    }

    private static ConsumerConfig consumer(String name, String subject) {
        return new ConsumerConfig(name, List.of("staff"), Map.of(), List.of(), List.of(), List.of(subject));
    }

    private AuthOutcome authenticate(ConsumerFrom from, SSLSession session) {
        RequestContext ctx = new RequestContext("req-1", "route", new InetSocketAddress("127.0.0.1", 40000),
                "127.0.0.1", PathVariables.NONE, null, 0, session);
        return new MtlsAuthenticator(new MtlsAuthConfig(from), CONSUMERS)
                .authenticate(ctx, new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"))
                .toCompletableFuture().join();
    }

    private SSLSession sessionOf(Issued client) {
        return TlsSessions.serverSide(ca, server, client);
    }

    @Test
    void mapsTheSubjectToTheConsumerThatListsItWhateverItsSpacingOrCase() {
        AuthOutcome outcome = authenticate(ConsumerFrom.SUBJECT, sessionOf(ca.subject("ops", "CN=ops,O=Example")));

        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(outcome.identity().consumer().name()).isEqualTo("ops");
        assertThat(outcome.identity().consumer().groups()).containsExactly("staff");
        assertThat(outcome.identity().method()).isEqualTo("mtls");
    }

    @Test
    void aVerifiedCertificateOfNoConsumerIsInvalidAndSaysWhyOnlyInTheReason() {
        AuthOutcome outcome = authenticate(ConsumerFrom.SUBJECT,
                sessionOf(ca.subject("nobody", "CN=nobody,O=Example")));

        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome.reason()).contains("CN=nobody,O=Example");
    }

    @Test
    void noTlsOrNoClientCertificateIsNoCredential() {
        assertThat(authenticate(ConsumerFrom.SUBJECT, null).kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(authenticate(ConsumerFrom.SUBJECT, sessionOf(null)).kind())
                .isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
    }

    @Test
    void theCommonNameOrADnsNameMayNameTheConsumer() {
        SSLSession billing = sessionOf(ca.server("billing", "unknown.internal", "billing.internal"));
        SSLSession cn = sessionOf(ca.subject("billing-cn", "CN=billing,O=Example"));

        assertThat(authenticate(ConsumerFrom.SAN_DNS, billing).identity().consumer().name())
                .isEqualTo("billing.internal");
        assertThat(authenticate(ConsumerFrom.CN, cn).identity().consumer().name()).isEqualTo("billing");
        // By subject, neither certificate is any consumer's.
        assertThat(authenticate(ConsumerFrom.SUBJECT, billing).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }
}
