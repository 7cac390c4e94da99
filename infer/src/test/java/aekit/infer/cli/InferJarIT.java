package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built aekit-infer.jar (runs after package): no training stack inside, runs alone, embeds models/. */
class InferJarIT {
    static final Path JAR = Path.of(System.getProperty("aekit.inferJar", "target/aekit-infer.jar"));
    static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));

    @TempDir
    Path tmp;

    @Test
    void containsNoDl4jNd4jOrJavaCpp() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> bad = zip.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/nd4j/") || n.startsWith("org/deeplearning4j/")
                            || n.startsWith("org/bytedeco/"))
                    .limit(5).toList();
            assertEquals(List.of(), bad);
            assertTrue(zip.getEntry("ai/onnxruntime/OrtSession.class") != null, "ONNX Runtime is inside");
            assertTrue(zip.getEntry("aekit/infer/cli/InferMain.class") != null, "aekit is inside");
        }
    }

    @Test
    void embedsEveryShippedModel() throws Exception {
        List<String> expected = new ArrayList<>();
        Path models = FIXTURES.resolveSibling("models");
        if (Files.isDirectory(models)) {
            try (Stream<Path> s = Files.list(models)) {
                s.filter(p -> Files.isRegularFile(p.resolve("model.json"))).sorted()
                        .forEach(p -> expected.add(p.getFileName().toString()));
            }
        }
        String info = run(0, "info");
        assertTrue(info.contains("shipped models: " + (expected.isEmpty() ? "none" : String.join(", ", expected))), info);
    }

    @Test
    void runsAloneOnRealImages() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(FIXTURES.resolve("images/golden/grey.png"), in.resolve("a.png"));
        Files.copy(FIXTURES.resolve("images/golden/cmyk.jpg"), in.resolve("b.jpg"));
        String log = run(0, "reconstruct", in.toString(), "-o", tmp.resolve("out").toString(), "-m",
                FIXTURES.resolve("bundles/mnist-tiny").toString());
        assertTrue(log.contains("done 2, skipped 0, failed 0"), log);
        assertTrue(Files.isRegularFile(tmp.resolve("out/b.png")));
        assertTrue(run(0, "--version").contains("aekit 0."), "version from the build");
        assertEquals(2, exitCode("denoise"), "missing -o is bad usage");
    }

    @Test
    void interruptedRunLeavesOnlyCompleteFilesAndTheRerunFinishes() throws Exception {
        Path in = tmp.resolve("in");
        run(0, "make-samples", FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz").toString(), "-o", in.toString(),
                "--count", "3000");
        Path out = tmp.resolve("out");
        Process p = start("reconstruct", in.toString(), "-o", out.toString(), "-m",
                FIXTURES.resolve("bundles/mnist-tiny").toString(), "--batch", "16", "--workers", "1");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (countFiles(out, ".png") < 20 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroy(); // SIGTERM, as Ctrl-C or a killed job
        p.waitFor(30, TimeUnit.SECONDS);
        long written = countFiles(out, ".png");
        assertEquals(0, countFiles(out, ".tmp"), "no temp files left");
        try (Stream<Path> s = Files.walk(out)) {
            for (Path png : s.filter(f -> f.toString().endsWith(".png")).toList()) {
                byte[] b = Files.readAllBytes(png);
                assertTrue(b.length > 12 && b[b.length - 8] == 'I' && b[b.length - 7] == 'E', "complete PNG " + png);
            }
        }
        String log = run(0, "reconstruct", in.toString(), "-o", out.toString(), "-m",
                FIXTURES.resolve("bundles/mnist-tiny").toString());
        assertTrue(log.contains("done " + (3000 - written) + ", skipped " + written + ", failed 0"), log);
    }

    /**
     * README's first command run twice: the second process finds the first one's output record equal to its own (the
     * models' manifest hashes do not change from one JVM to the next) and skips the outputs instead of refusing.
     */
    @Test
    void theSameDenoiseRunAgainInANewProcessSkipsItsOutputs() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(FIXTURES.resolve("images/golden/grey.png"), in.resolve("a.png"));
        Files.copy(FIXTURES.resolve("images/golden/baseline.jpg"), in.resolve("b.jpg"));
        Path out = tmp.resolve("out");
        assertTrue(run(0, "denoise", in.toString(), "-o", out.toString()).contains("done 2, skipped 0, failed 0"));
        String again = run(0, "denoise", in.toString(), "-o", out.toString());
        assertTrue(again.contains("done 0, skipped 2, failed 0"), again);
    }

    /** Files ending in suffix; a walk that races with a running writer (a temp file renamed away) is retried. */
    private static long countFiles(Path dir, String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                return s.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
            } catch (java.io.UncheckedIOException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private String run(int expectedExit, String... args) throws Exception {
        Process p = start(args);
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedExit, p.exitValue(), outText);
        return outText;
    }

    private int exitCode(String... args) throws Exception {
        Process p = start(args);
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
