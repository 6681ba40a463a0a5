package dev.marcom.swing;

import dev.marcom.trace.Phase;
import java.awt.Color;

/** One colour per protocol phase, shared by the console, the legend and the handshake view. */
final class PhaseColors {
    private PhaseColors() {}

    static Color of(Phase phase) {
        return switch (phase) {
            case NETWORK -> new Color(0x6CA0FF);
            case KEY_EXCHANGE -> new Color(0xD58CFF);
            case ELGAMAL -> new Color(0xF2C94C);
            case AES_GCM -> new Color(0x5FD38D);
            case SHA256 -> new Color(0x56CCF2);
            case DSA -> new Color(0xFF9F43);
        };
    }

    static String label(Phase phase) {
        return switch (phase) {
            case NETWORK -> "Network";
            case KEY_EXCHANGE -> "Key exchange";
            case ELGAMAL -> "ElGamal";
            case AES_GCM -> "AES-GCM";
            case SHA256 -> "SHA-256";
            case DSA -> "DSA";
        };
    }
}
