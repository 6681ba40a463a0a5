package dev.marcom.swing;

import dev.marcom.trace.HandshakePhase;
import dev.marcom.trace.Phase;
import dev.marcom.trace.PhaseOutcome;
import dev.marcom.trace.TraceEvent;
import dev.marcom.trace.TraceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link HandshakeView} draws, built from the core's typed trace events alone: rows (a
 * phase's header, an arrow per handshake message, a note per check this side performed) and the
 * bands that group them into handshake phases, as {@link TraceEvent.PhaseStarted} and {@link
 * TraceEvent.PhaseEnded} delimit them. No Swing here; it never parses text.
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

    /** Forgets everything, for a new session. */
    void clear() {
        rows.clear();
        bands.clear();
    }

    /**
     * Adds what {@code event} shows, if anything.
     *
     * @return whether the diagram changed
     */
    boolean add(TraceEvent event) {
        if (event instanceof TraceEvent.PhaseStarted p) {
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
        Row row = toRow(event);
        if (row == null) {
            return false;
        }
        rows.add(row);
        return true;
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

    /** A band's name in the margin. */
    static String label(HandshakePhase phase) {
        return switch (phase) {
            case NEGOTIATION -> "Negotiation";
            case KEY_TRANSPORT -> "Key transport (ElGamal)";
            case AUTHENTICATION -> "Authentication (DSA, trust)";
            case KEY_CONFIRMATION -> "Key confirmation (Finished)";
            case KEY_DERIVATION -> "Key derivation (HKDF)";
        };
    }

    /** A band takes the colour of the primitive that does its work. */
    static Phase color(HandshakePhase phase) {
        return switch (phase) {
            case NEGOTIATION, KEY_CONFIRMATION -> Phase.KEY_EXCHANGE;
            case KEY_TRANSPORT -> Phase.ELGAMAL;
            case AUTHENTICATION -> Phase.DSA;
            case KEY_DERIVATION -> Phase.AES_GCM;
        };
    }

    private static Row note(String label, Phase phase) {
        return new Row(Kind.NOTE, false, label, phase);
    }

    private static Row toRow(TraceEvent event) {
        if (event instanceof TraceEvent.HandshakeMessage m) {
            return new Row(Kind.ARROW, m.outbound(), m.type().protocolName(), Phase.KEY_EXCHANGE);
        } else if (event instanceof TraceEvent.ElGamalKeyGenerated e) {
            return note("fresh ElGamal key y = g^x (" + e.group() + ")", Phase.ELGAMAL);
        } else if (event instanceof TraceEvent.ElGamalValueValidated e) {
            return note("✔ validated " + TraceText.name(e.which()), Phase.ELGAMAL);
        } else if (event instanceof TraceEvent.ElGamalEncapsulation e) {
            return note(
                    e.outbound() ? "encrypt secret: c1 = g^r, c2 = AEAD" : "decrypt secret from c1, c2", Phase.ELGAMAL);
        } else if (event instanceof TraceEvent.Signature s && s.subject().handshake()) {
            return note(
                    (s.outbound() ? "DSA sign: " : "✔ DSA verify: ") + TraceText.name(s.subject(), s.sequence()),
                    Phase.DSA);
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
