package dev.marcom.swing;

import java.awt.Color;

/** What the status indicator shows; every state is reached only from what really happened. */
enum ConnectionStatus {
    IDLE("Idle", new Color(0x8A8F98)),
    GENERATING_KEYS("Preparing identity…", new Color(0xF2C94C)),
    LISTENING("Listening", new Color(0x6CA0FF)),
    CONNECTING("Connecting", new Color(0x6CA0FF)),
    CONNECTED("Connected", new Color(0x5FD38D)),
    CLOSED_BY_PEER("Closed by peer", new Color(0xC0C4CC)),
    STOPPED("Stopped", new Color(0x8A8F98)),
    CONNECTION_LOST("Connection lost", new Color(0xFF9F43)),
    SECURITY_FAILURE("Security failure", new Color(0xFF5C5C));

    private final String label;
    private final Color color;

    ConnectionStatus(String label, Color color) {
        this.label = label;
        this.color = color;
    }

    String label() {
        return label;
    }

    Color color() {
        return color;
    }

    /** Whether a session is being set up or running (the toggle then reads "Stop"). */
    boolean active() {
        return this == GENERATING_KEYS || this == LISTENING || this == CONNECTING || this == CONNECTED;
    }
}
