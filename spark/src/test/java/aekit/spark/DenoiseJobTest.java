package aekit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.cli.DenoiseCommand;
import aekit.infer.data.GreyImages;
import aekit.infer.data.IdxReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.RasterImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark job against the CLI on the same folders, on a local Spark with two cores that retries a failed task
 * once ({@code local[2,2]}): byte-identical outputs (photo denoisers, tiled, PNG and JPEG; MNIST digits through
 * mnist-dae in batches), a corrupt file as one failed row, a rerun that writes nothing, and a task that fails once
 * after writing part of its files still ending with every output complete and no temp file.
 */
class DenoiseJobTest {
    static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));
    static final Path SAMPLES = Path.of(System.getProperty("aekit.samples", "../samples"));
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,2]").appName("aekit-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @AfterEach
    void noHook() {
        DenoiseJob.testHook = null;
    }

    /** A folder of photos: colour and grey PNGs, a JPEG, a corrupt PNG, in two sub-folders. */
    static Path photoFolder(Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("colour"));
        Files.createDirectories(in.resolve("grey/sub"));
        Files.copy(SAMPLES.resolve("photos-noisy/n02085936_2999.png"), in.resolve("colour/a.png"));
        Files.copy(FIXTURES.resolve("photos/clean/n02085936_461.jpg"), in.resolve("colour/b.jpg"));
        Files.copy(FIXTURES.resolve("photos/grey/n02085936_2999.png"), in.resolve("grey/c.png"));
        Files.copy(FIXTURES.resolve("photos/grey/n02085936_13944.png"), in.resolve("grey/sub/d.png"));
        byte[] png = Files.readAllBytes(FIXTURES.resolve("photos/grey/n02085936_2020.png"));
        Files.write(in.resolve("grey/broken.png"), Arrays.copyOf(png, png.length / 3)); // truncated
        return in;
    }

    /**
     * 120 MNIST test digits as PNGs in three folders, named like d0007.png; one folder is "_set2" and every tenth
     * file "_dNNNN.png" (a camera's "_DSC0042.JPG"), names Spark's own file sources would drop.
     */
    static Path digitFolder(Path tmp) throws IOException {
        Path in = tmp.resolve("digits");
        GreyImages g = IdxReader.readImages(FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz"));
        int px = g.rows() * g.cols();
        for (int i = 0; i < 120; i++) {
            Path f = in.resolve((i % 3 == 2 ? "_set" : "set") + (i % 3))
                    .resolve(String.format(i % 10 == 0 ? "_d%04d.png" : "d%04d.png", i));
            Files.createDirectories(f.getParent());
            ImageFileWriter.write(new RasterImage(g.cols(), g.rows(), 1, Arrays.copyOfRange(g.pixels(), i * px,
                    (i + 1) * px)), f, "png");
        }
        return in;
    }

    static int cli(String... args) {
        return new CommandLine(new DenoiseCommand()).execute(args);
    }

    /** Every regular file under a folder (not the results table), by relative path, with its bytes. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Map<String, byte[]> out = new TreeMap<>();
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(DenoiseJob.RESULTS_DIR + "/")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
            return out;
        }
    }

    static void assertSameFiles(Map<String, byte[]> want, Map<String, byte[]> got) {
        assertEquals(want.keySet(), got.keySet());
        for (String k : want.keySet()) {
            assertArrayEquals(want.get(k), got.get(k), k + " differs from the CLI's");
        }
    }

    static Map<String, Row> results(String table) {
        return spark.read().parquet(table).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r, (a, b) -> {
                    throw new AssertionError("two rows for " + a.getString(0));
                }, TreeMap::new));
    }

    @Test
    void photosAreTheClisByteForByteTheCorruptFileIsOneFailedRowAndARerunWritesNothing(@TempDir Path tmp)
            throws IOException {
        Path in = photoFolder(tmp);
        Path cliOut = tmp.resolve("cli");
        assertEquals(1, cli(in.toString(), "-o", cliOut.toString()), "the CLI fails the corrupt file");
        Path sparkOut = tmp.resolve("spark");
        DenoiseJob.Summary s = DenoiseJob.run(spark, JobSpec.denoise(in.toUri().toString(), sparkOut.toString()));
        assertEquals(4, s.done());
        assertEquals(0, s.skipped());
        assertEquals(1, s.failed());
        Map<String, byte[]> want = files(cliOut);
        assertEquals(List.of(".aekit-outputs", "colour/a.png", "colour/b.jpg", "grey/c.png", "grey/sub/d.png"),
                List.copyOf(want.keySet()));
        assertSameFiles(want, files(sparkOut));

        Map<String, Row> rows = results(s.results());
        assertEquals(5, rows.size());
        List<Row> failed = rows.values().stream().filter(r -> r.getString(1).equals("failed")).toList();
        assertEquals(1, failed.size());
        Row bad = failed.get(0);
        assertTrue(bad.getString(0).endsWith("/in/grey/broken.png"), bad.getString(0));
        assertTrue(bad.getString(2).startsWith(bad.getString(0) + ": corrupt or truncated PNG"), bad.getString(2));
        for (Row r : rows.values()) {
            assertEquals(Files.size(Path.of(java.net.URI.create(r.getString(0)))), r.getLong(4), "bytes");
            assertTrue(r.getLong(5) >= 0, "milliseconds");
            if (r != bad) {
                assertEquals("done", r.getString(1));
                assertEquals(null, r.getString(2));
                assertTrue(Files.isRegularFile(Path.of(java.net.URI.create(r.getString(3)))), r.getString(3));
            }
        }

        // a rerun skips what is there and writes nothing
        Map<String, FileTime> times = new TreeMap<>();
        for (String k : want.keySet()) {
            Path p = sparkOut.resolve(k);
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
            times.put(k, Files.getLastModifiedTime(p));
        }
        DenoiseJob.Summary again = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), sparkOut.toString()));
        assertEquals(0, again.done());
        assertEquals(4, again.skipped());
        assertEquals(1, again.failed());
        assertSameFiles(want, files(sparkOut));
        for (String k : want.keySet()) {
            assertEquals(times.get(k), Files.getLastModifiedTime(sparkOut.resolve(k)), k + " was written again");
        }
        assertEquals(Map.of("skipped", 4L, "failed", 1L), results(again.results()).values().stream()
                .collect(Collectors.groupingBy(r -> r.getString(1), Collectors.counting())));
    }

    @Test
    void digitsThroughMnistDaeAreTheClisByteForByte(@TempDir Path tmp) throws IOException {
        Path in = digitFolder(tmp);
        Path cliOut = tmp.resolve("cli");
        assertEquals(0, cli(in.toString(), "-o", cliOut.toString(), "--model", "mnist-dae"));
        Path sparkOut = tmp.resolve("spark");
        DenoiseJob.Summary s = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), sparkOut.toString())
                .withModel("mnist-dae"));
        assertEquals(120, s.done());
        assertEquals(0, s.failed());
        Map<String, byte[]> want = files(cliOut);
        assertEquals(121, want.size(), "120 digits and the record of the run");
        assertSameFiles(want, files(sparkOut));

        // the same run into the CLI's folder finishes it (nothing left to do); another model is refused there
        DenoiseJob.Summary again = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), cliOut.toString())
                .withModel("mnist-dae"));
        assertEquals(120, again.skipped());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenoiseJob.run(spark,
                JobSpec.denoise(in.toString(), cliOut.toString()).withReconstruct(true).withModel("mnist-ae")));
        assertTrue(e.getMessage().contains("holds the outputs of another run (command denoise, model mnist-dae")
                && e.getMessage().endsWith("give --overwrite to replace them, or another -o"), e.getMessage());
    }

    @Test
    void reconstructWithKeepSizeAndErrorMapsIsTheClisByteForByte(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("dogs");
        for (String breed : List.of("n02085620-Chihuahua", "n02099601-golden_retriever")) {
            try (Stream<Path> s = Files.list(FIXTURES.resolve("dogs/Images").resolve(breed))) {
                for (Path f : s.sorted().limit(3).toList()) {
                    Files.createDirectories(in.resolve(breed));
                    Files.copy(f, in.resolve(breed).resolve(f.getFileName()));
                }
            }
        }
        Path cliOut = tmp.resolve("cli");
        assertEquals(0, new CommandLine(new aekit.infer.cli.ReconstructCommand()).execute(in.toString(), "-o",
                cliOut.toString(), "--model", "dogs-ae", "--keep-size", "--error-map"));
        Path sparkOut = tmp.resolve("spark");
        DenoiseJob.Summary s = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), sparkOut.toString())
                .withReconstruct(true).withModel("dogs-ae").withKeepSize(true).withErrorMap(true));
        assertEquals(6, s.done());
        Map<String, byte[]> want = files(cliOut);
        assertEquals(13, want.size(), "6 results, 6 error maps and the record of the run");
        assertTrue(want.containsKey("n02085620-Chihuahua/" + Files.list(in.resolve("n02085620-Chihuahua")).sorted()
                .findFirst().orElseThrow().getFileName().toString().replace(".jpg", ".error.png")), want.keySet()
                .toString());
        assertSameFiles(want, files(sparkOut));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenoiseJob.run(spark,
                JobSpec.denoise(in.toString(), tmp.resolve("photo").toString()).withKeepSize(true)));
        assertEquals("--keep-size is for fixed-size models; photo denoisers keep every image's size", e.getMessage());
    }

    @Test
    void aTaskThatFailsOnceAfterWritingPartOfItsFilesEndsCompleteWithoutTempFiles(@TempDir Path tmp)
            throws IOException {
        Path in = digitFolder(tmp);
        Path cliOut = tmp.resolve("cli");
        assertEquals(0, cli(in.toString(), "-o", cliOut.toString(), "--model", "mnist-dae"));
        Path sparkOut = tmp.resolve("spark");
        String appId = spark.sparkContext().applicationId();
        AtomicInteger renames = new AtomicInteger();
        AtomicInteger thrown = new AtomicInteger();
        DenoiseJob.testHook = target -> {
            TaskContext ctx = TaskContext.get();
            if (ctx.partitionId() == 0 && ctx.attemptNumber() == 0 && renames.incrementAndGet() == 5) {
                // as if the executor died here: a temp file of this attempt that nobody removes
                Path stray = Path.of(target.getParent().toUri()).resolve("." + target.getName() + ".aekit-" + appId
                        + "-" + ctx.stageId() + "-0-0-999.tmp");
                Files.write(stray, new byte[] {1, 2, 3});
                thrown.incrementAndGet();
                throw new InjectedTaskFailure("injected failure before renaming " + target);
            }
        };
        DenoiseJob.Summary s = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), sparkOut.toString())
                .withModel("mnist-dae"));
        assertEquals(1, thrown.get(), "the failure was injected once");
        assertEquals(0, s.failed(), "the failed attempt's rows are not in the table; its retry's are");
        assertEquals(120, s.done() + s.skipped(), "the retry skips what the failed attempt wrote");
        assertTrue(s.skipped() >= 4, "the first attempt wrote 4 files before it failed: " + s);
        assertTrue(s.tempsSwept() >= 1, "the stray temp file was swept: " + s);
        assertSameFiles(files(cliOut), files(sparkOut));
        try (Stream<Path> w = Files.walk(sparkOut)) {
            List<Path> temps = w.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), temps);
        }
        assertEquals(120, results(s.results()).size(), "one row a file");
    }

    /** Fails the task (a file's own errors are rows; this is not one of them), as a lost executor would. */
    static final class InjectedTaskFailure extends Error {
        private static final long serialVersionUID = 1L;

        InjectedTaskFailure(String message) {
            super(message);
        }
    }

    @Test
    void inputsSharingAnOutputAreCaughtAndTheOutputMayNotBeInsideTheInput(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(FIXTURES.resolve("photos/grey/n02085936_2999.png"), in.resolve("p.png"));
        Files.copy(FIXTURES.resolve("photos/clean/n02085936_461.jpg"), in.resolve("p.jpg"));
        DenoiseJob.Summary s = DenoiseJob.run(spark, JobSpec.denoise(in.toString(), tmp.resolve("out").toString())
                .withFormat("PNG"));
        assertEquals(1, s.done());
        assertEquals(1, s.failed());
        Row failed = results(s.results()).values().stream().filter(r -> r.getString(1).equals("failed"))
                .findFirst().orElseThrow();
        assertTrue(failed.getString(0).endsWith("/p.png"), "p.jpg comes first in path order: " + failed);
        assertTrue(failed.getString(2).contains("p.jpg has the same output ") && failed.getString(2).endsWith(
                "/out/p.png (give them separate output folders)"), failed.getString(2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenoiseJob.run(spark, JobSpec.denoise(tmp.toString(), in.resolve("x").toString())));
        assertTrue(e.getMessage().contains("may not be or contain one another"), e.getMessage());
        assertFalse(Files.exists(in.resolve("x")));
    }
}
