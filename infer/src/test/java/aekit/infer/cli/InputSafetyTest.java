package aekit.infer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.data.GreyImages;
import aekit.infer.data.Mnist;
import aekit.infer.image.ImageFileWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 15 in process, with real files and links: inputs are never written over, no entry of an input folder is
 * dropped without a counted line, names stay on one line, messages say what happened. (The cases that need
 * another user, another locale, a full disk or a small heap run the jar: {@link InferRobustnessIT}.)
 */
class InputSafetyTest {
    static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));
    static final Path BUNDLE = FIXTURES.resolve("bundles/mnist-tiny");

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.extension.RegisterExtension
    final StderrCapture stderr = new StderrCapture();

    /**
     * The command line as this class runs it: the scenarios are written as {@code denoise ... -m BUNDLE}; here they
     * go through reconstruct's batched pipeline with the fixture bundle ({@link PhotoInputSafetyTest} runs them
     * through denoise's photo path).
     */
    String[] adapt(String... args) {
        String[] a = args.clone();
        if (a.length > 0 && a[0].equals("denoise")) {
            a[0] = "reconstruct";
        }
        return a;
    }

    /** Runs a command line; returns its exit code (stderr of this run only in {@link #err()}). */
    private int run(String... args) {
        args = adapt(args);
        stderr.reset();
        CommandLine cl = CliSupport.commandLine(new InferMain());
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }

    private String err() {
        return stderr.text();
    }

    /** n fixture digits as PNGs d000.png ... in {@code dir}. */
    static Path digits(Path dir, int n) throws Exception {
        GreyImages g = Mnist.load(FIXTURES.resolve("mnist"), Mnist.Split.TEST).images();
        float[] t = new float[784];
        for (int i = 0; i < n; i++) {
            g.copyTo(i, t, 0);
            ImageFileWriter.write(t, 0, 1, 28, 28, dir.resolve(String.format(Locale.ROOT, "d%03d.png", i)), "png");
        }
        return dir;
    }

    private static long count(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static void sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void fileInputsCountAsTheirFolderForTheOutputCheck() throws Exception {
        Path in = digits(tmp.resolve("in"), 2);
        byte[] d0 = Files.readAllBytes(in.resolve("d000.png"));
        assertEquals(2, run("denoise", in.resolve("d000.png").toString(), in.resolve("d001.png").toString(), "-o",
                in.toString(), "--overwrite", "-m", BUNDLE.toString()));
        assertTrue(err().contains("is the folder of input file"), err());
        assertArrayEquals(d0, Files.readAllBytes(in.resolve("d000.png")), "the input is untouched");
        // the same through "in/sub/..": compared after normalising
        Files.createDirectories(in.resolve("sub"));
        assertEquals(2, run("denoise", in.resolve("d000.png").toString(), "-o", in.resolve("sub/..").toString(),
                "--overwrite", "-m", BUNDLE.toString()));
        // a file's output in another folder is fine
        assertEquals(0, run("denoise", in.resolve("d000.png").toString(), "-o", tmp.resolve("o").toString(), "-m",
                BUNDLE.toString()), err());
        assertTrue(Files.isRegularFile(tmp.resolve("o/d000.png")));
    }

    @Test
    void symbolicLinksCannotLeadTheOutputIntoAnInput() throws Exception {
        Path in = tmp.resolve("in");
        digits(Files.createDirectories(in.resolve("sub")), 2);
        digits(in, 1);
        Path outlink = Files.createSymbolicLink(tmp.resolve("outlink"), in.resolve("sub"));
        assertEquals(2, run("denoise", in.toString(), "-o", outlink.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains("is inside input folder"), err());
        assertEquals(2, count(in, ".png") - 1, "nothing written into in/sub");
        Path real = digits(Files.createDirectories(tmp.resolve("real")), 2);
        Path inlink = Files.createSymbolicLink(tmp.resolve("inlink"), real);
        assertEquals(2, run("denoise", inlink.toString(), "-o", real.resolve("out").toString(), "-m",
                BUNDLE.toString()));
        assertTrue(err().contains("is inside input folder"), err());
        assertFalse(Files.exists(real.resolve("out")));
        // a link to an input file's folder, too
        Path dirlink = Files.createSymbolicLink(tmp.resolve("dirlink"), real);
        assertEquals(2, run("denoise", real.resolve("d000.png").toString(), "-o", dirlink.toString(), "--overwrite",
                "-m", BUNDLE.toString()));
    }

    @Test
    void everyEntryThatCannotBeReadIsOneCountedLine() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 3);
        Files.createSymbolicLink(in.resolve("a-dangling.png"), in.resolve("missing.png"));
        Files.createSymbolicLink(in.resolve("b-loop1.png"), in.resolve("b-loop2.png"));
        Files.createSymbolicLink(in.resolve("b-loop2.png"), in.resolve("b-loop1.png"));
        sh("mkfifo '" + in.resolve("c-fifo.png") + "'");
        Files.createSymbolicLink(in.resolve("folderlink"), tmp); // links to folders are not followed (documented)
        int code = run("denoise", in.toString(), "-o", tmp.resolve("out").toString(), "-m", BUNDLE.toString());
        String e = err();
        assertEquals(1, code, e);
        assertTrue(e.contains(in.resolve("a-dangling.png") + ": broken link (No such file or directory)"), e);
        assertTrue(e.contains(in.resolve("b-loop1.png") + ": broken link (Too many levels of symbolic links)"), e);
        assertTrue(e.contains(in.resolve("b-loop2.png") + ": broken link"), e);
        assertTrue(e.contains(in.resolve("c-fifo.png") + ": not a regular file (a FIFO)"), e);
        assertTrue(e.contains("done 3, skipped 0, failed 4"), e);
    }

    @Test
    void aFileBelowPathMaxIsReportedAndTheRestIsProcessed() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 2);
        String seg = "x".repeat(250);
        // 18 levels of 250 bytes: the deepest folders lie beyond PATH_MAX (4096), made with relative cd steps
        sh("cd '" + in + "' && for i in $(seq 18); do mkdir " + seg + " && cd " + seg + "; done"
                + " && cp '" + in.resolve("d000.png") + "' deep.png");
        try {
            assertEquals(1, run("denoise", in.toString(), "-o", tmp.resolve("out").toString(), "-m",
                    BUNDLE.toString()));
            assertTrue(err().contains("File name too long"), err());
            assertTrue(err().contains("done 2, skipped 0, failed 1"), err());
        } finally {
            sh("rm -rf '" + in.resolve(seg) + "'"); // rm walks relative to each folder; the JDK's delete cannot
        }
    }

    @Test
    void aFailedEarlierClaimantDoesNotKeepALaterOneOut() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 1);
        Files.copy(in.resolve("d000.png"), in.resolve("p.png"));
        Files.writeString(in.resolve("p.bmp"), "BM but not really a bitmap");
        Path o = tmp.resolve("out");
        assertEquals(1, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(in.resolve("p.bmp").toString()), err());
        assertFalse(err().contains("is already written"), err());
        assertTrue(Files.isRegularFile(o.resolve("p.png")), "p.png written: p.bmp was not");
        assertTrue(err().contains("done 2, skipped 0, failed 1"), err());
        // both good: the first in walk order wins, the second is refused, as before
        Path in2 = digits(Files.createDirectories(tmp.resolve("in2")), 1);
        Files.copy(in2.resolve("d000.png"), in2.resolve("q.png"));
        ImageFileWriter.write(new float[784], 0, 1, 28, 28, in2.resolve("q.bmp"), "bmp");
        assertEquals(1, run("denoise", in2.toString(), "-o", tmp.resolve("out2").toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(in2.resolve("q.png") + ": not written, " + in2.resolve("q.bmp")
                + " is already written to"), err());
    }

    @Test
    void namesStayOnOneLineAndTempNamesFitNameMax() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 1);
        Files.writeString(in.resolve("bad\nname.png"), "not an image");
        String long240 = "l".repeat(236) + ".png"; // a legal 240-byte name
        Files.copy(in.resolve("d000.png"), in.resolve(long240));
        byte[] png = Files.readAllBytes(in.resolve("d000.png"));
        png[5] = 'X'; // signature bytes 4-7 damaged
        Files.write(in.resolve("sig.png"), png);
        Path o = tmp.resolve("out");
        assertEquals(1, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        List<String> lines = err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(in.resolve("bad\\nname.png") + ": not a supported image")),
                err());
        assertTrue(err().contains(in.resolve("sig.png") + ": not a supported image"), err());
        assertTrue(Files.isRegularFile(o.resolve(long240)), err());
        assertTrue(err().contains("done 2, skipped 0, failed 2"), err());
        assertEquals(3, lines.size(), "two failures and the summary: " + lines);
    }

    @Test
    void outputThatIsAFileIsOneUsageLine() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 3);
        Path f = Files.writeString(tmp.resolve("file.txt"), "x");
        assertEquals(2, run("denoise", in.toString(), "-o", f.toString(), "-m", BUNDLE.toString()));
        assertEquals(List.of("aekit " + adapt("denoise")[0] + ": -o " + f + ": not a folder"), err().lines().toList());
    }

    @Test
    void staleTempFilesOfDeadProcessesAreRemovedByTheNextRun() throws Exception {
        Path in = digits(Files.createDirectories(tmp.resolve("in")), 2);
        Path o = tmp.resolve("out");
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        // what kill -9 leaves: temp files of a process that is gone (pid above pid_max); one of a live process
        Path dead = Files.createFile(o.resolve(".d000.png.2147483647-7.tmp"));
        Path live = Files.createFile(o.resolve(".d001.png." + ProcessHandle.current().pid() + "000-1.tmp"));
        Path alive = Files.createFile(o.resolve(".d001.png." + ProcessHandle.current().parent().orElseThrow().pid()
                + "-1.tmp"));
        Path other = Files.createFile(o.resolve(".notes.tmp"));
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains("done 0, skipped 2, failed 0"), err());
        assertFalse(Files.exists(dead), "a complete rerun removes a dead process's temp file");
        assertFalse(Files.exists(live), "a pid that is not running");
        assertTrue(Files.exists(alive), "a running process's temp file is left alone");
        assertTrue(Files.exists(other), "not aekit's pattern: left alone");
    }
}
