package dev.marcom.cli;

import java.time.Duration;

/** Durations as the CLI prints them: "30 s", "1.5 s". */
final class Seconds {
    private Seconds() {}

    static String format(Duration d) {
        long ms = d.toMillis();
        return (ms % 1000 == 0
                        ? Long.toString(ms / 1000)
                        : java.math.BigDecimal.valueOf(ms, 3)
                                .stripTrailingZeros()
                                .toPlainString())
                + " s";
    }
}
