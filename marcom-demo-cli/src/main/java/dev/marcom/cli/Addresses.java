package dev.marcom.cli;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Addresses as people write them: {@code 127.0.0.1:47188} and {@code [::1]:47188}, never Java's
 * {@code /127.0.0.1:47188} or {@code /0:0:0:0:0:0:0:1:47188}.
 */
final class Addresses {
    private Addresses() {}

    /** {@code host:port} for a socket address (the literal IP when there is no host name). */
    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a)) {
            return String.valueOf(address);
        }
        InetAddress ip = a.getAddress();
        String host = ip instanceof Inet6Address ? compress(ip.getHostAddress()) : a.getHostString();
        return format(host, a.getPort());
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    static String format(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The RFC 5952 text of an IPv6 address from Java's uncompressed form: the longest run of two or
     * more zero groups (the first if tied) becomes {@code ::}. A {@code %scope} suffix is kept.
     */
    static String compress(String ipv6) {
        int percent = ipv6.indexOf('%');
        String scope = percent < 0 ? "" : ipv6.substring(percent);
        String[] groups = (percent < 0 ? ipv6 : ipv6.substring(0, percent)).split(":", -1);
        if (groups.length != 8) {
            return ipv6;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j].replace("0", "").isEmpty()) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(groups[i].replaceFirst("^0+(?=.)", "").toLowerCase(java.util.Locale.ROOT));
        }
        return b + scope;
    }
}
