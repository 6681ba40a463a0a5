package dev.marcom.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Byte sizes as the CLI reads ("100M", "1G", "512K", "4096") and prints them ("1 MiB"). */
final class Sizes {
    private Sizes() {}

    static String format(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long v = bytes;
        while (u < units.length - 1 && v >= 1024 && v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    /** Reads {@code 4096}, {@code 512K}, {@code 100M}, {@code 1G} (binary units). */
    static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toUpperCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G") || v.endsWith("T")) {
                unit = 1L << (10 * ("KMGT".indexOf(v.charAt(v.length() - 1)) + 1));
                v = v.substring(0, v.length() - 1);
            }
            try {
                long n = Long.parseLong(v);
                if (n < 0 || n > Long.MAX_VALUE / unit) {
                    throw new NumberFormatException();
                }
                return n * unit;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a size (e.g. 4096, " + "512K, 100M, 1G)");
            }
        }
    }
}
