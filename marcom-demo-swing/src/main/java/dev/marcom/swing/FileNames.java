package dev.marcom.swing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a peer-supplied file name into a safe, fresh name inside the receive directory. */
final class FileNames {
  private FileNames() {
  }

  /** Keeps the last path element, drops control and separator characters, never empty or dotted. */
  static String sanitize(String name) {
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < base.length() && b.length() < 120; i++) {
      char c = base.charAt(i);
      b.append(Character.isISOControl(c) || c == ':' ? '_' : c);
    }
    String s = b.toString().strip();
    while (s.startsWith(".")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? "received-file" : s;
  }

  /** {@code dir/name}, or {@code dir/name (n)} if that exists. */
  static Path unique(Path dir, String name) {
    Path p = dir.resolve(name);
    for (int n = 1; Files.exists(p); n++) {
      p = dir.resolve(name + " (" + n + ")");
    }
    return p;
  }
}
