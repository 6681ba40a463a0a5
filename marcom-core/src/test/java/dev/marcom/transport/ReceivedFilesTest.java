package dev.marcom.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.identity.TrustPolicy;
import dev.marcom.internal.fs.SafeFiles;
import dev.marcom.session.SessionConfig;
import dev.marcom.testing.TestIdentities;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ReceivedFiles}: the names it gives peer files, and saving them all or nothing. */
@Timeout(60)
class ReceivedFilesTest {
    private static final SessionConfig CLIENT =
            SessionConfig.builder(TestIdentities.ALICE, TrustPolicy.acceptAny()).build();
    private static final SessionConfig SERVER =
            SessionConfig.builder(TestIdentities.BOB, TrustPolicy.acceptAny()).build();

    @TempDir
    Path dir;

    private SecureChannel sender;
    private SecureChannel receiver;

    @AfterEach
    void close() throws IOException {
        if (sender != null) {
            sender.close();
            receiver.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // directories, hidden files, controls: unchanged behaviour
                "../../evil|evil",
                "..\\..\\evil|evil",
                "/etc/.hidden|hidden",
                "a\tb\u0000c\u001b[2J|a_b_c_[2J",
                "C:payload|C_payload",
                "'   '|received-file",
                "...|received-file",
                "report.pdf|report.pdf",
                "r\u00e9sum\u00e9 \ud83d\udd10.txt|r\u00e9sum\u00e9 \ud83d\udd10.txt",
                // bidirectional overrides and isolates, invisible format characters, line separators
                "abc\u202egnp.exe|abc_gnp.exe",
                "\u202a\u202b\u202c\u202d\u202e|_____",
                "x\u2066\u2067\u2068\u2069y.txt|x____y.txt",
                "a\u200e\u200f\u061c\u200bb|a____b",
                "a\ufeffb\u2028c\u2029d|a_b_c_d",
                "tag\udb40\udc41s|tag_s",
                "lone\ud800surrogate|lone_surrogate",
                // characters Windows forbids
                "'a<b>c\"d|e?f*g'|a_b_c_d_e_f_g",
                // Windows drops trailing dots and spaces
                "notes.txt. . |notes.txt",
                "' name '|name",
            })
    void safeNameNeutralisesWhatCouldMisleadOrEscape(String peerName, String expected) {
        assertThat(ReceivedFiles.safeName(peerName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CON",
                "con",
                "Prn",
                "AUX",
                "nul",
                "NUL.txt",
                "nul.tar.gz",
                "Aux .txt",
                "COM1",
                "com9.log",
                "COM0",
                "LPT1",
                "lpt9.txt",
                "LPT0",
                "COM\u00b9",
                "lpt\u00b3.x",
                "CONIN$",
                "conout$.txt"
            })
    void windowsDeviceNamesGetAPrefix(String peerName) {
        assertThat(ReceivedFiles.safeName(peerName)).isEqualTo("_" + peerName.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON.", "con. ", "NUL  ", "aux..."})
    void windowsDeviceNamesWithTrailingDotsOrSpacesGetAPrefix(String peerName) {
        String safe = ReceivedFiles.safeName(peerName);
        assertThat(safe).startsWith("_").doesNotEndWith(".").doesNotEndWith(" ");
        assertThat(safe.substring(1)).isEqualToIgnoringCase(peerName.replaceAll("[. ]+$", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE.txt", "COM10", "LPT", "icon.png", "null", "com1x", "auxiliary"})
    void namesThatOnlyLookLikeDevicesAreKept(String peerName) {
        assertThat(ReceivedFiles.safeName(peerName)).isEqualTo(peerName);
    }

    @Test
    void safeNameIsAtMost120CharactersAndNeverSplitsACharacter() {
        String name = "a" + "\ud83d\udd10".repeat(100);
        String safe = ReceivedFiles.safeName(name);
        assertThat(safe.length()).isLessThanOrEqualTo(120);
        assertThat(safe).isEqualTo("a" + "\ud83d\udd10".repeat(59));
    }

    @Test
    void savesVerifiedFilesOwnerOnlyAndNeverOverwrites() throws Exception {
        connect();
        byte[] data = "hello, file".getBytes(StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Path first = receive("notes.txt", data, n -> {});
        Path second = receive("notes.txt", data, n -> {});
        assertThat(first).isEqualTo(dir.resolve("notes.txt (1)"));
        assertThat(second).isEqualTo(dir.resolve("notes.txt (2)"));
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(Files.readAllBytes(first)).isEqualTo(data);
        assertThat(Files.readAllBytes(second)).isEqualTo(data);
        if (SafeFiles.isPosix(dir)) {
            assertThat(Files.getPosixFilePermissions(first)).isEqualTo(SafeFiles.OWNER_ONLY_FILE);
        }
        assertThat(names()).containsExactlyInAnyOrder("notes.txt", "notes.txt (1)", "notes.txt (2)");
    }

    @Test
    void aSaveThatFailsAfterVerificationLeavesNoFile() throws Exception {
        connect();
        byte[] data = new byte[200_000];
        // The temporary file vanishes once every byte arrived (a tmp cleaner, a full disk, ...): the
        // file cannot be given its name, and nothing may be left under that name, not even empty.
        LongConsumer removeTemporaries = done -> {
            if (done == data.length) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        assertThatThrownBy(() -> receive("report.pdf", data, removeTemporaries)).isInstanceOf(IOException.class);
        assertThat(names()).isEmpty();
    }

    private void connect() throws Exception {
        InMemoryFrameChannel.Pair p = InMemoryFrameChannel.pair();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(p.server(), SERVER);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender = SecureChannel.connect(p.client(), CLIENT);
        receiver = server.get();
    }

    /** Sends {@code data} as a stream named {@code name} and saves it in {@link #dir}. */
    private Path receive(String name, byte[] data, LongConsumer progress) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                sender.sendStream(name, data.length, new ByteArrayInputStream(data), n -> {});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Delivery d = receiver.next();
        assertThat(d).isInstanceOf(Delivery.Stream.class);
        try {
            return ReceivedFiles.save(((Delivery.Stream) d).stream(), dir, progress);
        } finally {
            sent.get();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
