package dev.marcom.swing;

import dev.marcom.CipherSuite;
import java.nio.file.Path;

/**
 * What the user chose in the connection panel.
 *
 * @param server true to listen, false to connect
 * @param host the address to connect to (client) or bind to (server)
 * @param port the TCP port (0 lets a server pick one)
 * @param home the identity home directory
 * @param receiveDir where verified received files are saved
 * @param revealSecrets whether the console shows session keys
 * @param suite the only suite this side offers (client) or accepts (server)
 */
record Settings(
        boolean server, String host, int port, Path home, Path receiveDir, boolean revealSecrets, CipherSuite suite) {}
