package fr.einvoicing.adoption.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The benchmark's figures side by side: the product, the bare engine (mean of its runs, with their
 * range), their ratio and the target, as a table, a CSV file and an HTML chart of the ratios.
 */
final class BenchmarkReport {

    /** One line of the table; {@code higherIsBetter} says which way the target goes. */
    record Line(
            String phase,
            String unit,
            double product,
            double bareMean,
            double bareMin,
            double bareMax,
            String target,
            Boolean met) {

        double ratio() {
            return bareMean == 0 ? Double.NaN : product / bareMean;
        }
    }

    private final int customers;
    private final List<Line> lines = new ArrayList<>();

    BenchmarkReport(int customers, Properties product, List<Properties> bare) {
        this.customers = customers;
        lines.add(new Line(
                "import (CSV over the API)", "rows/s", value(product, "importRowsPerSecond"), 0, 0, 0, "", null));
        ratioLine(
                "launch: approval to every letter at the SMTP server",
                "customers/s",
                product,
                "launchPerSecond",
                bare,
                "startsPerSecond",
                0.5);
        ratioLine(
                "answers on the response page, in the process",
                "answers/s",
                product,
                "answersPerSecond",
                bare,
                "correlationsPerSecond",
                0.7);
        ratioLine(
                "deadline: tacit acceptances from the deadline",
                "customers/s",
                product,
                "timersPerSecond",
                bare,
                "timersPerSecond",
                0.7);
        double firstDelay = value(product, "firstTimerDelayMillis");
        absoluteLine(
                "first tacit acceptance after the deadline",
                "ms",
                firstDelay,
                bare,
                "firstTimerDelayMillis",
                "<= 2000 ms",
                firstDelay <= 2000);
        double bytesPerCustomer = value(product, "databaseBytes") / customers / 1024;
        absoluteLine(
                "database per customer",
                "KB",
                bytesPerCustomer,
                perCustomer(bare, "databaseBytes", 1024),
                "<= 40 KB",
                bytesPerCustomer <= 40);
        absoluteLine(
                "database rows per customer",
                "rows",
                value(product, "databaseRows") / customers,
                perCustomer(bare, "databaseRows", 1),
                "",
                null);
        absoluteLine(
                "peak heap in use (-Xmx512m)",
                "MB",
                value(product, "peakHeapBytes") / 1024 / 1024,
                perCustomer(bare, "peakHeapBytes", 1024.0 * 1024 / customers),
                "",
                null);
        double kept = value(product, "heapAfterCollectionBytes") / 1024 / 1024;
        absoluteLine(
                "heap kept after a collection (highest)",
                "MB",
                kept,
                perCustomer(bare, "heapAfterCollectionBytes", 1024.0 * 1024 / customers),
                "< 512 MB",
                kept < 512);
        absoluteLine(
                "peak resident memory (RSS)",
                "MB",
                value(product, "peakRssBytes") / 1024 / 1024,
                perCustomer(bare, "peakRssBytes", 1024.0 * 1024 / customers),
                "",
                null);
    }

    private void ratioLine(
            String phase,
            String unit,
            Properties product,
            String productKey,
            List<Properties> bare,
            String bareKey,
            double target) {
        double[] b = stats(bare, bareKey, 1);
        double ratio = value(product, productKey) / b[0];
        lines.add(new Line(
                phase,
                unit,
                value(product, productKey),
                b[0],
                b[1],
                b[2],
                String.format(Locale.ROOT, ">= %.1f x bare", target),
                ratio >= target));
    }

    private void absoluteLine(
            String phase, String unit, double product, List<Properties> bare, String key, String target, Boolean met) {
        absoluteLine(phase, unit, product, stats(bare, key, 1), target, met);
    }

    private void absoluteLine(String phase, String unit, double product, double[] bare, String target, Boolean met) {
        lines.add(new Line(phase, unit, product, bare[0], bare[1], bare[2], target, met));
    }

    /** Per-customer figures of the bare runs: the value divided by customers x unit. */
    private double[] perCustomer(List<Properties> bare, String key, double unit) {
        return stats(bare, key, customers * unit);
    }

    private static double[] stats(List<Properties> runs, String key, double divisor) {
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Properties run : runs) {
            double v = value(run, key) / divisor;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {sum / runs.size(), min, max};
    }

