package io.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An origin that answers each request head with bytes exactly as a test scripts them (malformed, truncated or
 * followed by extra bytes), which a well-behaved HTTP codec could not produce. Request bodies are not read; the
 * answer goes out as soon as a head has arrived. A script returning null closes the connection; an answer ending
 * in {@link #CLOSE} is written, then the connection closes.
 */
public final class RawOrigin implements AutoCloseable {

    /** Ends an answer after which the origin closes the connection. */
    public static final String CLOSE = "\0<close>";

    private final ServerSocket server;
    private final Function<String, String> script;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private RawOrigin(Function<String, String> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "raw-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code script} maps a request head (request line and fields, ISO-8859-1) to the bytes to answer with. */
    public static RawOrigin start(Function<String, String> script) throws IOException {
        return new RawOrigin(script);
    }

    public String authority() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    /** The request heads received so far, in order. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                Thread connection = new Thread(() -> serve(socket), "raw-origin-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                String answer = script.apply(head);
                if (answer == null) {
                    return;
                }
                boolean close = answer.endsWith(CLOSE);
                if (close) {
                    answer = answer.substring(0, answer.length() - CLOSE.length());
                }
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // The gateway closed or reset the connection: nothing left to serve.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
