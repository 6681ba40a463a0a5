package dev.marcom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marcom.MalformedInputException;
import dev.marcom.SignatureAlgorithm;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key whose BIT STRING claims unused bits (1 to 7) is refused with {@link MalformedInputException}
 * — for a peer's identity and for the optional public part of a PKCS#8 v2 private key — and never
 * escapes as BouncyCastle's unchecked "non-octet aligned" exception (a fuzzing finding: an Ed25519
 * identity in a ServerHello).
 */
class BitStringUnusedBitsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void aPeerIdentityWithUnusedBitsIsMalformed(SignatureAlgorithm algorithm) throws Exception {
        byte[] genuine = Identity.generate(algorithm, RANDOM)
                .publicIdentity()
                .subjectPublicKeyInfo()
                .toByteArray();
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(genuine);
        byte[] key = info.getPublicKeyData().getOctets();
        for (int unused = 1; unused <= 7; unused++) {
            byte[] edited = new SubjectPublicKeyInfo(info.getAlgorithm(), new DERBitString(key, unused))
                    .getEncoded(ASN1Encoding.DER);
            assertThat(SubjectPublicKeyInfo.getInstance(edited)
                            .getPublicKeyData()
                            .getPadBits())
                    .isEqualTo(unused);
            assertThatThrownBy(() -> PeerIdentity.fromSubjectPublicKeyInfo(edited))
                    .as("%s with %d unused bits", algorithm, unused)
                    .isInstanceOf(MalformedInputException.class);
            assertThatThrownBy(() -> new PeerIdentityCache(4).identity(edited))
                    .isInstanceOf(MalformedInputException.class);
        }
        assertThat(PeerIdentity.fromSubjectPublicKeyInfo(genuine).algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest
    @EnumSource(
            value = SignatureAlgorithm.class,
            names = {"ED25519", "ML_DSA_65"})
    void aPkcs8PublicPartWithUnusedBitsIsMalformed(SignatureAlgorithm algorithm) throws Exception {
        Identity identity = Identity.generate(algorithm, RANDOM);
        byte[] publicKey = SubjectPublicKeyInfo.getInstance(
                        identity.publicIdentity().subjectPublicKeyInfo().toByteArray())
                .getPublicKeyData()
                .getOctets();
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(identity.privateKeyPkcs8());

        assertThat(Identity.fromPkcs8(withPublicPart(info, new DERBitString(publicKey, 0)))
                        .fingerprint())
                .as("the matching public part, whole bytes, is accepted")
                .isEqualTo(identity.fingerprint());
        for (int unused = 1; unused <= 7; unused++) {
            byte[] edited = withPublicPart(info, new DERBitString(publicKey, unused));
            assertThatThrownBy(() -> Identity.fromPkcs8(edited))
                    .as("%s with %d unused bits", algorithm, unused)
                    .isInstanceOf(MalformedInputException.class);
        }
    }

    /** A PKCS#8 v2 (RFC 5958 OneAsymmetricKey) with {@code info}'s key and the given public part. */
    private static byte[] withPublicPart(PrivateKeyInfo info, DERBitString publicPart) throws Exception {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(1));
        v.add(info.getPrivateKeyAlgorithm());
        v.add(info.getPrivateKey());
        v.add(new DERTaggedObject(false, 1, publicPart));
        return new DERSequence(v).getEncoded(ASN1Encoding.DER);
    }
}
