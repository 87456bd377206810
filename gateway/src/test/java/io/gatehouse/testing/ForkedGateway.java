package io.gatehouse.testing;

import io.gatehouse.bootstrap.Gateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Runs the real gateway in a process of its own, for tests that need its memory limits to be its own (see
 * {@link ForkedGatewayProcess}). Usage: {@code ForkedGateway CONFIG_FILE [LISTENER]}. Once ready it prints one
 * line {@value #READY_PREFIX}{@code PORT admin=ADMIN_PORT}; it stops when standard input ends or on SIGTERM.
 */
public final class ForkedGateway {

    public static final String READY_PREFIX = "gatehouse-forked-ready port=";

    private ForkedGateway() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ForkedGateway CONFIG_FILE [LISTENER]");
            System.exit(2);
        }
        String listener = args.length == 2 ? args[1] : "public";
        Gateway gateway = Gateway.start(Path.of(args[0]));
        // SIGTERM (Process.destroy) runs shutdown hooks; close() is idempotent, so stdin ending first is fine too.
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "forked-gateway-stop"));
        System.out.println(READY_PREFIX + gateway.port(listener) + " admin=" + gateway.adminPort());
        System.out.flush();
        InputStream in = System.in;
        byte[] discard = new byte[256];
        while (in.read(discard) >= 0) {
            // Only the end of the stream matters: the parent closed it, or died.
        }
        gateway.close();
        System.exit(0);
    }
}
