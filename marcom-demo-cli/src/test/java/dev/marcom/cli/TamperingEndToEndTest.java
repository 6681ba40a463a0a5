package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A man in the middle between real {@code connect} and {@code listen} processes tampers with the
 * client's records: every change is a security failure (exit 3) and nothing tampered is shown;
 * a cut connection is a network failure (exit 4), never a clean end.
 */
class TamperingEndToEndTest extends EndToEndTest {
    private static final long WAIT_MS = CliProcess.TIMEOUT.toMillis();

    private CliProcess server;
    private CliProcess client;
    private TamperingProxy proxy;

    /** listen --once, a proxy in front of it, and connect through the proxy. */
    private void startThrough(TamperingProxy.Tamper tamper) throws Exception {
        server = listenOnce(home("server"));
        proxy = TamperingProxy.start(server.port(), tamper);
        client = connect(proxy.port(), home("client"));
        client.await("connected");
        server.await("connected");
    }

    @Test
    void aFlippedBitInTheFirstRecordIsASecurityFailureAndNothingIsShown() throws Exception {
        try {
            startThrough((i, frame) -> List.of(i == 0 ? TamperingProxy.flipBodyBit(frame, 77) : frame));
            client.println("transfer 100 to alice");
            server.assertExit(3);
            assertClosed(server, "security-failure");
            assertThat(server.events("message")).isEmpty();
            assertThat(server.stdout()).doesNotContain("alice");
            assertThat(server.stderr()).contains("security failure").doesNotContain("alice");
            assertThat(proxy.clientRecords()).isEqualTo(1);
            // The client never sees a clean close: the listener dropped the connection.
            client.assertExit(4);
            assertClosed(client, "connection-lost");
            server.assertNoStackTrace();
            client.assertNoStackTrace();
        } finally {
            closeProxy();
        }
    }

    @Test
    void aReplayedRecordIsASecurityFailure() throws Exception {
        try {
            startThrough((i, frame) -> i == 0 ? List.of(frame, frame) : List.of(frame));
            client.println("pay once");
            server.assertExit(3);
            List<JsonNode> messages = server.events("message");
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).get("text").asText()).isEqualTo("pay once");
            assertThat(messages.get(0).get("seq").asLong()).isEqualTo(1);
            assertClosed(server, "security-failure");
            client.assertExit(4);
            server.assertNoStackTrace();
            client.assertNoStackTrace();
        } finally {
            closeProxy();
        }
    }

    @Test
    void aDroppedRecordIsDetectedOnTheNextOne() throws Exception {
        try {
            startThrough((i, frame) -> i == 0 ? List.of() : List.of(frame));
            client.println("this one is dropped");
            assertThat(proxy.awaitClientRecords(1, WAIT_MS)).isTrue();
            assertThat(server.isAlive()).isTrue();
            client.println("this one arrives out of order");
            server.assertExit(3);
            assertClosed(server, "security-failure");
            assertThat(server.events("message")).isEmpty();
            client.assertExit(4);
            server.assertNoStackTrace();
            client.assertNoStackTrace();
        } finally {
            closeProxy();
        }
    }

    @Test
    void aCutConnectionIsANetworkFailureOnBothSides() throws Exception {
        try {
            startThrough(TamperingProxy.forwardAll());
            client.println("before the cut");
            assertThat(server.await("message").get("text").asText()).isEqualTo("before the cut");
            proxy.cut();
            server.assertExit(4);
            client.assertExit(4);
            assertClosed(server, "connection-lost");
            assertClosed(client, "connection-lost");
            assertThat(server.stderr()).contains("network failure");
            assertThat(client.stderr()).contains("network failure");
            server.assertNoStackTrace();
            client.assertNoStackTrace();
        } finally {
            closeProxy();
        }
    }

    private void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
