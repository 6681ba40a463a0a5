package dev.marcom.internal.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One Wycheproof JSON file read from the test class path ({@code /wycheproof/NAME}), with the
 * helpers the vector tests share. See {@code src/test/resources/wycheproof/README.md} for the
 * origin and licence of the files.
 */
final class WycheproofFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final JsonNode root;

    private WycheproofFile(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** Reads {@code /wycheproof/<name>} from the class path; fails loudly if it is missing. */
    static WycheproofFile load(String name) {
        String resource = "/wycheproof/" + name;
        try (InputStream in = WycheproofFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test vectors not on the class path: " + resource);
            }
            return new WycheproofFile(name, MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    String name() {
        return name;
    }

    String algorithm() {
        return root.path("algorithm").asText();
    }

    /** The file's own count of test cases, to check that every one was read. */
    int numberOfTests() {
        return root.path("numberOfTests").asInt(-1);
    }

    List<JsonNode> groups() {
        List<JsonNode> groups = new ArrayList<>();
        root.path("testGroups").forEach(groups::add);
        return groups;
    }

    /** Decodes a (possibly empty) lowercase or uppercase hex string. */
    static byte[] hex(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("expected a hex string, got " + node);
        }
        return HEX.parseHex(node.asText());
    }

    static List<String> flags(JsonNode test) {
        List<String> flags = new ArrayList<>();
        test.path("flags").forEach(f -> flags.add(f.asText()));
        return List.copyOf(flags);
    }

    /** The Wycheproof verdict of one test case. */
    enum Result {
        VALID,
        INVALID,
        ACCEPTABLE;

        static Result of(JsonNode test) {
            String r = test.path("result").asText();
            switch (r) {
                case "valid":
                    return VALID;
                case "invalid":
                    return INVALID;
                case "acceptable":
                    return ACCEPTABLE;
                default:
                    throw new IllegalArgumentException("unknown Wycheproof result: " + r);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A readable display name: {@code tcId 41 [invalid] Flipped bit 0 in tag (ModifiedTag)}. */
    static String label(int tcId, Result result, String comment, List<String> flags) {
        StringBuilder sb = new StringBuilder("tcId ")
                .append(tcId)
                .append(" [")
                .append(result)
                .append(']');
        if (!comment.isEmpty()) {
            sb.append(' ').append(comment);
        }
        if (!flags.isEmpty()) {
            sb.append(" (").append(String.join(", ", flags)).append(')');
        }
        return sb.toString();
    }
}
