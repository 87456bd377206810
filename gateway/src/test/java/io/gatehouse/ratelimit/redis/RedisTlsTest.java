package io.gatehouse.ratelimit.redis;

import static io.gatehouse.ratelimit.redis.Limiters.decide;
import static io.gatehouse.ratelimit.redis.Limiters.slowBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RedisServer;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code rediss://}: the limiter speaks TLS to a Redis that listens for TLS only on its second port. */
@ExtendWith(LeakDetectionExtension.class)
class RedisTlsTest {

    @TempDir
    static Path certificates;
    private static RedisServer server;
    private static int tlsPort;

    @BeforeEach
    void startRedisOnce() throws Exception {
        if (server != null) {
            return;
        }
        Path certificate = certificates.resolve("redis.crt");
        Path key = certificates.resolve("redis.key");
        writeSelfSignedCertificate(certificate, key);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tlsPort = probe.getLocalPort();
        }
        server = RedisServer.start("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", certificate.toString(),
                "--tls-key-file", key.toString(), "--tls-auth-clients", "no");
    }

    @AfterAll
    static void stopRedis() {
        TestResources.closeAll(server);
        server = null;
    }

    @Test
    void speaksTlsToARedissUrl() {
        // the certificate is the test's own, so the peer goes unverified; by default Lettuce verifies it fully
        String url = "rediss://127.0.0.1:" + tlsPort + "?verifyPeer=NONE";
        try (RedisConnections connections = new RedisConnections();
             RedisRateLimiter limiter = new RedisRateLimiter(Limiters.config("tls", slowBucket(5), url),
                     connections, RecordingLimiter::new)) {

            assertThat(decide(limiter, "k", 1).remaining()).isEqualTo(4);
            assertThat(limiter.counters().failures()).isZero();
        }
    }

    /** A key pair and certificate for 127.0.0.1 made by the JDK's keytool, written as PEM for redis-server. */
    private static void writeSelfSignedCertificate(Path certificate, Path key)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path keyStore = certificates.resolve("redis.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "redis", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("redis").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("redis", "changeit".toCharArray()).getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
