package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads generated text and series CSVs of 100 MB and 1 GB into the default subset caps (tip 5) and prints, beside
 * each file's size, the seconds and the peak heap. Each load runs in a child JVM started with the default heap
 * (no -Xmx), so one load's garbage does not count for the next; the child samples the used heap every 5 ms.
 * Not a timed test: it never fails on a slow machine. Run:
 * {@code mvn -o test -Dtest=LargeCsvBenchmarkTest -DexcludedTestGroups=none -Dgroups=benchmark}.
 */
@Tag("benchmark")
class LargeCsvBenchmarkTest {
    private static final long MB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void loadsHundredMegabyteAndOneGigabyteFilesWithinTheDefaultHeap() throws Exception {
        List<String> lines = new ArrayList<>();
        for (long size : new long[] {100 * MB, 1024 * MB}) {
            Path text = dir.resolve("reviews-" + size / MB + "mb.csv");
            writeText(text, size);
            lines.add(measure(text, "text:" + text.getFileName() + "?text=review&label=stars"));
            Path series = dir.resolve("sensor-" + size / MB + "mb.csv");
            writeSeries(series, size);
            lines.add(measure(series, "series:" + series.getFileName() + "?target=load&inputs=load,temp&window=48"));
            Files.delete(text);
            Files.delete(series);
        }
        System.out.println("Large CSV loading into the default caps (maxTrain=20000, maxVal=2000), each in a fresh "
                + "child JVM: with the default heap (no -Xmx) and with -Xmx256m:");
        lines.forEach(System.out::println);
    }

    private String measure(Path file, String spec) throws Exception {
        return measure(file, spec, null) + "\n" + measure(file, spec, "-Xmx256m");
    }

    private String measure(Path file, String spec, String heap) throws Exception {
        Path out = dir.resolve("result.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (heap != null) {
            cmd.add(heap);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(), spec, dir.toString(),
                out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.inheritIO();
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.MINUTES), "the load finishes");
        assertEquals(0, p.exitValue(), "the child loaded " + spec);
        return String.format(Locale.ROOT, "  %-6s %5d MB file, %-12s %s", spec.substring(0, spec.indexOf(':')),
                Files.size(file) / MB, heap == null ? "default heap" : heap, Files.readString(out).strip());
    }

    /** Reviews of 5 to 60 words, a third of them quoted with a comma inside, 5 classes. */
    private static void writeText(Path p, long bytes) throws IOException {
        String[] words = {"coffee", "great", "bitter", "smooth", "arrived", "broken", "love", "again", "price",
                "taste", "aroma", "would", "not", "buy", "best", "ever", "cheap", "strong", "weak", "fresh"};
        Random r = new Random(1);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("id,review,stars\n");
            long written = 0;
            StringBuilder sb = new StringBuilder(512);
            for (long i = 0; written < bytes; i++) {
                sb.setLength(0);
                sb.append(i).append(',');
                boolean quoted = i % 3 == 0;
                if (quoted) {
                    sb.append('"');
                }
                int n = 5 + r.nextInt(56);
                for (int k = 0; k < n; k++) {
                    sb.append(k == 0 ? "" : k == 3 && quoted ? ", " : " ").append(words[r.nextInt(words.length)]);
                }
                if (quoted) {
                    sb.append('"');
                }
                sb.append(',').append(1 + r.nextInt(5)).append('\n');
                w.append(sb);
                written += sb.length();
            }
        }
    }

    /** An hourly load curve with temperature, one row per hour. */
    private static void writeSeries(Path p, long bytes) throws IOException {
        Random r = new Random(2);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("hour,load,temp\n");
            long written = 0;
            StringBuilder sb = new StringBuilder(64);
            for (long i = 0; written < bytes; i++) {
                sb.setLength(0);
                double temp = 10 + 8 * Math.sin(i * 2 * Math.PI / 8766) + r.nextGaussian();
                double load = 500 + 120 * Math.sin(i * 2 * Math.PI / 24) + 4 * temp + 10 * r.nextGaussian();
                sb.append(i).append(',').append(Math.round(load * 100) / 100.0).append(',')
                        .append(Math.round(temp * 10) / 10.0).append('\n');
                w.append(sb);
                written += sb.length();
            }
        }
    }

    /** Loads one spec and writes seconds and heap figures to a file. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            // The live set: the heap in use right after each collection, the most the data needs at once.
            AtomicLong peakLive = new AtomicLong();
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo
                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                        peakLive.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
            long t0 = System.nanoTime();
            LoadedData d = DataLoader.load(DataSpec.parse(args[0]), Path.of(args[1]));
            double seconds = (System.nanoTime() - t0) / 1e9;
            sampler.interrupt();
            sampler.join();
            peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
            System.gc();
            long retained = mem.getHeapMemoryUsage().getUsed();
            long max = Runtime.getRuntime().maxMemory();
            String line = String.format(Locale.ROOT, "%6.1f s, peak heap used %5d MB of %d MB (garbage included), "
                    + "peak after a GC %4d MB, retained %4d MB; %d train / %d validation samples", seconds,
                    peak.get() / MB, max / MB, peakLive.get() / MB, retained / MB, d.train().size(),
                    d.validation().size());
            Files.writeString(Path.of(args[2]), line);
        }
    }
}
