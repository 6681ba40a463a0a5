package dev.marcom.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the facts of the JVM and machine a run used ({@code env.json}): Java version and vendor,
 * CPU model (from {@code /proc/cpuinfo}, as {@code lscpu} shows it), core count, run mode.
 *
 * <p>Usage: {@code Env MODE --out env.json}
 */
public final class Env {
    private Env() {}

    public static void main(String[] args) throws IOException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("mode", args[0]);
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("javaRuntime", System.getProperty("java.runtime.version"));
        env.put("javaVendor", System.getProperty("java.vendor"));
        env.put("javaVm", System.getProperty("java.vm.name"));
        env.put("javaHome", System.getProperty("java.home"));
        env.put("cpu", cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("date", java.time.Instant.now().toString());
        dev.marcom.bench.Result.writeJson(Path.of(args[2]), env);
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
