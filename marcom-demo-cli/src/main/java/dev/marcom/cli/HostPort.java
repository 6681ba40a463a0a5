package dev.marcom.cli;

/** A {@code HOST[:PORT]} argument ({@code [v6addr]:port} for IPv6), as typed. */
record HostPort(String host, int port) {
    static final int DEFAULT_PORT = 30000;

    /** @throws IllegalArgumentException if the text is not HOST[:PORT] with a port in 1..65535 */
    static HostPort parse(String text) {
        String t = text.strip();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in " + text);
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("expected :PORT after ] in " + text);
                }
                port = t.substring(close + 2);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') != colon) {
                host = t; // a bare IPv6 address
            } else if (colon >= 0) {
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            } else {
                host = t;
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("missing host in " + text);
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port must be a number in " + text);
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port must be 1..65535 in " + text);
            }
        }
        return new HostPort(host, p);
    }

    /** The address as known_peers keys it: host:port (brackets around IPv6). */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
