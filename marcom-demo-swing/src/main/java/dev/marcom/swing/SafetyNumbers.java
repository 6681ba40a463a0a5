package dev.marcom.swing;

import dev.marcom.transport.SecureChannel;

/** The session's safety number as shown to the user. */
final class SafetyNumbers {
  private SafetyNumbers() {
  }

  static String of(SecureChannel channel) {
    return channel.session().sessionId().abbreviated(4);
  }
}
