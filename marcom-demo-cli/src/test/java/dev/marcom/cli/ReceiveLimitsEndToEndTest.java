package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Files a peer may not store here are refused with a clear message on both sides, nothing is
 * left in the receive directory, and the session goes on.
 */
class ReceiveLimitsEndToEndTest extends EndToEndTest {

    private Path file(String name, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path f = dir.resolve(name);
        Files.write(f, data);
        return f;
    }

    @Test
    void aFileOverTheLimitIsRefusedOnBothSidesAndTheSessionGoesOn() throws Exception {
        Path receive = dir.resolve("inbox");
        CliProcess server = listenOnce(
                home("server"), "--receive-dir", receive.toString(), "--max-file", "64K", "--receive-quota", "100K");
        CliProcess client = connect(server.port(), home("client"));
        client.await("connected");

        client.println("/send " + file("big.bin", 200_000)); // announced size: refused at once
        JsonNode notice = client.await("message");
        assertThat(notice.get("text").asText())
                .isEqualTo("[marcom] your file big.bin was not saved: larger than the 64 KiB limit per file "
                        + "(--max-file)");
        assertThat(server.await("error").get("message").asText())
                .isEqualTo("refused file big.bin: larger than the 64 KiB limit per file (--max-file)");

        client.println("/send " + file("ok.bin", 61_440)); // fits (60 KiB)
        JsonNode saved = server.await("file");
        assertThat(saved.get("size").asLong()).isEqualTo(61_440);

        client.println("/send " + file("second.bin", 60_000)); // the quota has 40 KiB left
        JsonNode second = client.await("message", m -> m.get("text").asText().contains("second.bin"));
        assertThat(second.get("text").asText())
                .isEqualTo("[marcom] your file second.bin was not "
                        + "saved: more than the 40 KiB left of the receive quota (--receive-quota 100 KiB)");

        client.println("still talking");
        assertThat(server.await("message", m -> m.get("text").asText().equals("still talking")))
                .isNotNull();
        try (var listing = Files.list(receive)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("ok.bin");
        }
        client.println("/quit");
        client.assertExit(0);
        server.assertExit(0);
    }
}
