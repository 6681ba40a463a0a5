package dev.marcom.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.marcom.Direction;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.internal.crypto.Sha256;
import dev.marcom.internal.json.FlatJson;
import dev.marcom.internal.json.JsonValue;
import dev.marcom.internal.session.MessageSignatures;
import dev.marcom.testing.Fixtures;
import dev.marcom.testing.TestIdentities;
import dev.marcom.transcript.TranscriptException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every edit to a transcript fails verification at the edited line: each member of each line
 * changed in several ways, each line deleted or repeated, each pair of lines swapped, the file cut
 * anywhere, and forgeries by someone who recomputes every derived field.
 *
 * <p>The parties sign with DSA-2048 here; {@code TranscriptTamperEd25519Test} and {@code
 * TranscriptTamperMlDsa65Test} run every case again with Ed25519 and ML-DSA-65 signers, by
 * overriding {@link #algorithm()}. One transcript is recorded per class (hence one test instance
 * per class).
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscriptTamperTest {
    List<String> lines;
    List<String> serverLines;
    Identity alice;
    Identity bob;
    Identity mallory;

    /** The algorithm every party of the recorded session and of the forgeries signs with. */
    SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.DSA_2048_256;
    }

    @BeforeAll
    void record(@TempDir Path dir) throws Exception {
        alice = TestIdentities.alice(algorithm());
        bob = TestIdentities.bob(algorithm());
        mallory = TestIdentities.mallory(algorithm());
        Transcripts.Recorded r = Transcripts.record(dir, alice, bob);
        lines = Files.readAllLines(r.client(), StandardCharsets.UTF_8);
        serverLines = Files.readAllLines(r.server(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0))
                .contains(alice.publicIdentity().subjectPublicKeyInfo().base64());
    }

    static byte[] join(List<String> ls) {
        StringBuilder sb = new StringBuilder();
        ls.forEach(l -> sb.append(l).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static TranscriptException failure(byte[] file) {
        try {
            TranscriptVerifier.create().verify(new ByteArrayInputStream(file));
        } catch (TranscriptException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        return fail("verification passed");
    }

    static void assertFailsAt(byte[] file, long line, String what) {
        TranscriptException e = failure(file);
        assertThat(e.lineNumber()).as(what + ": " + e.getMessage()).isEqualTo(line);
    }

    @Test
    void untouchedFileVerifies() throws Exception {
        assertThat(TranscriptVerifier.create()
                        .verify(new ByteArrayInputStream(join(lines)))
                        .messages())
                .isEqualTo(7);
    }

    /** The value of member {@code name} in {@code line}: [start, end) in UTF-8 bytes. */
    static int[] valueSpan(byte[] line, String name) {
        String s = new String(line, StandardCharsets.UTF_8);
        String key = "\"" + name + "\":";
        int k = s.indexOf(key);
        assertThat(k).as(name).isPositive();
        int start = s.substring(0, k + key.length()).getBytes(StandardCharsets.UTF_8).length;
        int end = start;
        if (line[start] == '"') {
            end = start + 1;
            while (line[end] != '"') {
                end += line[end] == '\\' ? 2 : 1;
            }
            return new int[] {start + 1, end};
        }
        while (line[end] != ',' && line[end] != '}') {
            end++;
        }
        return new int[] {start, end};
    }

    static byte replacement(byte b) {
        if ((b >= '0' && b <= '8') || (b >= 'a' && b <= 'y') || (b >= 'A' && b <= 'Y')) {
            return (byte) (b + 1);
        }
        return b == 'A' + 25 || b == '9' ? (byte) 'A' : (byte) 'B';
    }

    static byte[] with(List<String> ls, int index, byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < ls.size(); i++) {
            out.writeBytes(i == index ? line : ls.get(i).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Test
    void everyEditOfEveryMemberOfEveryLineFailsAtThatLine() throws Exception {
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            Map<String, JsonValue> members =
                    FlatJson.parse(lines.get(i), new FlatJson.Limits(1 << 20, 32, 64, 1 << 20, 20));
            for (String name : members.keySet()) {
                int[] span = valueSpan(line, name);
                List<byte[]> edits = new ArrayList<>();
                if (span[1] == span[0]) {
                    // Empty string: insert a character.
                    byte[] e = new byte[line.length + 1];
                    System.arraycopy(line, 0, e, 0, span[0]);
                    e[span[0]] = 'a';
                    System.arraycopy(line, span[0], e, span[0] + 1, line.length - span[0]);
                    edits.add(e);
                } else {
                    int mid = (span[0] + span[1]) / 2;
                    byte[] changed = line.clone();
                    changed[mid] = replacement(line[mid]);
                    edits.add(changed);
                    for (int pos : new int[] {span[0], span[1] - 1, mid}) {
                        for (int bit : new int[] {0, 5}) {
                            byte[] flipped = line.clone();
                            flipped[pos] ^= (byte) (1 << bit);
                            edits.add(flipped);
                        }
                    }
                    byte[] removed = new byte[line.length - 1];
                    System.arraycopy(line, 0, removed, 0, span[1] - 1);
                    System.arraycopy(line, span[1], removed, span[1] - 1, line.length - span[1]);
                    edits.add(removed);
                }
                int nameAt = new String(line, StandardCharsets.UTF_8).indexOf("\"" + name + "\":") + 1;
                byte[] renamed = line.clone();
                renamed[nameAt] ^= 1;
                edits.add(renamed);
                for (byte[] edit : edits) {
                    assertThat(edit).isNotEqualTo(line);
                    assertFailsAt(with(lines, i, edit), i + 1, "line " + (i + 1) + " member " + name);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(8 * 8 * 8);
    }

    @Test
    void structuralEditsOfTheLineFail() {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String[] variants = {
                " " + line,
                line + " ",
                line + "\r",
                line.replaceFirst(",", ", "),
                line.replaceFirst("\\}$", ",\"extra\":1}"),
                line.replaceFirst("^\\{\"v\":2,", "{"),
                line.replaceFirst("^\\{\"v\":2,\"kind\":\"([a-z]+)\"", "{\"kind\":\"$1\",\"v\":2"),
                line.replaceFirst("^\\{\"v\":2", "{\"v\":2.0"),
                line.replaceFirst("^\\{\"v\":2", "{\"v\":\"2\""),
                line.replaceFirst("^\\{\"v\":2", "{\"v\":1"),
                line.replaceFirst("\"kind\":\"", "\"kind\":\"\\\\u00")
                        .replace("\\u00message", "\\u006dessage")
                        .replace("\\u00end", "\\u0065nd"),
                "",
                "{}",
                line + line,
            };
            for (String v : variants) {
                assertThat(v).isNotEqualTo(line);
                List<String> copy = new ArrayList<>(lines);
                copy.set(i, v);
                assertFailsAt(join(copy), i + 1, "variant " + v);
            }
        }
    }

    @Test
    void aVersion1LineIsRefusedAndSaysWhy() {
        List<String> copy = new ArrayList<>(lines);
        copy.set(0, lines.get(0).replaceFirst("^\\{\"v\":2,", "{\"v\":1,"));
        TranscriptException e = failure(join(copy));
        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage())
                .contains("format version 1")
                .contains("bind neither their signer nor the conversation");
    }

    @Test
    void deletingAnyLineFailsAtItsPlace() {
        for (int i = 0; i < lines.size(); i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.remove(i);
            assertFailsAt(join(copy), i + 1, "deleted line " + (i + 1));
        }
    }

    /**
     * A line taken out or moved breaks the hash chain of lines first, and the reader is told so in
     * those words, before any signature check says something vaguer (a mutant without the chain
     * check still fails these files, but later and for another reason).
     */
    @Test
    void aRemovedOrMovedLineIsReportedAsABreakInTheChainOfLines() {
        for (int i = 0; i < lines.size() - 1; i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.remove(i);
            TranscriptException e = failure(join(copy));
            assertThat(e.reason())
                    .as("deleted line " + (i + 1) + ": " + e.getMessage())
                    .isEqualTo(Reason.CONTINUITY);
            assertThat(e.getMessage()).as("deleted line " + (i + 1)).contains("\"prev\"");
            assertThat(e.lineNumber()).isEqualTo(i + 1);
        }
        for (int j = 1; j < lines.size(); j++) {
            List<String> copy = new ArrayList<>(lines);
            copy.set(0, lines.get(j));
            copy.set(j, lines.get(0));
            TranscriptException e = failure(join(copy));
            assertThat(e.reason())
                    .as("swapped 1 and " + (j + 1) + ": " + e.getMessage())
                    .isEqualTo(Reason.CONTINUITY);
            assertThat(e.getMessage()).contains("first line's \"prev\" is not all zeros");
        }
    }

    @Test
    void repeatingAnyLineFailsAtTheCopy() {
        for (int i = 0; i < lines.size(); i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.add(i + 1, lines.get(i));
            assertFailsAt(join(copy), i + 2, "repeated line " + (i + 1));
        }
    }

    @Test
    void swappingAnyTwoLinesFailsAtTheFirst() {
        for (int i = 0; i < lines.size(); i++) {
            for (int j = i + 1; j < lines.size(); j++) {
                List<String> copy = new ArrayList<>(lines);
                copy.set(i, lines.get(j));
                copy.set(j, lines.get(i));
                assertFailsAt(join(copy), i + 1, "swapped " + (i + 1) + " and " + (j + 1));
            }
        }
    }

    @Test
    void cuttingTheFileAnywhereFails() {
        byte[] file = join(lines);
        // About 330 sampled cuts whatever the size: ML-DSA-65 lines are several times longer.
        int step = Math.max(61, file.length / 330);
        int line = 1;
        for (int cut = 0; cut < file.length; cut++) {
            // A cut right after a newline loses whole lines: the next line (maybe the end line) is
            // missing; any other cut leaves the current line incomplete. Every cut near a line end and
            // a sample of the others (each verification checks signatures, so not all 20 000).
            boolean nearEnd = false;
            for (int d = -2; d <= 2; d++) {
                nearEnd |= cut + d >= 0 && cut + d < file.length && file[cut + d] == '\n';
            }
            if (nearEnd || cut % step == 0) {
                assertFailsAt(Arrays.copyOf(file, cut), line, "cut at " + cut);
            }
            if (file[cut] == '\n') {
                line++;
            }
        }
    }

    @Test
    void linesFromTheOtherSidesTranscriptFail() {
        for (int i = 1; i < lines.size(); i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.set(i, serverLines.get(i));
            assertFailsAt(join(copy), i + 1, "server line " + (i + 1));
        }
        // BOB's first line is a valid first line of a transcript (of BOB's): verification fails at
        // the first line that does not follow it. Any valid prefix of another transcript behaves so.
        List<String> copy = new ArrayList<>(lines);
        copy.set(0, serverLines.get(0));
        TranscriptException e = failure(join(copy));
        assertThat(e.lineNumber()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo(Reason.CONTINUITY);
    }

    @Test
    void contentAfterTheEndLineFails() {
        List<String> copy = new ArrayList<>(lines);
        copy.add(lines.get(0));
        TranscriptException e = failure(join(copy));
        assertThat(e.lineNumber()).isEqualTo(9);
        assertThat(e.reason()).isEqualTo(Reason.CONTINUITY);
        copy.set(8, "");
        assertFailsAt(join(copy), 9, "empty line after the end");
    }

    // Forgeries: someone recomputes every derived field and signs what they can.

    record Fields(Map<String, JsonValue> m) {
        String s(String name) {
            return ((JsonValue.Str) m.get(name)).value();
        }

        long n(String name) {
            return ((JsonValue.Num) m.get(name)).asLong().orElseThrow();
        }
    }

    static Fields fields(String line) throws Exception {
        return new Fields(FlatJson.parse(line, new FlatJson.Limits(1 << 20, 32, 64, 1 << 20, 20)));
    }

    /**
     * Rebuilds a message line from its fields, with new text and a writer signature by {@code by}:
     * its signed data is the original with the new SHA-256 (and the new signer's key hash when
     * {@code signer} is not null), its signature the original or one by {@code signer}.
     */
    static String forgeMessage(String line, String text, String prev, Identity signer, Identity by) throws Exception {
        Fields f = fields(line);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] hash = Sha256.hash(payload);
        Direction d = TranscriptFormat.direction(f.s("direction"));
        MessageSignatures.Message o =
                MessageSignatures.parseMessage(Base64.getDecoder().decode(f.s("signedData")));
        byte[] signedData = MessageSignatures.message(
                signer == null
                        ? o.signer().toByteArray()
                        : signer.fingerprint().sha256().toByteArray(),
                o.sessionId().toByteArray(),
                d.code(),
                f.n("seq"),
                o.previous().toByteArray(),
                o.seen(),
                o.seenHead().toByteArray(),
                hash);
        String signature = signer == null
                ? f.s("signature")
                : Base64.getEncoder().encodeToString(Fixtures.sign(signer, signedData));
        String signerKey = signer == null
                ? f.s("signer")
                : signer.publicIdentity().subjectPublicKeyInfo().base64();
        String sender = signer == null ? f.s("sender") : signer.fingerprint().toString();
        return sign(
                TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                        f.s("session"),
                        d,
                        f.n("seq"),
                        f.n("seen"),
                        f.s("timestamp"),
                        sender,
                        HexFormat.of().formatHex(hash),
                        text,
                        null,
                        signerKey,
                        Base64.getEncoder().encodeToString(signedData),
                        signature,
                        prev,
                        by.fingerprint().toString(),
                        by.publicIdentity().subjectPublicKeyInfo().base64())),
                by);
    }

    static String sign(FlatJson.ObjectWriter unsigned, Identity by) {
        byte[] sig = Fixtures.sign(by, TranscriptFormat.lineSignedData(unsigned.toJson()));
        return unsigned.string("writerSignature", Base64.getEncoder().encodeToString(sig))
                .toJson();
    }

    static String prevOf(String line) {
        return HexFormat.of().formatHex(Sha256.hash(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code line} re-signed by {@code by} with {@code prev}, all else unchanged. */
    static String rebuild(String line, String prev, Identity by) throws Exception {
        Fields f = fields(line);
        String writer = by.fingerprint().toString();
        String key = by.publicIdentity().subjectPublicKeyInfo().base64();
        if (f.s("kind").equals("end")) {
            return sign(
                    TranscriptFormat.unsigned(
                            new TranscriptFormat.EndLine(f.n("messages"), f.s("timestamp"), prev, writer, key)),
                    by);
        }
        String text = f.m().containsKey("text") ? f.s("text") : null;
        return sign(
                TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                        f.s("session"),
                        TranscriptFormat.direction(f.s("direction")),
                        f.n("seq"),
                        f.n("seen"),
                        f.s("timestamp"),
                        f.s("sender"),
                        f.s("sha256"),
                        text,
                        text == null ? f.s("base64") : null,
                        f.s("signer"),
                        f.s("signedData"),
                        f.s("signature"),
                        prev,
                        writer,
                        key)),
                by);
    }

    /** Re-signs every line by {@code by}, fixing the chain of {@code prev} hashes. */
    static List<String> rechain(List<String> ls, Identity by) throws Exception {
        List<String> out = new ArrayList<>();
        String prev = TranscriptFormat.GENESIS;
        for (String l : ls) {
            String r = rebuild(l, prev, by);
            out.add(r);
            prev = prevOf(r);
        }
        return out;
    }

    @Test
    void theWriterCannotChangeWhatWasSaid() throws Exception {
        // ALICE, the writer, rewrites her first message's text, fixes sha256 and signedData, keeps
        // her original message signature and re-signs every line: the message signature fails.
        List<String> copy = new ArrayList<>(lines);
        copy.set(0, forgeMessage(lines.get(0), "goodbye", TranscriptFormat.GENESIS, null, alice));
        TranscriptException e = failure(join(rechain(copy, alice)));
        assertThat(e.lineNumber()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo(Reason.SIGNATURE);
        assertThat(e.getCause()).isInstanceOf(dev.marcom.AuthenticationException.class);
        // The same for BOB's second message (line 5), with its original signature.
        copy = new ArrayList<>(lines);
        copy.set(4, forgeMessage(lines.get(4), "{}", TranscriptFormat.GENESIS, null, alice));
        e = failure(join(rechain(copy, alice)));
        assertThat(e.lineNumber()).isEqualTo(5);
        assertThat(e.reason()).isEqualTo(Reason.SIGNATURE);
    }

    /**
     * The writer changes one member of BOB's first message (line 2), keeps everything else, and
     * re-signs every line: the one consistency check that covers that member must refuse it.
     */
    void assertOneMemberChangeFails(String member, String value, Reason reason, String detail) throws Exception {
        List<String> copy = new ArrayList<>(lines);
        copy.set(1, TranscriptForgery.with(lines.get(1), member, value));
        TranscriptException e = failure(TranscriptForgery.rechainAsIs(copy, alice));
        assertThat(e.lineNumber()).as(member + ": " + e.getMessage()).isEqualTo(2);
        assertThat(e.reason()).as(member + ": " + e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).as(member).contains(detail);
    }

    /** {@code line} (BOB's first message, line 2) replaced as given, every line re-signed. */
    void assertRawChangeFails(String line, String detail) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(1, line);
        TranscriptException e = failure(TranscriptForgery.rechainAsIs(copy, alice));
        assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(2);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains(detail);
    }

    @Test
    void aMemberOfTheWrongFormIsMalformedAndTheErrorSaysHow() throws Exception {
        String sha256 = fields(lines.get(1)).s("sha256");
        assertOneMemberChangeFails(
                "sha256",
                sha256.toUpperCase(Locale.ROOT),
                Reason.MALFORMED,
                "\"sha256\" is not 64 lower-case hex digits");
        assertOneMemberChangeFails("sha256", sha256.substring(2), Reason.MALFORMED, "\"sha256\" is not 64 hex digits");
        assertRawChangeFails(lines.get(1).replace("\"text\":\"hi\"", "\"text\":5"), "\"text\" is not a string");
        assertRawChangeFails(lines.get(1).replaceFirst(",\"sender\":\"[^\"]*\"", ""), "member \"sender\" is missing");
    }

    @Test
    void theWriterCannotChangeOnlyTheText() throws Exception {
        assertThat(fields(lines.get(1)).s("text")).isEqualTo("hi");
        assertOneMemberChangeFails("text", "no", Reason.INCONSISTENT, "\"sha256\" is not the SHA-256 of the text");
    }

    @Test
    void theWriterCannotChangeOnlyTheSha256() throws Exception {
        // signedData still matches the text: only the sha256/text check sees this.
        assertOneMemberChangeFails(
                "sha256",
                HexFormat.of().formatHex(Sha256.hash("no".getBytes(StandardCharsets.UTF_8))),
                Reason.INCONSISTENT,
                "\"sha256\" is not the SHA-256 of the text");
    }

    @Test
    void theWriterCannotChangeOnlyTheSender() throws Exception {
        // The signature and signedData are BOB's, the key in "signer" is BOB's: only the
        // sender/signer check sees that "sender" names MALLORY.
        assertOneMemberChangeFails(
                "sender",
                mallory.fingerprint().toString(),
                Reason.INCONSISTENT,
                "\"sender\" is not the fingerprint of \"signer\"");
    }

    @Test
    void theWriterCannotChangeOnlyTheSignerKey() throws Exception {
        assertOneMemberChangeFails(
                "signer", mallory.publicIdentity().subjectPublicKeyInfo().base64(), Reason.INCONSISTENT, "signer");
    }

    @Test
    void theWriterCannotReplaceOneOfThePeersMessages() throws Exception {
        // ALICE replaces BOB's second message (line 5) by a validly signed one of her own or
        // MALLORY's: the signer of the server-to-client direction changed.
        for (Identity signer : List.of(alice, mallory)) {
            List<String> copy = new ArrayList<>(lines);
            copy.set(4, forgeMessage(lines.get(4), "{}", TranscriptFormat.GENESIS, signer, alice));
            TranscriptException e = failure(join(rechain(copy, alice)));
            assertThat(e.lineNumber()).isEqualTo(5);
            assertThat(e.reason()).isEqualTo(Reason.CONTINUITY);
        }
    }

    @Test
    void substitutingAWholeDirectionShowsInTheSummary() throws Exception {
        // The limit of any offline check: the writer may replace all of the peer's messages by ones
        // MALLORY signed, re-signing its own messages to acknowledge those instead of BOB's. The file
        // verifies, and the summary names MALLORY, not BOB, as the signer.
        byte[] forged = TranscriptForgery.forge(
                lines.subList(0, 7),
                Map.of(Direction.CLIENT_TO_SERVER, alice, Direction.SERVER_TO_CLIENT, mallory),
                t -> t.equals("hi") ? "x" : t,
                alice);
        TranscriptSummary s = TranscriptVerifier.create().verify(new ByteArrayInputStream(forged));
        assertThat(s.sessions().get(0).signer(Direction.SERVER_TO_CLIENT)).contains(mallory.fingerprint());
        assertThat(s.writer()).isEqualTo(alice.fingerprint());
    }

    @Test
    void reSigningTheWholeFileAsAnotherWriterFails() throws Exception {
        // MALLORY rewrites every line as its writer (to change timestamps or order): the lines
        // verify individually, but MALLORY signed neither direction of the session.
        List<String> forged = new ArrayList<>();
        String prev = TranscriptFormat.GENESIS;
        for (int i = 0; i < 7; i++) {
            Fields f = fields(lines.get(i));
            String text = f.m().containsKey("text") ? f.s("text") : null;
            String line = sign(
                    TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                            f.s("session"),
                            TranscriptFormat.direction(f.s("direction")),
                            f.n("seq"),
                            f.n("seen"),
                            "2000-01-01T00:00:00Z",
                            f.s("sender"),
                            f.s("sha256"),
                            text,
                            text == null ? f.s("base64") : null,
                            f.s("signer"),
                            f.s("signedData"),
                            f.s("signature"),
                            prev,
                            mallory.fingerprint().toString(),
                            mallory.publicIdentity().subjectPublicKeyInfo().base64())),
                    mallory);
            forged.add(line);
            prev = prevOf(line);
        }
        forged.add(sign(
                TranscriptFormat.unsigned(new TranscriptFormat.EndLine(
                        7,
                        "2000-01-01T00:00:00Z",
                        prev,
                        mallory.fingerprint().toString(),
                        mallory.publicIdentity().subjectPublicKeyInfo().base64())),
                mallory));
        TranscriptException e = failure(join(forged));
        // Line 2 is the first server-to-client message: from there the session's signers are known.
        assertThat(e.lineNumber()).isEqualTo(2);
        assertThat(e.reason()).isEqualTo(Reason.INCONSISTENT);

        // Only the client's messages that acknowledge none of the server's (here the first): nothing
        // ties the writer to the session, so the forgery verifies, and the summary names MALLORY as
        // the writer for the reader to reject. (ALICE's later messages say that she had seen BOB's,
        // so they cannot be kept without them.)
        List<String> onlyClient = new ArrayList<>();
        prev = TranscriptFormat.GENESIS;
        long count = 0;
        for (int i = 0; i < 7; i++) {
            Fields f = fields(lines.get(i));
            if (!f.s("direction").equals("client-to-server") || f.n("seen") != 0) {
                continue;
            }
            String text = f.m().containsKey("text") ? f.s("text") : null;
            String line = sign(
                    TranscriptFormat.unsigned(new TranscriptFormat.MessageLine(
                            f.s("session"),
                            Direction.CLIENT_TO_SERVER,
                            f.n("seq"),
                            f.n("seen"),
                            f.s("timestamp"),
                            f.s("sender"),
                            f.s("sha256"),
                            text,
                            text == null ? f.s("base64") : null,
                            f.s("signer"),
                            f.s("signedData"),
                            f.s("signature"),
                            prev,
                            mallory.fingerprint().toString(),
                            mallory.publicIdentity().subjectPublicKeyInfo().base64())),
                    mallory);
            onlyClient.add(line);
            prev = prevOf(line);
            count++;
        }
        onlyClient.add(sign(
                TranscriptFormat.unsigned(new TranscriptFormat.EndLine(
                        count,
                        "2000-01-01T00:00:00Z",
                        prev,
                        mallory.fingerprint().toString(),
                        mallory.publicIdentity().subjectPublicKeyInfo().base64())),
                mallory));
        TranscriptSummary s = TranscriptVerifier.create().verify(new ByteArrayInputStream(join(onlyClient)));
        assertThat(s.writer()).isEqualTo(mallory.fingerprint());
        assertThat(s.sessions().get(0).signer(Direction.CLIENT_TO_SERVER)).contains(alice.fingerprint());
        assertThat(count).isEqualTo(1);
    }
}