    private static double value(Properties figures, String key) {
        return Double.parseDouble(figures.getProperty(key, "0"));
    }

    List<Line> lines() {
        return lines;
    }

    void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%n%d customers, %s, %d cores; bare engine: mean of %s runs (range)%n",
                customers,
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                "2");
        out.printf(
                Locale.ROOT,
                "%-54s %-12s %10s %22s %7s  %-16s %s%n",
                "phase",
                "unit",
                "product",
                "bare engine",
                "ratio",
                "target",
                "");
        for (Line line : lines) {
            out.printf(
                    Locale.ROOT,
                    "%-54s %-12s %10s %22s %7s  %-16s %s%n",
                    line.phase(),
                    line.unit(),
                    number(line.product()),
                    line.bareMean() == 0
                            ? "-"
                            : number(line.bareMean()) + " (" + number(line.bareMin()) + "-" + number(line.bareMax())
                                    + ")",
                    line.bareMean() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", line.ratio()),
                    line.target(),
                    line.met() == null ? "" : line.met() ? "met" : "NOT MET");
        }
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("phase,unit,product,bare_mean,bare_min,bare_max,ratio,target,met\n");
        for (Line line : lines) {
            csv.append(String.format(
                    Locale.ROOT,
                    "\"%s\",%s,%.3f,%.3f,%.3f,%.3f,%.3f,\"%s\",%s%n",
                    line.phase(),
                    line.unit(),
                    line.product(),
                    line.bareMean(),
                    line.bareMin(),
                    line.bareMax(),
                    line.bareMean() == 0 ? Double.NaN : line.ratio(),
                    line.target(),
                    line.met() == null ? "" : line.met()));
        }
        Files.writeString(file, csv);
    }

    /** A bar per phase: the product's speed as a share of the bare engine's, the target marked. */
    void writeChart(Path file) throws IOException {
        List<Line> ratios =
                lines.stream().filter(l -> l.target().contains("x bare")).toList();
        int barHeight = 44;
        int width = 900;
        int left = 380;
        int scale = 400; // pixels for a ratio of 1.0
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='14'>",
                width,
                60 + ratios.size() * barHeight));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1='%d' y1='20' x2='%d' y2='%d' stroke='#333'/><text x='%d' y='14'>bare engine = 1.0</text>",
                left + scale,
                left + scale,
                30 + ratios.size() * barHeight,
                left + scale - 50));
        int y = 30;
        for (Line line : ratios) {
            double ratio = Math.min(1.5, line.ratio());
            double target = Double.parseDouble(line.target().replaceAll("[^0-9.]", ""));
            svg.append(String.format(Locale.ROOT, "<text x='0' y='%d'>%s</text>", y + 20, escape(line.phase())));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x='%d' y='%d' width='%d' height='26' fill='%s'/>",
                    left,
                    y + 4,
                    (int) (ratio * scale),
                    line.met() ? "#2e7d32" : "#c62828"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#000' stroke-dasharray='4 3' stroke-width='2'/>",
                    left + (int) (target * scale),
                    y,
                    left + (int) (target * scale),
                    y + 34));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d'>%.2f</text>",
                    left + (int) (ratio * scale) + 6,
                    y + 22,
                    line.ratio()));
            y += barHeight;
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder(
                "<table><tr><th>phase</th><th>unit</th><th>product</th><th>bare engine</th><th>ratio</th><th>target</th></tr>");
        for (Line line : lines) {
            table.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td></tr>",
                    escape(line.phase()),
                    line.unit(),
                    number(line.product()),
                    line.bareMean() == 0 ? "" : number(line.bareMean()),
                    line.bareMean() == 0 ? "" : String.format(Locale.ROOT, "%.2f", line.ratio()),
                    escape(line.target()),
                    line.met() == null ? "" : line.met() ? "met" : "<b>not met</b>"));
        }
        table.append("</table>");
        Files.writeString(
                file,
                """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Benchmark</title>
                <style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:left}</style></head>
                <body><h1>The product against the bare Camunda engine</h1>
                <p>%d customers, %s, %d cores. Bars: the product's speed as a share of the bare engine's in the same
                run; dashed line: the target.</p>%s%s</body></html>
                """
                        .formatted(
                                customers, LocalDate.now(), Runtime.getRuntime().availableProcessors(), svg, table));
    }

    private static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
