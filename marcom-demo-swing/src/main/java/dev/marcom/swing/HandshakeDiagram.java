package dev.marcom.swing;

import dev.marcom.CipherSuite;
import dev.marcom.SignatureAlgorithm;
import dev.marcom.trace.HandshakeMessageType;
import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link HandshakeView} draws, built from the core's typed trace events alone: rows (a
 * phase's header, an arrow per handshake message with its size on the wire, a note per check this
 * side performed) and the bands that group them into handshake phases, as {@link
 * TraceEvent.PhaseStarted} and {@link TraceEvent.PhaseEnded} delimit them. Headers and band colours
 * follow what was used: the key transport of the negotiated suite ({@link
 * TraceEvent.Negotiated}), the signature algorithm of each handshake signature. No Swing here; it
 * never parses text.
 */
final class HandshakeDiagram {

    /** The kinds of row. */
    enum Kind {
        HEADER,
        ARROW,
        NOTE
    }

    /**
     * One row: a band's header, an arrow (sent by this side if {@code outbound}) or a note.
     *
     * @param kind what the row is
     * @param outbound for an arrow, whether this side sent the message
     * @param label the text shown
     * @param phase the colour
     */
    record Row(Kind kind, boolean outbound, String label, Phase phase) {}

    /**
     * A handshake phase: its header row, the first row after it ({@code end}, -1 while open), and
     * whether it failed.
     */
    record Band(HandshakePhase phase, int header, int end, boolean failed) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    /** The negotiated suite, once known. */
    private CipherSuite suite;
    /** The signature algorithms seen in the open band, in order. */
    private final Set<SignatureAlgorithm> bandAlgorithms = new LinkedHashSet<>();
    /** The size of the last handshake frame received, until its message is parsed. */
    private TraceEvent.FrameTransferred received;
    /** The row of the last message this side built, until its frame is written. */
    private int sentRow = -1;

    private HandshakeMessageType sentType;

    /** Forgets everything, for a new session. */
    void clear() {
        rows.clear();
        bands.clear();
        suite = null;
        bandAlgorithms.clear();
        received = null;
        sentRow = -1;
        sentType = null;
    }

    /**
     * Adds what {@code event} shows, if anything.
     *
     * @return whether the diagram changed
     */
    boolean add(TraceEvent event) {
        if (event instanceof TraceEvent.Negotiated n) {
            suite = n.suite();
            return false;
        }
        if (event instanceof TraceEvent.PhaseStarted p) {
            bandAlgorithms.clear();
            bands.add(new Band(p.handshakePhase(), rows.size(), -1, false));
            rows.add(new Row(Kind.HEADER, false, label(p.handshakePhase()), color(p.handshakePhase())));
            return true;
        }
        if (event instanceof TraceEvent.PhaseEnded p) {
            int last = bands.size() - 1;
            if (last < 0 || bands.get(last).end() >= 0 || bands.get(last).phase() != p.handshakePhase()) {
                return false;
            }
            Band open = bands.get(last);
            bands.set(last, new Band(open.phase(), open.header(), rows.size(), p.outcome() == PhaseOutcome.FAILED));
            return true;
        }
        if (event instanceof TraceEvent.FrameTransferred f) {
            return frame(f);
        }
        if (event instanceof TraceEvent.Signature s && s.subject().handshake()) {
            signatureInBand(s.algorithm());
        }
        Row row = toRow(event);
        if (row == null) {
            return false;
        }
        if (event instanceof TraceEvent.HandshakeMessage m && m.outbound()) {
            sentRow = rows.size();
            sentType = m.type();
        }
        rows.add(row);
        return true;
    }

    /**
     * A handshake frame's size: a received one is kept for the message parsed from it (reported
     * next); a sent one completes the arrow of the message just built (reported before it).
     */
    private boolean frame(TraceEvent.FrameTransferred f) {
        if (!f.outbound()) {
            received = f;
            return false;
        }
        if (sentRow < 0 || !sentType.name().equals(f.frameType())) {
            return false;
        }
        Row arrow = rows.get(sentRow);
        rows.set(sentRow, new Row(arrow.kind(), arrow.outbound(), sized(sentType, f.bytes()), arrow.phase()));
        sentRow = -1;
        sentType = null;
        return true;
    }

    /** An arrow's label: the message's name and its frame's size, header included. */
    static String sized(HandshakeMessageType type, int bytes) {
        return type.protocolName() + " (" + String.format(Locale.ROOT, "%,d", bytes) + " bytes)";
    }

