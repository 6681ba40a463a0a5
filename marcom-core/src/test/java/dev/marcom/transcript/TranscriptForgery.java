package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Direction;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a dishonest writer can do with the keys it holds, done as well as it can be done: lines
 * are taken in the order given; the messages of a direction whose key is in {@code keys} are
 * signed anew (numbered by their new position, chained to the new previous message, claiming to
 * have seen as much of the other direction as the original claimed but never more than precedes
 * them, with {@code text} changed by {@code edit}); the other lines are kept as they are. Every line is
 * then signed by {@code writer} with the chain of {@code prev} hashes fixed, and the end line
 * appended.
 */
final class TranscriptForgery {
    private TranscriptForgery() {}

    static byte[] forge(List<String> order, Map<Direction, Identity> keys, UnaryOperator<String> edit, Identity writer)
            throws Exception {
        return forge(order, keys, edit, Map.of(), writer);
    }

    /** As above; a re-signed message whose text is in {@code claims} says it had seen that many. */
    static byte[] forge(
            List<String> order,
            Map<Direction, Identity> keys,
            UnaryOperator<String> edit,
            Map<String, Long> claims,
            Identity writer)
            throws Exception {
        Map<Direction, List<byte[]>> heads = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            heads.put(d, new ArrayList<>());
        }
        List<String> out = new ArrayList<>();
        for (String line : order) {
            TranscriptTamperTest.Fields f = TranscriptTamperTest.fields(line);
            Direction d = TranscriptFormat.direction(f.s("direction"));
            Direction other = d == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            List<byte[]> own = heads.get(d);
            List<byte[]> theirs = heads.get(other);
            Identity key = keys.get(d);
            if (key == null) {
                out.add(line);
                own.add(Sha256.hash(Base64.getDecoder().decode(f.s("signedData"))));
                continue;
            }
            String text = f.m().containsKey("text") ? edit.apply(f.s("text")) : null;
            String base64 = text == null ? f.s("base64") : null;
            byte[] hash = Sha256.hash(
                    text != null
                            ? text.getBytes(StandardCharsets.UTF_8)
                            : Base64.getDecoder().decode(base64));
            long seq = own.size() + 1L;
            long claimed = text != null && claims.containsKey(text) ? claims.get(text) : f.n("seen");
            long seen = Math.min(claimed, theirs.size());
            byte[] signedData = MessageSignatures.message(
                    key.fingerprint().sha256().toByteArray(),
                    HexFormat.of().parseHex(f.s("session")),
                    d.code(),
                    seq,
                    own.isEmpty() ? MessageSignatures.emptyHead() : own.get(own.size() - 1),
                    seen,
                    seen == 0 ? MessageSignatures.emptyHead() : theirs.get((int) seen - 1),
                    hash);
            own.add(Sha256.hash(signedData));
            out.add(TranscriptTamperTest.sign(
                    TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                            f.s("session"),
                            d,
                            seq,
                            seen,
                            f.s("timestamp"),
                            key.fingerprint().toString(),
                            HexFormat.of().formatHex(hash),
                            text,
                            base64,
                            key.publicIdentity().subjectPublicKeyInfo().base64(),
                            Base64.getEncoder().encodeToString(signedData),
                            Base64.getEncoder().encodeToString(Fixtures.sign(key, signedData)),
                            TranscriptFormat.GENESIS,
                            f.s("writer"),
                            f.s("writerKey"))),
                    writer));
        }
        List<String> chained = TranscriptTamperTest.rechain(out, writer);
        String prev = chained.isEmpty()
                ? TranscriptFormat.GENESIS
                : TranscriptTamperTest.prevOf(chained.get(chained.size() - 1));
        chained.add(TranscriptTamperTest.sign(
                TranscriptFormat.unsigned(new TranscriptFormat.EndLine(
                        chained.size(),
                        "2026-01-01T00:00:00Z",
                        prev,
                        writer.fingerprint().toString(),
                        writer.publicIdentity().subjectPublicKeyInfo().base64())),
                writer));
        return TranscriptTamperTest.join(chained);
    }

    /** Replaces the string value of member {@code name}. */
    static String with(String line, String name, String value) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(line);
        assertThat(m.find()).as(name).isTrue();
        return line.substring(0, m.start(1)) + value + line.substring(m.end(1));
    }

    /** {@code line} with {@code prev} replaced and the writer's signature made anew by {@code by}. */
    static String resignLine(String line, String prev, Identity by) {
        String unsigned = with(line, "prev", prev);
        unsigned = unsigned.substring(0, unsigned.lastIndexOf(",\"writerSignature\":")) + "}";
        byte[] sig = Fixtures.sign(by, TranscriptFormat.lineSignedData(unsigned));
        return unsigned.substring(0, unsigned.length() - 1) + ",\"writerSignature\":\""
                + Base64.getEncoder().encodeToString(sig) + "\"}";
    }

    /** Every line re-signed by {@code by} with the chain of {@code prev} hashes fixed. */
    static byte[] rechainAsIs(List<String> lines, Identity by) {
        StringBuilder out = new StringBuilder();
        String prev = TranscriptFormat.GENESIS;
        for (String l : lines) {
            String r = resignLine(l, prev, by);
            out.append(r).append('\n');
            prev = HexFormat.of().formatHex(Sha256.hash(r.getBytes(StandardCharsets.UTF_8)));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
