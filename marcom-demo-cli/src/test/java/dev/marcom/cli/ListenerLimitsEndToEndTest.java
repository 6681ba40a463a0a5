package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A listener one can expose: strangers who connect and say nothing hold at most the slots the
 * limits give them, and are turned away at once beyond that; legitimate clients get in once
 * those slots are free again.
 */
class ListenerLimitsEndToEndTest extends EndToEndTest {

    /** Connects without speaking; returns the socket (its read blocks until the server acts). */
    private static Socket silent(int port) throws Exception {
        Socket s = new Socket(LOOPBACK_ADDRESS, port);
        s.setSoTimeout(20_000);
        return s;
    }

    private static void assertClosedByServer(Socket s) throws Exception {
        try (InputStream in = s.getInputStream()) {
            assertThat(in.read()).as("the server hung up without a word").isEqualTo(-1);
        }
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreTurnedAwayAtOnce() throws Exception {
        Path serverHome = home("server");
        CliProcess server = cli.start(
                "listen",
                "--bind",
                LOOPBACK,
                "--port",
                "0",
                "--json",
                "--home",
                serverHome.toString(),
                "--trust",
                "tofu",
                "--max-per-address",
                "2",
                "--timeout",
                "30");
        int port = server.port();
        List<Socket> held = new ArrayList<>();
        try {
            held.add(silent(port));
            held.add(silent(port));
            Socket third = silent(port);
            assertClosedByServer(third);
            server.awaitStderrLine(l -> l.startsWith("marcom: turned away " + LOOPBACK + ":")
                    && l.endsWith(": 2 connections from this address are already open"));
        } finally {
            for (Socket s : held) {
                s.close(); // their handshakes fail at once and free the slots
            }
        }
        CliProcess client = connect(port, home("client"));
        client.await("connected");
        client.closeStdin();
        client.assertExit(0);
        server.terminate();
        server.awaitExit();
    }

    @Test
    @SuppressWarnings("try") // `first` only has to hold its handshake slot while `second` is refused
    void handshakesBeyondTheLimitAreTurnedAwayAtOnce() throws Exception {
        CliProcess server = cli.start(
                "listen",
                "--bind",
                LOOPBACK,
                "--port",
                "0",
                "--json",
                "--home",
                home("server").toString(),
                "--trust",
                "tofu",
                "--max-handshakes",
                "1",
                "--max-per-address",
                "10",
                "--timeout",
                "30");
        int port = server.port();
        try (Socket first = silent(port)) {
            Socket second = silent(port);
            assertClosedByServer(second);
            server.awaitStderrLine(l -> l.endsWith(": too many handshakes in progress"));
        }
        server.terminate();
        server.awaitExit();
    }
}
