package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 against the built jar: the cases that need another user (CI runs as root, where chmod does not stop
 * reading: the jar runs as {@code nobody} through runuser or setpriv), another locale, a full file system or a
 * small heap. The work folder lies under /tmp with mode 755 and holds a copy of the jar and the bundle, so that
 * {@code nobody} can read them.
 */
class InferRobustnessIT {
    static final Path JAR = Path.of(System.getProperty("aekit.inferJar", "target/aekit-infer.jar"));
    static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));

    private Path work;
    private Path jar;
    private Path bundle;

    /** A finished run of the jar: exit code and everything it printed. */
    record Run(int code, String output) {
        /** aekit's lines (not ONNX Runtime's own warnings, such as its telemetry id for a user without a home). */
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank() && !l.contains("[W:onnxruntime")).toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "aekit-robust-");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.copy(JAR, work.resolve("aekit-infer.jar"));
        bundle = work.resolve("bundle");
        sh("cp -r '" + FIXTURES.resolve("bundles/mnist-tiny").toAbsolutePath() + "' '" + bundle + "' && chmod -R a+rX '"
                + work + "'");
    }

    @AfterEach
    void tearDown() throws Exception {
        sh("chmod -R u+rwx '" + work + "' 2>/dev/null; rm -rf '" + work + "'");
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), script + ": " + out);
        return out;
    }

    /** Good digit PNGs d000.png ... in {@code dir} (made by the jar itself, readable by everyone). */
    private void digits(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Path tmpOut = work.resolve("made-" + System.nanoTime());
        Run r = jar(false, Map.of(), List.of(), "make-samples", FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz")
                .toAbsolutePath().toString(), "-o", tmpOut.toString(), "--count", String.valueOf(n));
        assertEquals(0, r.code(), r.output());
        try (Stream<Path> s = Files.list(tmpOut)) {
            List<Path> made = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            for (int i = 0; i < made.size(); i++) {
                Files.move(made.get(i), dir.resolve(String.format("d%03d.png", i)));
            }
        }
        sh("chmod -R a+rX '" + dir + "'");
    }

    /** The command prefix that runs as nobody; skips the test (with the reason) where there is no way to. */
    private static List<String> asNobody() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            return List.of(); // permissions already apply to this user
        }
        if (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))) {
            return List.of("runuser", "-u", "nobody", "--");
        }
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        }
        Assumptions.abort("running as root without runuser or setpriv: permission cases cannot be checked");
        return List.of();
    }

    private Run jar(boolean nobody, Map<String, String> env, List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(nobody ? asNobody() : List.of());
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Daekit.nativeCache=false");
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(work.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished: " + out);
        return new Run(p.exitValue(), out);
    }

    private Run denoise(boolean nobody, Map<String, String> env, List<String> jvm, String... args) throws Exception {
        // the batched pipeline (the photo path shares its walk, output claims and write reports)
        List<String> all = new ArrayList<>(List.of("reconstruct", "-m", bundle.toString()));
        all.addAll(List.of(args));
        return jar(nobody, env, jvm, all.toArray(String[]::new));
    }

    @Test
    void foldersThatCannotBeListedOrSearchedAreCountedAndTheRestIsWritten() throws Exception {
        Path in = work.resolve("in");
        digits(in, 11);
        digits(in.resolve("a-locked"), 2); // sorts first
        digits(in.resolve("b-nosearch"), 2);
        Files.copy(in.resolve("d000.png"), in.resolve("c-unreadable.png"));
        sh("chmod 000 '" + in.resolve("a-locked") + "' '" + in.resolve("c-unreadable.png") + "' && chmod 644 '"
                + in.resolve("b-nosearch") + "'");
        Path out = Files.createDirectories(work.resolve("out"));
        sh("chmod 777 '" + out + "'");
        Run r = denoise(true, Map.of(), List.of(), in.toString(), "-o", out.toString());
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains(in.resolve("a-locked") + ": cannot list the folder (Permission denied)"),
                r.output());
        assertTrue(r.output().contains(in.resolve("b-nosearch/d000.png") + ": cannot be examined (Permission denied)"),
                r.output());
        assertTrue(r.output().contains(in.resolve("c-unreadable.png") + ": cannot be read (Permission denied)"),
                r.output());
        assertTrue(r.output().contains("done 11, skipped 0, failed 4"), r.output());
        try (Stream<Path> s = Files.list(out)) { // the outputs, beside the folder's record of the run
            assertEquals(11, s.filter(p -> !p.getFileName().toString().equals(
                    aekit.infer.batch.OutputRecord.FILE_NAME)).count());
        }
    }

    @Test
    void writeFailuresGiveTheSystemsReasonOnce() throws Exception {
        Path in = work.resolve("in");
        digits(in, 5);
        Path out = Files.createDirectories(work.resolve("out")); // root's, 755: nobody cannot write in it
        Run r = denoise(true, Map.of(), List.of(), in.toString(), "-o", out.toString());
        assertEquals(1, r.code(), r.output());
        List<String> lines = r.lines();
        // the first failure (workers write in parallel: any of the five) names the input, its output and the reason
        assertTrue(lines.get(0).matches(java.util.regex.Pattern.quote(in.toString()) + "/d00(\\d)\\.png: not written to "
                + java.util.regex.Pattern.quote(out.toString()) + "/d00\\1\\.png \\(Permission denied\\)"), r.output());
        assertTrue(lines.contains("4 more files not written for the same reason (Permission denied)"), r.output());
        assertFalse(r.output().contains(".tmp"), "no temp path in the messages: " + r.output());
        assertTrue(r.output().contains("done 0, skipped 0, failed 5"), r.output());
        assertEquals(3, lines.size(), r.output());
    }

    @Test
    void namesOutsideThePlatformEncodingAreReadAndWrittenUnderTheirOwnBytes() throws Exception {
        Path in = work.resolve("in");
        digits(in, 3);
        // a UTF-8 name that sorts first, a Latin-1 name (not valid UTF-8) and a Latin-1 JPEG whose name must change
        sh("cd '" + in + "' && cp d000.png \"$(printf '\\xc3\\x84-first.png')\" && cp d001.png \"$(printf 'caf\\xe9.png')\""
                + " && cp '" + FIXTURES.resolve("images/golden/baseline.jpg").toAbsolutePath() + "' \"$(printf 'gr\\xfc\\xdf.jpg')\""
                + " && chmod a+r *");
        Path out = work.resolve("out");
        Run posix = denoise(false, Map.of("LC_ALL", "POSIX", "LANG", "POSIX"), List.of(), in.toString(), "-o",
                out.toString());
        assertEquals(0, posix.code(), posix.output());
        assertTrue(posix.output().contains("done 6, skipped 0, failed 0"), posix.output());
        sh("cd '" + out + "' && test -f \"$(printf '\\xc3\\x84-first.png')\" && test -f \"$(printf 'caf\\xe9.png')\""
                + " && test -f \"$(printf 'gr\\xfc\\xdf.png')\"");
        Path out2 = work.resolve("out2");
        Run utf8 = denoise(false, Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"), List.of(), in.toString(), "-o",
                out2.toString(), "--error-map");
        assertEquals(0, utf8.code(), utf8.output());
        sh("cd '" + out2 + "' && test -f \"$(printf 'caf\\xe9.png')\" && test -f \"$(printf 'gr\\xfc\\xdf.png')\""
                + " && test -f \"$(printf 'gr\\xfc\\xdf.error.png')\" && test $(ls | wc -l) = 12");
    }

    @Test
    void aFullDiskStopsTheRunWithOneLine() throws Exception {
        Path in = work.resolve("in");
        digits(in, 200);
        Path out = Files.createDirectories(work.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", out.toString())
                .redirectErrorStream(true).start();
        String why = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here (" + why.strip() + ")");
        try {
            Run r = denoise(false, Map.of(), List.of(), in.toString(), "-o", out.toString(), "--workers", "4");
            assertEquals(1, r.code(), r.output());
            List<String> full = r.lines().stream().filter(l -> l.contains("No space left on device")).toList();
            assertEquals(1, full.size(), r.output());
            assertTrue(full.get(0).contains("stopping: nothing more can be written"), r.output());
            assertEquals(2, r.lines().size(), "that line and the summary: " + r.output());
            try (Stream<Path> s = Files.list(out)) {
                assertTrue(s.allMatch(p -> p.toString().endsWith(".png")
                        || p.getFileName().toString().equals(aekit.infer.batch.OutputRecord.FILE_NAME)),
                        "no temp files left");
            }
        } finally {
            sh("umount '" + out + "'");
        }
    }

    @Test
    void hugeImagesWithinTheLimitDoNotFailForHeap() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        hugeGreyPng(in.resolve("huge0.png"), 10_000, 10_000); // 100 MP, the default limit
        for (int i = 1; i < 4; i++) {
            Files.copy(in.resolve("huge0.png"), in.resolve("huge" + i + ".png"));
        }
        // a model input of 28x28: decoded with subsampling, so 4 workers in a 256 MB heap are enough
        Run r = denoise(false, Map.of(), List.of("-Xmx256m"), in.toString(), "-o", work.resolve("out").toString(),
                "--workers", "4");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("done 4, skipped 0, failed 0"), r.output());
        // --keep-size scales every result back to 4000x4000: the pixel budget lets one at a time into a 448 MB heap
        Path in2 = Files.createDirectories(work.resolve("in2"));
        hugeGreyPng(in2.resolve("big0.png"), 4000, 4000);
        for (int i = 1; i < 4; i++) {
            Files.copy(in2.resolve("big0.png"), in2.resolve("big" + i + ".png"));
        }
        Run k = denoise(false, Map.of(), List.of("-Xmx448m"), in2.toString(), "-o", work.resolve("out2").toString(),
                "--workers", "4", "--keep-size");
        assertEquals(0, k.code(), k.output());
        assertTrue(k.output().contains("done 4, skipped 0, failed 0"), k.output());
    }

    /** A grey PNG of w x h with a pattern of stripes and ramps, deflated row by row (small file, huge image). */
    static void hugeGreyPng(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[w + 1];
            for (int y = 0; y < h; y++) {
                row[0] = 1; // Sub: a ramp that repeats along the row
                for (int x = 1; x <= w; x++) {
                    row[x] = (byte) ((y / 50) % 2 == 0 ? 1 : 3);
                }
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(png);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream hd = new DataOutputStream(ihdr);
        hd.writeInt(w);
        hd.writeInt(h);
        hd.write(new byte[] {8, 0, 0, 0, 0});
        chunk(d, "IHDR", ihdr.toByteArray());
        chunk(d, "IDAT", idat.toByteArray());
        chunk(d, "IEND", new byte[0]);
        Files.write(file, png.toByteArray());
    }

    private static void chunk(DataOutputStream d, String type, byte[] body) throws IOException {
        d.writeInt(body.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        d.writeInt((int) crc.getValue());
    }
}
