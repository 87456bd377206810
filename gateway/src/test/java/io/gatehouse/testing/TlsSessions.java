package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Real TLS sessions from a handshake on loopback, for code that reads what a handshake established. */
public final class TlsSessions {

    private TlsSessions() {
    }

    /**
     * The server side's session of a handshake in which the server presents {@code server} and asks for (but does
     * not require) a client certificate, and the client presents {@code client}, or nothing when null.
     */
    public static SSLSession serverSide(TestCertificates ca, TestCertificates.Issued server,
                                        TestCertificates.Issued client) {
        try (SSLServerSocket listening = (SSLServerSocket) ca.clientContext(server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setWantClientAuth(true);
            listening.setSoTimeout(10_000);
            CompletableFuture<Void> clientSide = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) ca.clientContext(client).getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                    socket.startHandshake();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                accepted.startHandshake();
                SSLSession session = accepted.getSession();
                accepted.close();
                clientSide.get(10, TimeUnit.SECONDS);
                return session;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the client side of the handshake failed", e);
        }
    }
}
