package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marcom.testing.TestIdentities;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownPeersTest {
    private static final PeerIdentity ALICE = TestIdentities.ALICE.publicIdentity();
    private static final PeerIdentity BOB = TestIdentities.BOB.publicIdentity();
    private static final PeerIdentity MALLORY = TestIdentities.MALLORY.publicIdentity();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30.5Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private KnownPeers store() {
        return KnownPeers.open(dir.resolve("home").resolve(KnownPeers.FILE_NAME), CLOCK);
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve(KnownPeers.FILE_NAME);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String read(KnownPeers store) throws Exception {
        return Files.readString(store.file(), StandardCharsets.UTF_8);
    }

    // ---- trust on first use -----------------------------------------------------------------

    @Test
    void firstContactIsRecordedAndReported() throws Exception {
        KnownPeers store = store();
        assertThat(store.file()).doesNotExist();
        KnownPeerPolicy policy = store.tofu("bob.example:7000");
        assertThat(policy.decision()).isEmpty();

        policy.check(BOB);

        KnownPeerPolicy.Decision d = policy.decision().orElseThrow();
        assertThat(d.outcome()).isEqualTo(KnownPeerPolicy.Outcome.NEW_PEER_RECORDED);
        assertThat(d.newPeer()).isTrue();
        assertThat(d.address()).isEqualTo("bob.example:7000");
        assertThat(d.fingerprint()).isEqualTo(BOB.fingerprint());
        assertThat(d.file()).isEqualTo(store.file());
        List<String> lines = Files.readAllLines(store.file());
        assertThat(lines.get(d.line() - 1))
                .isEqualTo("bob.example:7000 " + BOB.fingerprint() + " # first seen 2025-03-01T10:15:30Z");
        assertThat(lines.get(0)).startsWith("# MARCOM known peers");
        assertThat(store.lookup("bob.example:7000").orElseThrow().fingerprint()).isEqualTo(BOB.fingerprint());
    }

    @Test
    void secondContactMatches() throws Exception {
        KnownPeers store = store();
        store.tofu("bob.example:7000").check(BOB);
        String before = read(store);

        KnownPeerPolicy again = store.tofu("bob.example:7000");
        again.check(BOB);

        assertThat(again.decision().orElseThrow().outcome()).isEqualTo(KnownPeerPolicy.Outcome.KNOWN_PEER_MATCHED);
        assertThat(again.decision().orElseThrow().newPeer()).isFalse();
        assertThat(read(store)).isEqualTo(before);
    }

    @Test
    void changedKeyIsAHardFailureNamingBothFingerprintsAndTheLine() throws Exception {
        Path file = write("# my peers\n\nalice:1 " + ALICE.fingerprint() + "\n"
                + "  # indented comment\n"
                + "bob.example:7000\t" + BOB.fingerprint() + "   met at the conference\n");
        KnownPeers store = KnownPeers.open(file);
        String before = read(store);
        KnownPeerPolicy policy = store.tofu("bob.example:7000");

        ChangedPeerKeyException e = catchThrowableOfType(ChangedPeerKeyException.class, () -> policy.check(MALLORY));

        assertThat(e).isInstanceOf(UntrustedPeerException.class);
        assertThat(e.address()).isEqualTo("bob.example:7000");
        assertThat(e.knownFingerprint()).isEqualTo(BOB.fingerprint());
        assertThat(e.presentedFingerprint()).isEqualTo(MALLORY.fingerprint());
        assertThat(e.peer()).isEqualTo(MALLORY);
        assertThat(e.file()).isEqualTo(file.toAbsolutePath());
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage())
                .contains(BOB.fingerprint().toString())
                .contains(MALLORY.fingerprint().toString())
                .contains("line 5")
                .contains(file.toAbsolutePath().toString())
                .contains("bob.example:7000");
        assertThat(policy.decision()).isEmpty();
        assertThat(read(store)).isEqualTo(before);
    }

    @Test
    void strictRefusesUnknownAndAcceptsKnown() throws Exception {
        KnownPeers store = store();
        KnownPeerPolicy strict = store.strict("bob.example:7000");

        UntrustedPeerException e = catchThrowableOfType(UntrustedPeerException.class, () -> strict.check(BOB));
        assertThat(e).isNotInstanceOf(ChangedPeerKeyException.class);
        assertThat(e.getMessage()).contains("bob.example:7000 is not in " + store.file());
        assertThat(e.peer()).isEqualTo(BOB);
        assertThat(store.file()).doesNotExist();

        store.put("bob.example:7000", BOB.fingerprint(), "verified by phone");
        strict.check(BOB);
        assertThat(strict.decision().orElseThrow().outcome()).isEqualTo(KnownPeerPolicy.Outcome.KNOWN_PEER_MATCHED);
        assertThatThrownBy(() -> store.strict("bob.example:7000").check(MALLORY))
                .isInstanceOf(ChangedPeerKeyException.class);
    }

    @Test
    void addressesAreComparedExactlyAsTyped() throws Exception {
        KnownPeers store = store();
        store.tofu("bob.example:7000").check(BOB);
        KnownPeerPolicy other = store.tofu("BOB.example:7000");
        other.check(MALLORY);
        assertThat(other.decision().orElseThrow().newPeer()).isTrue();
        assertThat(store.entries())
                .extracting(KnownPeers.Entry::address)
                .containsExactly("bob.example:7000", "BOB.example:7000");
    }

    // ---- expected fingerprints ---------------------------------------------------------------

    @Test
    void expectAcceptsTheExpectedFingerprintOnly() throws Exception {
        TrustPolicy.expect(BOB.fingerprint()).check(BOB);
        UntrustedPeerException e = catchThrowableOfType(
                UntrustedPeerException.class,
                () -> TrustPolicy.expect(BOB.fingerprint()).check(MALLORY));
        assertThat(e.getMessage())
                .contains("expected identity " + BOB.fingerprint())
                .contains("presented " + MALLORY.fingerprint());
        assertThat(e.peer()).isEqualTo(MALLORY);
    }

    @Test
    void expectCombinedWithTofuRecordsOnlyTheExpectedKey() throws Exception {
        KnownPeers store = store();
        KnownPeerPolicy tofu = store.tofu("bob.example:7000");

        assertThatThrownBy(() -> TrustPolicy.expect(BOB.fingerprint()).and(tofu).check(MALLORY))
                .isInstanceOf(UntrustedPeerException.class)
                .isNotInstanceOf(ChangedPeerKeyException.class);
        assertThat(store.file()).doesNotExist();
        assertThat(tofu.decision()).isEmpty();

        TrustPolicy.expect(BOB.fingerprint()).and(tofu).check(BOB);
        assertThat(tofu.decision().orElseThrow().newPeer()).isTrue();
        assertThat(store.lookup("bob.example:7000").orElseThrow().fingerprint()).isEqualTo(BOB.fingerprint());
    }

    @Test
    void anExpectationNeverOverridesAnExistingEntry() throws Exception {
        KnownPeers store = store();
        store.put("bob.example:7000", BOB.fingerprint(), "");
        TrustPolicy policy = TrustPolicy.expect(MALLORY.fingerprint()).and(store.tofu("bob.example:7000"));
        assertThatThrownBy(() -> policy.check(MALLORY)).isInstanceOf(ChangedPeerKeyException.class);
        assertThat(store.lookup("bob.example:7000").orElseThrow().fingerprint()).isEqualTo(BOB.fingerprint());
    }

    // ---- the file ----------------------------------------------------------------------------

    @Test
    void commentsBlankLinesAndLineEndingsArePreservedOnRewrite() throws Exception {
        String original = "\uFEFF# header comment\r\n"
                + "\r\n"
                + "alice:1 " + ALICE.fingerprint() + " # trailing comment\r\n"
                + "   \t\n"
                + "\t# tabbed comment with unicode: héllo\n"
                + "bob.example:7000 " + BOB.fingerprint(); // no final newline
        Path file = write(original);
        KnownPeers store = KnownPeers.open(file, CLOCK);

        assertThat(store.entries())
                .containsExactly(
                        new KnownPeers.Entry("alice:1", ALICE.fingerprint(), "# trailing comment", 3),
                        new KnownPeers.Entry("bob.example:7000", BOB.fingerprint(), "", 6));

        KnownPeerPolicy tofu = store.tofu("mallory:9");
        tofu.check(MALLORY);
        assertThat(tofu.decision().orElseThrow().line()).isEqualTo(7);
        assertThat(read(store))
                .isEqualTo(original + "\nmallory:9 " + MALLORY.fingerprint() + " # first seen 2025-03-01T10:15:30Z\n");

        assertThat(store.remove("alice:1")).isTrue();
        assertThat(store.remove("alice:1")).isFalse();
        assertThat(read(store))
                .isEqualTo("\uFEFF# header comment\r\n\r\n   \t\n"
                        + "\t# tabbed comment with unicode: héllo\n"
                        + "bob.example:7000 " + BOB.fingerprint() + "\n"
                        + "mallory:9 " + MALLORY.fingerprint() + " # first seen 2025-03-01T10:15:30Z\n");
    }

    @Test
    void putReplacesAnEntryInPlace() throws Exception {
        Path file = write("a:1 " + ALICE.fingerprint() + "\n# keep\nb:2 " + BOB.fingerprint() + " old comment\nc:3 "
                + ALICE.fingerprint() + "\n");
        KnownPeers store = KnownPeers.open(file);
        KnownPeers.Entry e = store.put("b:2", MALLORY.fingerprint(), "rotated, checked by phone");
        assertThat(e.line()).isEqualTo(3);
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "a:1 " + ALICE.fingerprint(),
                        "# keep",
                        "b:2 " + MALLORY.fingerprint() + " rotated, checked by phone",
                        "c:3 " + ALICE.fingerprint());
        assertThat(store.lookup("b:2").orElseThrow()).isEqualTo(e);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bob.example:7000", // one field
                "bob.example:7000 not-a-fingerprint", // unknown format
                "bob.example:7000 SHA256:tooShort", // wrong length
                "bob.example:7000 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA", // an OpenSSH line
                "@revoked bob.example:7000 SHA256:abc", // an OpenSSH marker
                "bob.example:7000 MD5:00:11:22",
            })
    void malformedLinesAreReportedWithFileAndLine(String bad) throws Exception {
        Path file = write("# comment\nalice:1 " + ALICE.fingerprint() + "\n" + bad + "\n" + "carol:3 "
                + BOB.fingerprint() + "\n");
        KnownPeers store = KnownPeers.open(file);
        String before = read(store);

        PeerFileFormatException e = catchThrowableOfType(PeerFileFormatException.class, store::entries);
        assertThat(e.file()).isEqualTo(file.toAbsolutePath());
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith(file.toAbsolutePath() + ":3: ");

        assertThatThrownBy(() -> store.lookup("alice:1")).isInstanceOf(PeerFileFormatException.class);
        assertThatThrownBy(() -> store.put("dave:4", BOB.fingerprint(), ""))
                .isInstanceOf(PeerFileFormatException.class);
        // The policies fail closed, with the format error as the cause, and change nothing.
        UntrustedPeerException refused = catchThrowableOfType(
                UntrustedPeerException.class, () -> store.tofu("dave:4").check(BOB));
        assertThat(refused)
                .isNotInstanceOf(ChangedPeerKeyException.class)
                .hasCauseInstanceOf(PeerFileFormatException.class);
        assertThat(refused.getMessage()).contains(":3: ");
        assertThatThrownBy(() -> store.tofu("alice:1").check(ALICE)).isInstanceOf(UntrustedPeerException.class);
        assertThat(read(store)).isEqualTo(before);
    }

    @Test
    void aRepeatedAddressIsReported() throws Exception {
        Path file = write("a:1 " + ALICE.fingerprint() + "\n\na:1 " + BOB.fingerprint() + "\n");
        PeerFileFormatException e = catchThrowableOfType(PeerFileFormatException.class, KnownPeers.open(file)::entries);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("a second entry for a:1").contains("line 1");
    }

    @Test
    void controlCharactersAndInvalidUtf8AreReported() throws Exception {
        Path file = write("# fine\na:1 " + ALICE.fingerprint() + " \u001b[31mred\n");
        PeerFileFormatException e = catchThrowableOfType(PeerFileFormatException.class, KnownPeers.open(file)::entries);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("U+001B").doesNotContain("\u001b");

        Files.write(file, new byte[] {'#', '\n', '#', (byte) 0xC3, (byte) 0x28, '\n'});
        e = catchThrowableOfType(PeerFileFormatException.class, KnownPeers.open(file)::entries);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space:1", "#hash:1", "tab\there", "nl\nx", "nbsp\u00a0x"})
    void invalidAddressesAreRejected(String address) {
        KnownPeers store = store();
        assertThatThrownBy(() -> store.tofu(address)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.strict(address)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(address, BOB.fingerprint(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6AndUnicodeAddressesWork() throws Exception {
        KnownPeers store = store();
        store.tofu("[::1]:7000").check(ALICE);
        store.tofu("bücher.example:7000").check(BOB);
        KnownPeerPolicy again = KnownPeers.open(store.file()).strict("bücher.example:7000");
        again.check(BOB);
        assertThat(again.decision().orElseThrow().line()).isEqualTo(4);
    }

    @Test
    void filesAreOwnerOnlyOnPosix() throws Exception {
        KnownPeers store = store();
        store.tofu("bob.example:7000").check(BOB);
        if (!store.file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(rw);
        assertThat(Files.getPosixFilePermissions(store.lockFile())).isEqualTo(rw);
        assertThat(Files.getPosixFilePermissions(store.file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));

        // A rewrite makes a file someone loosened owner-only again.
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        store.put("alice:1", ALICE.fingerprint(), "");
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(rw);
        // No temporary files are left behind.
        try (var files = Files.list(store.file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("known_peers", "known_peers.lock");
        }
    }

    @Test
    void anUnwritableStoreFailsClosed() throws Exception {
        Path notADirectory = write("just a file");
        KnownPeers store = KnownPeers.open(notADirectory.resolve("known_peers"));
        UntrustedPeerException e = catchThrowableOfType(
                UntrustedPeerException.class,
                () -> store.tofu("bob.example:7000").check(BOB));
        assertThat(e).hasCauseInstanceOf(java.io.IOException.class);
        assertThat(e.getMessage()).contains("cannot consult the known peers file");
    }
}
