package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.testing.TestIdentities;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetyNumberTest {
    private static final PeerIdentity ALICE = TestIdentities.ALICE.publicIdentity();
    private static final PeerIdentity BOB = TestIdentities.BOB.publicIdentity();
    private static final PeerIdentity MALLORY = TestIdentities.MALLORY.publicIdentity();

    private static PeerIdentity vector(String name) throws Exception {
        try (InputStream in =
                SafetyNumberTest.class.getResourceAsStream("/identity/safety-number/" + name + ".spki.der")) {
            return PeerIdentity.fromSubjectPublicKeyInfo(in.readAllBytes());
        }
    }

    /** Computed with Python's hashlib from the documented construction (see the README there). */
    @Test
    void fixedVector() throws Exception {
        PeerIdentity alice = vector("alice");
        PeerIdentity bob = vector("bob");
        assertThat(alice.fingerprint()).hasToString("SHA256:QaOh9ToWzHuHU96tAyIDkpFSHSL74lGp4iKHCv7aCsQ");
        assertThat(bob.fingerprint()).hasToString("SHA256:ErpVIaNE0Z7s/wu/QxQS5lEt3e+A6W5fCh3mloXNbw8");

        assertThat(SafetyNumber.half(alice.subjectPublicKeyInfo().toByteArray()))
                .isEqualTo("863394303298860978977877531927");
        assertThat(SafetyNumber.half(bob.subjectPublicKeyInfo().toByteArray()))
                .isEqualTo("977443001108890250620067740864");
        SafetyNumber n = SafetyNumber.of(alice, bob);
        assertThat(n.digits()).isEqualTo("863394303298860978977877531927977443001108890250620067740864");
        assertThat(n).hasToString("86339 43032 98860 97897 78775 31927 97744 30011 08890 25062 00677 40864");
        assertThat(n.groups()).hasSize(12).allMatch(g -> g.matches("[0-9]{5}"));
        assertThat(SafetyNumber.of(bob, alice)).isEqualTo(n);
    }

    @Test
    void sameOnBothSides() {
        assertThat(SafetyNumber.of(ALICE, BOB)).isEqualTo(SafetyNumber.of(BOB, ALICE));
    }

    @Test
    void differsWhenEitherKeyDiffers() {
        SafetyNumber real = SafetyNumber.of(ALICE, BOB);
        assertThat(SafetyNumber.of(ALICE, MALLORY)).isNotEqualTo(real);
        assertThat(SafetyNumber.of(MALLORY, BOB)).isNotEqualTo(real);
        assertThat(SafetyNumber.of(MALLORY, MALLORY)).isNotEqualTo(real);
    }

    @Test
    void eachPersonRecognisesTheirOwnHalf() {
        String aliceHalf = SafetyNumber.half(ALICE.subjectPublicKeyInfo().toByteArray());
        assertThat(SafetyNumber.of(ALICE, BOB).digits()).contains(aliceHalf);
        assertThat(SafetyNumber.of(ALICE, MALLORY).digits()).contains(aliceHalf);
    }

    @Test
    void parseIgnoresGrouping() {
        SafetyNumber n = SafetyNumber.of(ALICE, BOB);
        assertThat(SafetyNumber.parse(n.toString())).isEqualTo(n);
        assertThat(SafetyNumber.parse(String.join("\n", n.groups()) + "\n")).isEqualTo(n);
        assertThat(SafetyNumber.parse(n.digits())).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "12345",
                "12345 67890 12345 67890 12345 67890 12345 67890 12345 67890 12345 6789x",
                "123456789012345678901234567890123456789012345678901234567890 1",
                // 60 full-width digits: Unicode digits, but not ASCII
                "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０" + "１２３４５６７８９０１２３４５６７８９０１２３４５６７８９０"
            })
    void rejectsAnythingButSixtyAsciiDigits(String text) {
        assertThatThrownBy(() -> SafetyNumber.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
