package io.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking JDK TLS client for tests: one connection per call, with or without SNI, that reports the certificate
 * the server presented and the response to one {@code Connection: close} request. Every read times out.
 */
public final class TlsClient {

    private static final int TIMEOUT_MILLIS = 10_000;

    private TlsClient() {
    }

    /** What one exchange saw: the server's leaf certificate, the negotiated protocol, the status and body. */
    public record Response(X509Certificate serverCertificate, String protocol, int status, String body) {
    }

    /** Completes a handshake (SNI {@code serverName} unless null) and returns the server's leaf certificate. */
    public static X509Certificate handshake(SSLContext context, int port, String serverName) throws IOException {
        try (SSLSocket socket = connect(context, port, serverName)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Sends {@code GET path} with {@code Host: serverName} (or 127.0.0.1) and reads the whole response. */
    public static Response get(SSLContext context, int port, String serverName, String path) throws IOException {
        try (SSLSocket socket = connect(context, port, serverName)) {
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String host = serverName == null ? "127.0.0.1" : serverName;
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = readAll(socket.getInputStream());
            int headEnd = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            return new Response(server, socket.getSession().getProtocol(), status,
                    headEnd < 0 ? "" : text.substring(headEnd + 4));
        }
    }

    /** A kept-alive connection for several requests, each answered with a Content-Length body. */
    public static final class KeptAlive implements AutoCloseable {
        private final SSLSocket socket;
        private final InputStream in;

        private KeptAlive(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
        }

        public X509Certificate serverCertificate() throws IOException {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }

        /** Sends {@code GET path} and returns the status once the whole response was read. */
        public int get(String path) throws IOException {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String statusLine = line();
            int length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            in.readNBytes(length);
            return Integer.parseInt(statusLine.substring(9, 12));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Opens a connection (SNI {@code serverName}) and completes its handshake. */
    public static KeptAlive open(SSLContext context, int port, String serverName) throws IOException {
        return new KeptAlive(connect(context, port, serverName));
    }

    private static SSLSocket connect(SSLContext context, int port, String serverName) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
