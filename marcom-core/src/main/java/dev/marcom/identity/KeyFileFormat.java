package dev.marcom.identity;

import dev.marcom.MalformedInputException;
import dev.marcom.identity.IdentityFileException.Reason;
import dev.marcom.internal.crypto.SignatureSchemes;
import dev.marcom.internal.pem.Pem;
import dev.marcom.internal.pem.PemException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The PEM formats of {@link IdentityFiles}: PKCS#8 {@code PRIVATE KEY}, PKCS#8
 * {@code ENCRYPTED PRIVATE KEY} (PBES2, through {@link PassphraseEncryption}) and X.509
 * {@code PUBLIC KEY}. Every failure is an {@link IdentityFileException} naming the file; nothing
 * else escapes for any input.
 */
final class KeyFileFormat {
    static final String PRIVATE_LABEL = "PRIVATE KEY";
    static final String ENCRYPTED_LABEL = "ENCRYPTED PRIVATE KEY";
    static final String PUBLIC_LABEL = "PUBLIC KEY";

    private KeyFileFormat() {}

    /** The private key as PEM: encrypted under {@code passphrase} if it is not null. */
    static byte[] encodePrivate(Identity identity, char[] passphrase, Pbkdf2Parameters kdf, SecureRandom random) {
        byte[] pkcs8 = identity.privateKeyPkcs8();
        try {
            if (passphrase == null) {
                return Pem.encode(PRIVATE_LABEL, pkcs8);
            }
            return Pem.encode(ENCRYPTED_LABEL, PassphraseEncryption.encrypt(pkcs8, passphrase, kdf, random));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** The public key as PEM. */
    static byte[] encodePublic(PeerIdentity identity) {
        return Pem.encode(PUBLIC_LABEL, identity.subjectPublicKeyInfo().toByteArray());
    }

    /** Whether a private key file's content is encrypted. */
    static boolean isEncrypted(Path file, byte[] content) throws IdentityFileException {
        Pem.Block block = decodePem(file, content);
        try {
            return privateLabel(file, block.label());
        } finally {
            block.wipe();
        }
    }

    /**
     * Decodes a private key file's content.
     *
     * @param passphrase null if none was given
     */
    static Identity decodePrivate(Path file, byte[] content, char[] passphrase) throws IdentityFileException {
        Pem.Block block = decodePem(file, content);
        try {
            if (!privateLabel(file, block.label())) {
                return decodePkcs8(file, block.der(), Reason.CORRUPT);
            }
            PassphraseEncryption.Encrypted encrypted = PassphraseEncryption.parse(file, block.der());
            if (passphrase == null) {
                throw new IdentityFileException(
                        Reason.PASSPHRASE_REQUIRED,
                        file,
                        "the private key is encrypted (" + encrypted.description() + "); a passphrase is"
                                + " required");
            }
            byte[] plaintext = PassphraseEncryption.decrypt(file, encrypted, passphrase);
            try {
                // A wrong key passes the CBC padding check about once in 256 tries; the plaintext then
                // fails to parse as DER PKCS#8, which is reported the same way.
                return decodePkcs8(file, plaintext, Reason.WRONG_PASSPHRASE);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } finally {
            block.wipe();
        }
    }

    /**
     * Decodes a private key file and checks it against its public key file: what
     * {@link IdentityFiles#load} does once both files are read.
     *
     * @param pubContent the public key file's content, or null if the file does not exist
     */
    static Identity decodePair(Path keyFile, byte[] keyContent, char[] passphrase, Path pubFile, byte[] pubContent)
            throws IdentityFileException {
        Identity identity = decodePrivate(keyFile, keyContent, passphrase);
        if (pubContent == null) {
            throw new IdentityFileException(
                    Reason.NOT_FOUND,
                    pubFile,
                    "does not exist; it is saved"
                            + " with " + keyFile.getFileName() + " and needed to check it (recreate it with"
                            + " 'openssl pkey -in " + keyFile.getFileName() + " -pubout')");
        }
        PeerIdentity published = decodePublic(pubFile, pubContent);
        if (!published.equals(identity.publicIdentity())) {
            throw new IdentityFileException(
                    Reason.KEY_MISMATCH,
                    pubFile,
                    "does not match the private key in " + keyFile + " (public key " + published.fingerprint()
                            + ", private key's " + identity.fingerprint() + ")");
        }
        return identity;
    }

    /** Decodes a public key file's content. */
    static PeerIdentity decodePublic(Path file, byte[] content) throws IdentityFileException {
        Pem.Block block = decodePem(file, content);
        if (!block.label().equals(PUBLIC_LABEL)) {
            throw new IdentityFileException(
                    Reason.BAD_PEM,
                    file,
                    "expected '-----BEGIN " + PUBLIC_LABEL + "-----', found '" + block.label() + "'");
        }
        byte[] der = block.der();
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(strictDer(der));
        } catch (IOException | RuntimeException e) {
            throw new IdentityFileException(Reason.CORRUPT, file, "not a DER X.509 SubjectPublicKeyInfo");
        }
        checkDsa(file, spki.getAlgorithm(), Reason.CORRUPT);
        if (spki.getPublicKeyData().getPadBits() != 0) {
            // The JDK decodes y from a BIT STRING that claims unused bits and echoes those bytes back,
            // so the same key would get a second encoding and fingerprint.
            throw new IdentityFileException(Reason.CORRUPT, file, "the public key BIT STRING has unused bits");
        }
        try {
            return PeerIdentity.fromSubjectPublicKeyInfo(der);
        } catch (MalformedInputException e) {
            throw new IdentityFileException(Reason.CORRUPT, file, e.getMessage(), e);
        }
    }

    static IdentityFileException wrongPassphrase(Path file) {
        return new IdentityFileException(
                Reason.WRONG_PASSPHRASE, file, "wrong passphrase (or the encrypted key was altered)");
    }

    private static Pem.Block decodePem(Path file, byte[] content) throws IdentityFileException {
        try {
            return Pem.decode(content);
        } catch (PemException e) {
            throw new IdentityFileException(Reason.BAD_PEM, file, "not a PEM file: " + e.getMessage());
        }
    }

    /** True for an encrypted private key label, false for a plain one. */
    private static boolean privateLabel(Path file, String label) throws IdentityFileException {
        if (label.equals(ENCRYPTED_LABEL)) {
            return true;
        }
        if (label.equals(PRIVATE_LABEL)) {
            return false;
        }
        if (label.equals("RSA PRIVATE KEY") || label.equals("EC PRIVATE KEY")) {
            throw new IdentityFileException(
                    Reason.WRONG_KEY_TYPE,
                    file,
                    "the key type is " + label.substring(0, label.indexOf(' '))
                            + " (traditional OpenSSL format); MARCOM identities are DSA");
        }
        throw new IdentityFileException(
                Reason.BAD_PEM,
                file,
                "expected '-----BEGIN " + PRIVATE_LABEL + "-----' or '-----BEGIN " + ENCRYPTED_LABEL
                        + "-----' (PKCS#8), found '" + label + "'");
    }

    /**
     * Parses and validates a DER PKCS#8 DSA private key.
     *
     * @param malformed the reason to give if the bytes do not parse
     */
    private static Identity decodePkcs8(Path file, byte[] der, Reason malformed) throws IdentityFileException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(strictDer(der));
        } catch (IOException | RuntimeException e) {
            throw new IdentityFileException(
                    malformed,
                    file,
                    malformed == Reason.WRONG_PASSPHRASE
                            ? "wrong passphrase (or the encrypted key was altered)"
                            : "not a DER PKCS#8 PrivateKeyInfo");
        }
        if (info.getVersion().hasValue(1) || info.getAttributes() != null) {
            // OneAsymmetricKey (RFC 5958 v2) and attributes are legal PKCS#8 but no DSA writer uses
            // them; refusing them keeps one encoding per key.
            throw new IdentityFileException(malformed, file, "PKCS#8 version 2 or attributes are not supported");
        }
        DSAParameter params = checkDsa(file, info.getPrivateKeyAlgorithm(), malformed);
        BigInteger x;
        try {
            x = ASN1Integer.getInstance(info.parsePrivateKey()).getValue();
        } catch (IOException | RuntimeException e) {
            throw new IdentityFileException(malformed, file, "the DSA private value does not parse");
        }
        if (x.signum() <= 0 || x.compareTo(params.getQ()) >= 0) {
            throw new IdentityFileException(malformed, file, "the DSA private value is out of range");
        }
        try {
            return Identity.fromPkcs8(der);
        } catch (MalformedInputException e) {
            throw new IdentityFileException(malformed, file, e.getMessage(), e);
        }
    }

