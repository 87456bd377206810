package io.gatehouse.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that never completes a connect: it listens but never accepts, and its accept queue is filled,
 * so the kernel drops further SYNs and connecting times out, as with an unroutable address.
 */
public final class FullBacklogPort implements AutoCloseable {

    private static final int MAX_FILLERS = 64;
    private static final int PROBE_TIMEOUT_MILLIS = 100;

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    public FullBacklogPort() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        try {
            fill();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void fill() throws IOException {
        while (fillers.size() < MAX_FILLERS) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
                        PROBE_TIMEOUT_MILLIS);
                fillers.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue of port " + server.getLocalPort() + " never filled up");
    }

    public String authority() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : fillers) {
            socket.close();
        }
        server.close();
    }
}
