package dev.marcom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 47188, 127.0.0.1:47188",
        "::1, 30000, [::1]:30000",
        "::, 1, [::]:1",
        "fe80::1:0:0:2, 9, [fe80::1:0:0:2]:9",
        "2001:db8:0:0:1:0:0:1, 5, [2001:db8::1:0:0:1]:5",
        "2001:db8:0:1:1:1:1:1, 5, [2001:db8:0:1:1:1:1:1]:5",
        "1:0:0:2:0:0:0:3, 5, [1:0:0:2::3]:5"
    })
    void socketAddressesAreWrittenAsPeopleWriteThem(String ip, int port, String expected) throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName(ip), port);
        assertThat(a.toString()).startsWith("/"); // what Java would print
        assertThat(Addresses.format(a)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"localhost, 1, localhost:1", "::1, 2, [::1]:2", "10.0.0.1, 3, 10.0.0.1:3"})
    void hostsAsTyped(String host, int port, String expected) {
        assertThat(Addresses.format(host, port)).isEqualTo(expected);
    }
}
