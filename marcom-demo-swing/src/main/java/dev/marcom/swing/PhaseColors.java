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
            case X25519 -> new Color(0x4FB0C6);
            case ML_KEM -> new Color(0xB39DDB);
            case ED25519 -> new Color(0xFF7A7A);
            case ML_DSA -> new Color(0xE86BB3);
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
            case X25519 -> "X25519";
            case ML_KEM -> "ML-KEM-768 (X-Wing)";
            case ED25519 -> "Ed25519";
            case ML_DSA -> "ML-DSA-65";
        };
    }
}