    /** An authentication band is named and coloured after the signature algorithms used in it. */
    private void signatureInBand(SignatureAlgorithm algorithm) {
        int last = bands.size() - 1;
        if (last < 0 || bands.get(last).end() >= 0 || bands.get(last).phase() != HandshakePhase.AUTHENTICATION) {
            return;
        }
        if (bandAlgorithms.add(algorithm)) {
            int header = bands.get(last).header();
            Phase color = Phase.of(bandAlgorithms.iterator().next());
            rows.set(header, new Row(Kind.HEADER, false, label(HandshakePhase.AUTHENTICATION), color));
        }
    }

    /** The rows, in order. */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The bands, in order. */
    List<Band> bands() {
        return List.copyOf(bands);
    }

    /** The labels of the arrows and notes, in order. */
    List<String> labels() {
        return rows.stream()
                .filter(r -> r.kind() != Kind.HEADER)
                .map(Row::label)
                .toList();
    }

    /**
     * A band's name in the margin: the key transport names the negotiated suite's mechanism, an
     * authentication band the signature algorithms used in it so far.
     */
    String label(HandshakePhase phase) {
        return switch (phase) {
            case NEGOTIATION -> "Negotiation";
            case KEY_TRANSPORT -> "Key transport: " + (suite == null ? "KEM" : suite.keyTransport());
            case AUTHENTICATION ->
                "Authentication: "
                        + bandAlgorithms.stream()
                                .map(a -> a.displayName() + ", ")
                                .collect(Collectors.joining())
                        + "trust";
            case KEY_CONFIRMATION -> "Key confirmation (Finished)";
            case KEY_DERIVATION -> "Key derivation (HKDF)";
        };
    }

    /**
     * A band takes the colour of the primitive that does its work: the negotiated suite's key
     * transport ({@link Phase#of(CipherSuite)}), the signature algorithm of an authentication band
     * once one of its signatures is seen (until then the trust decision's colour).
     */
    Phase color(HandshakePhase phase) {
        return switch (phase) {
            case NEGOTIATION, KEY_CONFIRMATION -> Phase.KEY_EXCHANGE;
            case KEY_TRANSPORT -> suite == null ? Phase.KEY_EXCHANGE : Phase.of(suite);
            case AUTHENTICATION ->
                bandAlgorithms.isEmpty()
                        ? Phase.KEY_EXCHANGE
                        : Phase.of(bandAlgorithms.iterator().next());
            case KEY_DERIVATION -> Phase.AES_GCM;
        };
    }

    private static Row note(String label, Phase phase) {
        return new Row(Kind.NOTE, false, label, phase);
    }

    private Row toRow(TraceEvent event) {
        if (event instanceof TraceEvent.HandshakeMessage m) {
            String label = m.type().protocolName();
            if (!m.outbound()
                    && received != null
                    && received.frameType().equals(m.type().name())) {
                label = sized(m.type(), received.bytes());
            }
            received = null;
            return new Row(Kind.ARROW, m.outbound(), label, Phase.KEY_EXCHANGE);
        } else if (event instanceof TraceEvent.KemKeyGenerated e) {
            return note("fresh " + e.mechanism() + " key (" + e.publicKey().length() + " bytes)", e.phase());
        } else if (event instanceof TraceEvent.KemValueValidated e) {
            return note("✔ validated " + TraceText.name(e.which(), e.phase()), e.phase());
        } else if (event instanceof TraceEvent.KemEncapsulation e) {
            return note(
                    e.outbound()
                            ? "encrypt secret: c1 (" + e.c1().length() + " bytes), c2 = AEAD"
                            : "decrypt secret from c1, c2",
                    e.phase());
        } else if (event instanceof TraceEvent.Signature s && s.subject().handshake()) {
            String alg = s.algorithm().displayName();
            return note(
                    (s.outbound() ? alg + " sign: " : "✔ " + alg + " verify: ")
                            + TraceText.name(s.subject(), s.sequence()),
                    s.phase());
        } else if (event instanceof TraceEvent.FinishedMac f) {
            return note(
                    (f.outbound() ? "Finished MAC (" : "✔ Finished MAC (")
                            + f.of().name().toLowerCase(Locale.ROOT) + ")",
                    Phase.KEY_EXCHANGE);
        } else if (event instanceof TraceEvent.PeerTrusted p) {
            return note("✔ trusted " + p.fingerprint().toString().substring(0, 19) + "…", Phase.KEY_EXCHANGE);
        } else if (event instanceof TraceEvent.KeysDerived) {
            return note("traffic keys derived (HKDF), one per direction", Phase.AES_GCM);
        } else if (event instanceof TraceEvent.HandshakeCompleted) {
            return note("✔ secure session established", Phase.AES_GCM);
        } else if (event instanceof TraceEvent.Failure f) {
            return note("✘ " + f.reason(), f.phase());
        }
        return null;
    }
}