    /** Checks that {@code alg} is DSA with a MARCOM size and returns its domain parameters. */
    private static DSAParameter checkDsa(Path file, AlgorithmIdentifier alg, Reason malformed)
            throws IdentityFileException {
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (!X9ObjectIdentifiers.id_dsa.equals(oid)) {
            throw new IdentityFileException(
                    Reason.WRONG_KEY_TYPE, file, "the key type is " + keyTypeName(oid) + "; MARCOM identities are DSA");
        }
        ASN1Encodable encoded = alg.getParameters();
        DSAParameter params;
        try {
            params = DSAParameter.getInstance(encoded);
        } catch (RuntimeException e) {
            params = null;
        }
        if (params == null) {
            throw new IdentityFileException(malformed, file, "DSA key without valid domain parameters");
        }
        int l = params.getP().bitLength();
        int n = params.getQ().bitLength();
        if (SignatureSchemes.dsaAlgorithm(l, n) == null) {
            throw new IdentityFileException(
                    Reason.WRONG_KEY_TYPE,
                    file,
                    "the key is DSA " + l + "/" + n + "; MARCOM identities are DSA 2048/256 or 3072/256");
        }
        return params;
    }

    private static String keyTypeName(ASN1ObjectIdentifier oid) {
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid) || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            return "RSA";
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        switch (oid.getId()) {
            case "1.3.101.110":
                return "X25519";
            case "1.3.101.111":
                return "X448";
            case "1.3.101.112":
                return "Ed25519";
            case "1.3.101.113":
                return "Ed448";
            default:
                break;
        }
        return "non-DSA (" + oid.getId() + ")";
    }

    /** Parses {@code der}, requiring one canonical DER value and nothing after it. */
    private static ASN1Primitive strictDer(byte[] der) throws IOException {
        ASN1Primitive tree = ASN1Primitive.fromByteArray(der);
        byte[] again = tree.getEncoded(ASN1Encoding.DER);
        try {
            if (!Arrays.equals(again, der)) {
                throw new IOException("not DER");
            }
        } finally {
            Arrays.fill(again, (byte) 0);
        }
        return tree;
    }
}
