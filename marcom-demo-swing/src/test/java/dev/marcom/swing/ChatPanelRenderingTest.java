package dev.marcom.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marcom.Bytes;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.identity.Identity;
import dev.marcom.identity.TrustPolicy;
import dev.marcom.session.SessionConfig;
import dev.marcom.session.VerifiedMessage;
import dev.marcom.transport.InMemoryFrameChannel;
import dev.marcom.transport.SecureChannel;
import java.awt.AWTError;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the chat shows of a hostile peer's text: control characters, escape sequences and
 * bidirectional overrides escaped, and a message's lines inside its own bubble. Renders the
 * cells as the list does. Needs a display (the build runs with {@code java.awt.headless=false}):
 * skipped without one; CI runs it under Xvfb.
 */
@Timeout(60)
class ChatPanelRenderingTest {
    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final String FAKE = "line1\nSHA256:AAAAAAAA\u2026 #7: fake\r\nline3";
    private static final String SPOOFED_NAME = "abc\u202egnp.exe";
    private static final String INVISIBLE = "\u2067x\u2069\u200b\u00ad\u0000\u009b";

    private static final List<VerifiedMessage> received = new ArrayList<>();

    /** Genuine received messages, from a real session over an in-memory channel pair. */
    @BeforeAll
    static void receiveFromAHostilePeer() throws Exception {
        SecureRandom random = new SecureRandom();
        InMemoryFrameChannel.Pair pair = InMemoryFrameChannel.pair();
        SessionConfig mallory = SessionConfig.builder(
                        Identity.generate(SignatureAlgorithm.ED25519, random), TrustPolicy.acceptAny())
                .random(random)
                .build();
        SessionConfig us = SessionConfig.builder(Identity.generate(random), TrustPolicy.acceptAny())
                .random(random)
                .build();
        CompletableFuture<SecureChannel> server = CompletableFuture.supplyAsync(() -> {
            try {
                return SecureChannel.accept(pair.server(), us);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (SecureChannel m = SecureChannel.connect(pair.client(), mallory);
                SecureChannel s = server.get()) {
            for (String text : List.of(CLEAR_SCREEN, FAKE, SPOOFED_NAME, INVISIBLE, "caf\u00e9 <b>")) {
                m.send(text);
                received.add(s.receive().orElseThrow());
            }
        }
    }

    @Test
    void peerTextIsShownEscapedAndEachMessageKeepsItsLines() throws Exception {
        assumeDisplay();
        List<String> shown = onEdt(() -> {
            ChatPanel chat = new ChatPanel();
            for (VerifiedMessage m : received) {
                chat.add(new ChatEntry.Message(false, m, LocalTime.NOON, null, null));
            }
            chat.add(new ChatEntry.File(
                    false, SPOOFED_NAME, 2, Bytes.of(new byte[32]), SignatureAlgorithm.ML_DSA_65, LocalTime.NOON));
            return render(chat);
        });
        // One bubble per message: the fake header stays inside the second message's bubble.
        assertThat(shown).hasSize(received.size() + 1);
        for (String cell : shown) {
            assertThat(cell)
                    .doesNotContain(
                            "\u001b", "\u202e", "\u2067", "\u2069", "\u200b", "\u00ad", "\u0000", "\u009b", "\r", "\n",
                            "<b>");
        }
        assertThat(shown.get(0)).contains(">\\x1b[2J<").contains("#1");
        assertThat(shown.get(1))
                .contains(">line1<br>SHA256:AAAAAAAA\u2026 #7: fake<br>line3<")
                .contains("peer \u00b7 \u2714 Ed25519 signature verified \u00b7 #2 \u00b7");
        assertThat(shown.get(2)).contains(">abc\\u202egnp.exe<");
        assertThat(shown.get(3)).contains(">\\u2067x\\u2069\\u200b\\u00ad\\x00\\x9b<");
        assertThat(shown.get(4)).contains(">caf\u00e9 &lt;b&gt;<");
        assertThat(shown.get(5))
                .contains("abc\\u202egnp.exe (2 bytes)")
                .contains("\u2714 ML-DSA-65 file signature verified");
    }

    /** Skips the test unless AWT can really open the display (isHeadless() is forced false). */
    private static void assumeDisplay() {
        boolean display;
        try {
            display = !GraphicsEnvironment.isHeadless()
                    && GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices().length > 0;
        } catch (AWTError | HeadlessException e) {
            display = false;
        }
        Assumptions.assumeTrue(display, "needs a display (run under Xvfb)");
    }

    /** For each entry, the text of the labels its rendered cell shows. */
    private static List<String> render(ChatPanel chat) {
        JList<ChatEntry> list = find(chat, JList.class);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < list.getModel().getSize(); i++) {
            Component cell = list.getCellRenderer()
                    .getListCellRendererComponent(list, list.getModel().getElementAt(i), i, false, false);
            StringBuilder text = new StringBuilder();
            for (Component c : ((Container) cell).getComponents()) {
                if (c instanceof JLabel label) {
                    text.append(label.getText()).append(" | ");
                }
            }
            cells.add(text.toString());
        }
        return cells;
    }

    @SuppressWarnings("unchecked")
    private static <T> T find(Container root, Class<? super T> type) {
        for (Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                return (T) c;
            }
            if (c instanceof Container inner) {
                T found = find(inner, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private interface EdtCall<T> {
        T call() throws Exception;
    }

    private static <T> T onEdt(EdtCall<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
