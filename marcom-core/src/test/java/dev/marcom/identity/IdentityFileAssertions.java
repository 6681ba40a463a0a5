package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.IdentityFileException.Reason;
import dev.marcom.internal.pem.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared fixtures and assertions for the identity file tests. */
final class IdentityFileAssertions {
    /** A low iteration count that keeps tests fast; only the KDF cost differs from the default. */
    static final Pbkdf2Parameters FAST = new Pbkdf2Parameters(Pbkdf2Parameters.MIN_ITERATIONS);

    static final SecureRandom RANDOM = new SecureRandom();
    static final Identity ID_2048 = Identity.generate(SignatureAlgorithm.DSA_2048_256, RANDOM);
    static final Identity ID_3072 = Identity.generate(SignatureAlgorithm.DSA_3072_256, RANDOM);

    private IdentityFileAssertions() {}

    static Identity identity(SignatureAlgorithm size) {
        return size == SignatureAlgorithm.DSA_2048_256 ? ID_2048 : ID_3072;
    }

    /**
     * Asserts that {@code call} throws an {@link IdentityFileException} with {@code reason} about
     * {@code file}, whose message names the file.
     */
    static IdentityFileException assertFails(ThrowingCallable call, Reason reason, Path file) {
        IdentityFileException e = assertFailsTyped(call, file);
        assertThat(e.reason()).as("reason; message: %s", e.getMessage()).isEqualTo(reason);
        return e;
    }

    /** Asserts that {@code call} throws an {@link IdentityFileException} (any reason) naming file. */
    static IdentityFileException assertFailsTyped(ThrowingCallable call, Path file) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected an IdentityFileException").isInstanceOf(IdentityFileException.class);
        IdentityFileException e = (IdentityFileException) t;
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).contains(file.toString());
        return e;
    }

    static void assertSameIdentity(Identity actual, Identity expected) {
        assertThat(actual.publicIdentity()).isEqualTo(expected.publicIdentity());
        assertThat(actual.privateKeyPkcs8()).isEqualTo(expected.privateKeyPkcs8());
    }

    static void writePem(Path file, String label, byte[] der) throws IOException {
        Files.write(file, Pem.encode(label, der));
    }

    /** The names in {@code dir}, sorted. */
    static Stream<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }
}
