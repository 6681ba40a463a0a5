package dev.marcom.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of one run, drawn headless with JFreeChart. */
final class Charts {
    static final int[] SIZES = {64, 1024, 16384, 1048576};

    private Charts() {}

    /** A line of the throughput chart: a label and the figure per message size. */
    record Line(String label, String benchmark, Map<String, String> params) {}

    static final List<Line> THROUGHPUT = List.of(
            new Line("raw JDK AES-GCM (limit)", "RawAesGcmBench.sealOpen", Map.of()),
            new Line("MARCOM records, AEAD part", "RecordAeadBench.sealOpen", Map.of()),
            new Line("TLS 1.3 SSLEngine wrap+unwrap", "TlsEngineBench.wrapUnwrap", Map.of()),
            new Line("MARCOM seal+open, classic (DSA-2048)", "SessionRecordBench.sealOpen", Map.of("suite", "classic")),
            new Line(
                    "MARCOM seal+open, classic-3072 (DSA-3072)",
                    "SessionRecordBench.sealOpen",
                    Map.of("suite", "classic-3072")),
            new Line("MARCOM seal+open, modern (Ed25519)", "SessionRecordBench.sealOpen", Map.of("suite", "modern")),
            new Line("MARCOM seal+open, pq (ML-DSA-65)", "SessionRecordBench.sealOpen", Map.of("suite", "pq")));

    /** Throughput (MB/s) by message size, log-log, for MARCOM, TLS 1.3 and the limit. */
    static void throughput(Results r, String jdk, File file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : THROUGHPUT) {
            XYSeries s = new XYSeries(line.label());
            for (int size : SIZES) {
                Map<String, String> p = new java.util.HashMap<>(line.params());
                p.put("size", Integer.toString(size));
                Optional<Results.Entry> e = r.find(line.benchmark(), p);
                e.ifPresent(x -> s.add(size, x.score().median() * size / 1e6));
            }
            if (s.getItemCount() > 0) {
                data.addSeries(s);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Seal + open throughput by message size, in memory (" + jdk + ")",
                "message size (bytes)",
                "MB/s (10^6 bytes/s of plaintext)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("message size");
        x.setBase(2);
        x.setSmallestValue(32);
        x.setAutoTickUnitSelection(false);
        x.setTickUnit(new NumberTickUnit(2));
        x.setNumberFormatOverride(new SizeFormat());
        plot.setDomainAxis(x);
        plot.setRangeAxis(decades("MB/s (10^6 bytes/s of plaintext, log)"));
        style(plot);
        ChartUtils.saveChartAsPNG(file, chart, 900, 560);
    }

    /** Throughput of 1 MiB seal+open per 250 ms window from a fresh JVM. */
    static void cold(Results r, String jdk, File file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (JsonNode c : r.cold()) {
            XYSeries s = new XYSeries(c.path("subject").asText());
            for (JsonNode w : c.path("timeline")) {
                s.add(w.get(0).asDouble(), Math.max(w.get(1).asDouble(), 0.01));
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Cold start: 1 MiB seal+open from a fresh JVM (" + jdk + ")",
                "seconds since first op",
                "MB/s per 250 ms window",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(decades("MB/s per 250 ms window (log)"));
        style(plot);
        ((XYLineAndShapeRenderer) plot.getRenderer()).setDefaultShapesVisible(false);
        ChartUtils.saveChartAsPNG(file, chart, 900, 480);
    }

    /** The three loopback figures, each as bars per transport. */
    static void net(Results r, String jdk, File file) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String[][] figures = {
            {"net.bulk", "bulk 256 MiB (% of plain)"},
            {"net.pingPong", "1 KiB ping-pong (% of plain)"},
            {"net.handshake", "handshakes (% of TLS 1.3)"}
        };
        for (String[] f : figures) {
            String base = f[0].equals("net.handshake") ? "tls13" : "plain";
            Optional<Results.Entry> b = r.find(f[0], Map.of("transport", base));
            for (String t : new String[] {"marcom", "tls13", "plain"}) {
                if (f[0].equals("net.handshake") && t.equals("plain")) {
                    continue; // a TCP connect is two orders of magnitude off this scale
                }
                Optional<Results.Entry> e = r.find(f[0], Map.of("transport", t));
                if (e.isPresent() && b.isPresent()) {
                    data.addValue(
                            100 * e.get().score().median() / b.get().score().median(), t, f[1]);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "Over loopback sockets (" + jdk + ")",
                null,
                "% of the baseline",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file, chart, 900, 480);
    }

    /** A log axis with one labelled tick per decade, in plain numbers. */
    private static LogAxis decades(String label) {
        LogAxis y = new LogAxis(label);
        y.setSmallestValue(0.01);
        y.setAutoTickUnitSelection(false);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
        return y;
    }

    /** Formats byte counts as 64 B, 1 KiB, 1 MiB. */
    private static final class SizeFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double v, StringBuffer b, FieldPosition pos) {
            return format(Math.round(v), b, pos);
        }

        @Override
        public StringBuffer format(long v, StringBuffer b, FieldPosition pos) {
            return b.append(v >= 1 << 20 ? (v >> 20) + " MiB" : v >= 1024 ? (v >> 10) + " KiB" : v + " B");
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Color[] COLORS = {
        new Color(0x444444),
        new Color(0x1f77b4),
        new Color(0x2ca02c),
        new Color(0xd62728),
        new Color(0x9467bd),
        new Color(0xff7f0e)
    };

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 6; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, COLORS[i]);
        }
        plot.setRenderer(renderer);
    }
}
