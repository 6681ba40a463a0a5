package dev.marcom.swing;

import dev.marcom.identity.SafetyNumber;
import dev.marcom.transport.SecureChannel;

/** The session's safety number as shown to the user: 12 groups of 5 digits. */
final class SafetyNumbers {
    private SafetyNumbers() {}

    static String of(SecureChannel channel) {
        return SafetyNumber.of(channel.session().localIdentity(), channel.peer())
                .toString();
    }
}
