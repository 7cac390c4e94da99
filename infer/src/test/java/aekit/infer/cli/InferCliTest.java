package aekit.infer.cli;

import aekit.infer.io.CodesFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.data.GreyImages;
import aekit.infer.data.Mnist;
import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFormat;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.RasterImage;
import aekit.infer.model.ModelManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every infer command through picocli, on the committed fixture bundle and fixture digits written as PNGs. */
class InferCliTest {
    static final Path FIXTURES = Path.of(System.getProperty("aekit.fixtures", "../fixtures"));
    static final Path BUNDLE = FIXTURES.resolve("bundles/mnist-tiny");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    @org.junit.jupiter.api.extension.RegisterExtension
    final StderrCapture stderr = new StderrCapture();

    private String err() {
        return stderr.text();
    }

    private int run(String... args) {
        CommandLine cl = CliSupport.commandLine(new InferMain());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }

    /** The first n fixture test digits as PNGs: half in in/, half in in/sub/. */
    private Path digits(int n) throws Exception {
        GreyImages g = Mnist.load(FIXTURES.resolve("mnist"), Mnist.Split.TEST).images();
        Path in = tmp.resolve("in");
        float[] t = new float[784];
        for (int i = 0; i < n; i++) {
            g.copyTo(i, t, 0);
            Path f = (i % 2 == 0 ? in : in.resolve("sub")).resolve(String.format(Locale.ROOT, "d%03d.png", i));
            ImageFileWriter.write(t, 0, 1, 28, 28, f, "png");
        }
        return in;
    }

    private static long count(Path dir, String ext) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(ext)).count();
        }
    }

    @Test
    void infoShowsProvenanceAndProviders() {
        assertEquals(0, run("info", BUNDLE.toString()), err());
        String summary = out.toString();
        assertTrue(summary.contains("execution providers: [CPU"), summary);
        assertTrue(summary.contains(": mnist-conv-ae, grey 28x28 input"), summary);
        assertTrue(summary.contains("tensors: encoder.onnx image (N, 1, 28, 28) -> latent (N, "), summary);
        assertTrue(summary.contains("training: "), summary);
        assertTrue(summary.length() < 3000 && summary.lines().allMatch(l -> l.length() < 400), summary);
        out.getBuffer().setLength(0);
        assertEquals(0, run("info", "--json", BUNDLE.toString()), err());
        assertTrue(out.toString().contains("\"kind\" : \"mnist-conv-ae\""), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("info", "photo-denoise-grey"), err());
        assertTrue(out.toString().contains("a grey denoiser for any image size"), out.toString());
        assertTrue(out.toString().length() < 3000, out.toString());
    }

    @Test
    void generateFallsBackOnTheBundlesLatentStatisticsAndPerturbChecksSigma() throws Exception {
        Path g = tmp.resolve("g.png");
        assertEquals(0, run("generate", "-m", "mnist-ae", "-n", "4", "-o", g.toString()), err());
        assertTrue(err().contains("from the bundle's statistics of 10000 codes"), err());
        assertEquals(2 * (28 * 3 + 3) + 3, new ImageFileReader().read(g).width());
        Path in = digits(2);
        assertEquals(2, run("perturb", in.toString(), "-m", "mnist-ae", "--sigma", "0.1,-1", "-o",
                tmp.resolve("p.png").toString()));
        assertTrue(err().contains("--sigma must be in [0, 1000], got -1.0"), err());
    }

    @Test
    void helpSubcommandShowsACommandsHelpAndTheMainHelpListsTraining() {
        assertEquals(0, run("help", "denoise"), err());
        assertTrue(out.toString().contains("Usage: aekit denoise"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("--help"), err());
        assertTrue(out.toString().contains("  help "), out.toString());
        assertTrue(out.toString().contains("  train "), out.toString());
        assertTrue(out.toString().contains("  export "), out.toString());
        // progress follows stderr, not stdout: under the test runner stderr is a pipe
        assertFalse(CliSupport.stderrIsTerminal());
        // one error form for every command: "aekit COMMAND: ..."
        assertEquals(2, run("bench", "--batch", "0"));
        assertTrue(err().contains("aekit bench: --batch must be >= 1"), err());
        assertEquals(2, run("denoise", "in", "-o", "out", "--bogus"));
        assertTrue(err().contains("aekit denoise: Unknown option: '--bogus'"), err());
    }

    @Test
    void reconstructMirrorsFoldersSkipsExistingAndOverwrites() throws Exception {
        Path in = digits(10);
        Path o = tmp.resolve("out");
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()), err());
        assertTrue(Files.isRegularFile(o.resolve("d000.png")));
        assertTrue(Files.isRegularFile(o.resolve("sub/d001.png")));
        assertEquals(10, count(o, ".png"));
        assertTrue(err().contains("done 10, skipped 0, failed 0"), err());
        RasterImage r = new ImageFileReader().read(o.resolve("d000.png"));
        assertEquals(28, r.width());
        assertEquals(1, r.channels());
        // the rerun skips what exists
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains("done 0, skipped 10, failed 0"), err());
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--overwrite"));
        assertTrue(err().contains("done 10, skipped 0, failed 0"), err());
        try (Stream<Path> s = Files.walk(o)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void errorMapShowsTheAbsoluteErrorOfEachPixel() throws Exception {
        Path in = digits(2);
        Path o = tmp.resolve("err");
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--error-map"),
                err());
        Path map = o.resolve("d000.error.png");
        assertTrue(Files.isRegularFile(map), "error map beside d000.png");
        RasterImage e = new ImageFileReader().read(map);
        RasterImage x = new ImageFileReader().read(in.resolve("d000.png"));
        RasterImage y = new ImageFileReader().read(o.resolve("d000.png"));
        assertEquals(28, e.width());
        for (int p = 0; p < 28 * 28; p += 37) { // red channel = min(1, 3 |x - y| / 0.5), up to 8-bit rounding
            double err = Math.abs(x.sample(p % 28, p / 28, 0) - y.sample(p % 28, p / 28, 0)) / 255.0;
            double red = e.sample(p % 28, p / 28, 0) / 255.0;
            assertEquals(Math.min(1, 3 * err / 0.5), red, 0.04, "pixel " + p);
        }
        assertEquals(4, count(o, ".png"), "two results and two maps");
    }

    @Test
    void corruptFileIsReportedSkippedAndMakesExitOne() throws Exception {
        Path in = digits(4);
        Files.writeString(in.resolve("broken.png"), "this is not a png");
        Files.copy(FIXTURES.resolve("images/golden/truncated.jpg"), in.resolve("cut.jpg"));
        Path o = tmp.resolve("out");
        assertEquals(1, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(in.resolve("broken.png") + ": not a supported image"), err());
        assertTrue(err().contains(in.resolve("cut.jpg") + ": corrupt or truncated JPEG"), err());
        assertTrue(err().contains("done 4, skipped 0, failed 2"), err());
        assertEquals(4, count(o, ".png"));
        assertFalse(Files.exists(o.resolve("broken.png")));
    }

    @Test
    void failFastStopsAtTheFirstFailure() throws Exception {
        Path in = digits(2);
        Files.writeString(in.resolve("a-broken.png"), "nope");
        assertEquals(1, run("reconstruct", in.toString(), "-o", tmp.resolve("o").toString(), "-m", BUNDLE.toString(),
                "--fail-fast", "--batch", "1", "--workers", "1"));
        assertTrue(err().contains("done 0, skipped 0, failed 1"), err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written after the first failure");
    }

    @Test
    void collidingOutputsAndEmptyInputsAreRefused() throws Exception {
        Path in = digits(2);
        Files.copy(in.resolve("d000.png"), in.resolve("d000.bmp"));
        Path sub = Files.createDirectories(in.resolve("d000")); // its files sort between d000.bmp and d000.png
        Files.copy(in.resolve("sub").resolve("d001.png"), sub.resolve("x.png"));
        assertEquals(1, run("reconstruct", in.toString(), "-o", tmp.resolve("o").toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(in.resolve("d000.png") + ": not written, " + in.resolve("d000.bmp")
                + " is already written to"), err());
        assertTrue(err().contains("done 3, skipped 0, failed 1"), err());
        assertTrue(Files.exists(tmp.resolve("o").resolve("d000").resolve("x.png")));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, run("eval", "-m", BUNDLE.toString(), empty.toString()));
        assertTrue(err().contains("no images to evaluate"), err());
        assertEquals(2, run("encode", empty.toString(), "-o", tmp.resolve("c.csv").toString(), "-m", BUNDLE.toString()));
        assertEquals(2, run("encode", in.toString(), "-o", tmp.resolve("c.txt").toString(), "-m", BUNDLE.toString()));
        assertEquals(2, run("decode", tmp.resolve("c.csv").toString(), "-o", tmp.resolve("d").toString(), "--batch", "0"));
    }

    @Test
    void outputInsideInputIsRefused() throws Exception {
        Path in = digits(2);
        assertEquals(2, run("reconstruct", in.toString(), "-o", in.resolve("out").toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains("is inside input folder"), err());
        assertFalse(Files.exists(in.resolve("out")));
    }

    @Test
    void keepSizeScalesBackAndFormatIsHonoured() throws Exception {
        Path in = tmp.resolve("big");
        float[] t = new float[56 * 56];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i % 56) / 56f;
        }
        ImageFileWriter.write(t, 0, 1, 56, 56, in.resolve("x.png"), "png");
        Path o = tmp.resolve("o");
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--keep-size",
                "--format", "bmp", "--any-model"), err());
        RasterImage r = new ImageFileReader().read(o.resolve("x.bmp"));
        assertEquals(56, r.width());
        assertEquals(56, r.height());
    }

    @Test
    void encodeDecodeRoundTripCsvAndNpy() throws Exception {
        Path in = digits(6);
        for (String ext : List.of("csv", "npy")) {
            Path codes = tmp.resolve("codes." + ext);
            assertEquals(0, run("encode", in.toString(), "-o", codes.toString(), "-m", BUNDLE.toString()), err());
            CodesFile c = CodesFile.read(codes);
            assertEquals(6, c.n());
            assertEquals(2, c.d());
            Path o = tmp.resolve("dec-" + ext);
            assertEquals(0, run("decode", codes.toString(), "-o", o.toString(), "-m", BUNDLE.toString()), err());
            assertEquals(6, count(o, ".png"));
        }
        List<String> csv = Files.readAllLines(tmp.resolve("codes.csv"));
        assertEquals("file,z0,z1", csv.get(0));
        assertTrue(csv.get(1).startsWith("d000.png,"), csv.get(1));
    }

    @Test
    void gridUsesTheStoredLatentRange() throws Exception {
        Path o = tmp.resolve("grid.png");
        assertEquals(0, run("grid", "-m", BUNDLE.toString(), "-o", o.toString(), "--size", "8"), err());
        RasterImage r = new ImageFileReader().read(o);
        assertEquals(8 * (28 * 2 + 2) + 2 + 70 + 10, r.width());
        assertTrue(err().contains("grid 8x8 over z1 in ["), err());
        assertEquals(2, run("grid", "-m", BUNDLE.toString(), "-o", o.toString(), "--range", "3,1"));
    }

    @Test
    void fitLatentThenGenerateAndPerturb() throws Exception {
        Path in = digits(30);
        Path g = tmp.resolve("g.bin");
        assertEquals(0, run("fit-latent", in.toString(), "-m", BUNDLE.toString(), "--count", "20", "-o", g.toString()),
                err());
        assertTrue(err().contains("fitted N(mean, cov) to 20 codes of 2 values"), err());
        Path png = tmp.resolve("gen.png");
        assertEquals(0, run("generate", "-m", BUNDLE.toString(), "--gaussian", g.toString(), "-n", "9", "-o",
                png.toString(), "--each", tmp.resolve("each").toString()), err());
        assertEquals(9, count(tmp.resolve("each"), ".png"));
        RasterImage m = new ImageFileReader().read(png);
        assertEquals(3 * (28 * 3 + 3) + 3, m.width());
        Path pert = tmp.resolve("pert.png");
        assertEquals(0, run("perturb", in.toString(), "-m", BUNDLE.toString(), "--sigma", "0.1,1", "--count", "5",
                "-o", pert.toString()), err());
        assertEquals(4 * (28 * 3 + 3) + 3, new ImageFileReader().read(pert).height(), "originals, clean, 2 sigmas");
    }

    @Test
    void evalOnIdxMatchesTheExportedTestMetrics() throws Exception {
        Path idx = FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz");
        assertEquals(0, run("eval", "-m", BUNDLE.toString(), idx.toString()), err());
        ModelManifest m = ModelManifest.fromJson(Files.readString(BUNDLE.resolve("model.json")));
        String line = out.toString().lines().filter(l -> l.startsWith("model output")).findFirst().orElseThrow();
        String[] cols = line.substring("model output".length()).trim().split("\\s+");
        // the same 256 test digits SameDiff scored at export: ONNX Runtime must agree
        assertEquals(m.metrics().get("test_mse"), Double.parseDouble(cols[0]), 1e-5, line);
        assertEquals(m.metrics().get("test_psnr"), Double.parseDouble(cols[1]), 0.01, line);
        // 0.4 N(0,1) noise has MSE 0.16 (7.96 dB); clipping to [0,1] halves it on MNIST, whose pixels are mostly
        // exactly 0 or 1 (half of each pixel's noise is clipped away): MSE ~0.08, ~11 dB
        assertEquals(0.16, noisyMse(BUNDLE, idx, false), 0.005);
        assertEquals(0.08, noisyMse(BUNDLE, idx, true), 0.008);
    }

    @Test
    void evalRunsADenoiserOnIdxDigitsWholeAtTheirSize() throws Exception {
        Path idx = FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz");
        assertEquals(0, run("eval", "-m", "photo-denoise-grey", idx.toString(), "--noise", "0.1", "--limit", "64"),
                err());
        double[] noisy = psnrs("noisy input");
        double[] model = psnrs("model output");
        assertEquals(20.0, noisy[0], 0.3, out.toString()); // 0.1 N(0,1): 20 dB
        assertTrue(model[0] > noisy[0] + 3, out.toString());
        out.getBuffer().setLength(0);
        assertEquals(2, run("eval", "-m", "photo-denoise-grey", idx.toString(), "--channel-variance", "0.1"));
        assertTrue(err().contains("is a denoiser"), err());
    }

    /** The mean MSE and PSNR (peak 1) columns of the eval output line starting with {@code label}. */
    private double[] psnrs(String label) {
        String line = out.toString().lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
        String[] cols = line.substring(label.length()).trim().split("\\s+");
        return new double[] {Double.parseDouble(cols[1]), Double.parseDouble(cols[0])};
    }

    private double noisyMse(Path bundle, Path idx, boolean clip) {
        out.getBuffer().setLength(0);
        String[] args = clip ? new String[] {"eval", "-m", bundle.toString(), idx.toString(), "--noise", "0.4", "--clip"}
                : new String[] {"eval", "-m", bundle.toString(), idx.toString(), "--noise", "0.4"};
        assertEquals(0, run(args), err());
        String noisy = out.toString().lines().filter(l -> l.startsWith("noisy input")).findFirst().orElseThrow();
        return Double.parseDouble(noisy.substring("noisy input".length()).trim().split("\\s+")[0]);
    }

    /**
     * Floors of the shipped models' mean PSNR (peak 1) on committed real data, set below the value measured with
     * `aekit eval` (in the comment) by a margin: MNIST models on the fixture's 256 test digits (denoisers on clipped
     * 0.4 N(0,1) noisy inputs), dog models on the 32 fixture photos (noisy-channel models through their channel).
     *
     * @param data      fixture path below {@code fixtures/}
     * @param extraArgs eval options
     * @param floor     minimum mean PSNR, dB
     */
    record Floor(String data, List<String> extraArgs, double floor) {
    }

    static final double PHOTO_RGB_FLOOR = 28.6; // measured 29.40 dB
    static final double PHOTO_GREY_FLOOR = 27.7; // measured 28.57 dB

    static final java.util.Map<String, Floor> SHIPPED_FLOORS = java.util.Map.of(
            "mnist-ae", new Floor("mnist/t10k-images-idx3-ubyte.gz", List.of(), 14.0), // measured 14.70 dB
            "mnist-ae-l2", new Floor("mnist/t10k-images-idx3-ubyte.gz", List.of(), 13.0), // measured 13.45 dB
            "mnist-dae", new Floor("mnist/t10k-images-idx3-ubyte.gz", List.of("--noise", "0.4", "--clip"), 21.3), // 21.92
            "dogs-ae", new Floor("dogs/Images", List.of(), 25.8), // measured 26.63 dB
            "dogs-channel-0.05", new Floor("dogs/Images", List.of("--channel-variance", "0.05"), 24.0), // 24.67 dB
            "dogs-channel-0.1", new Floor("dogs/Images", List.of("--channel-variance", "0.1"), 23.1), // 23.75 dB
            "dogs-channel-0.15", new Floor("dogs/Images", List.of("--channel-variance", "0.15"), 22.6), // 23.21 dB
            // photo denoisers: standard protocol at sigma 25 on the photo fixture (colour, and the same photos in grey)
            "photo-denoise-rgb", new Floor("photos/clean", List.of("--sigma", "25"), PHOTO_RGB_FLOOR),
            "photo-denoise-grey", new Floor("photos/grey", List.of("--sigma", "25"), PHOTO_GREY_FLOOR));

    @Test
    void everyShippedModelReconstructsAboveItsFloor() throws Exception {
        List<String> shipped = aekit.infer.model.ShippedModels.names();
        assertTrue(shipped.contains("mnist-ae") && shipped.contains(DenoiseCommand.DEFAULT_MODEL), "shipped: " + shipped);
        for (String name : shipped) {
            Floor floor = SHIPPED_FLOORS.get(name);
            assertTrue(floor != null, "no quality floor for shipped model " + name);
            out.getBuffer().setLength(0);
            List<String> args = new java.util.ArrayList<>(List.of("eval", "-m", name,
                    FIXTURES.resolve(floor.data()).toString()));
            args.addAll(floor.extraArgs());
            assertEquals(0, run(args.toArray(new String[0])), err());
            double psnr;
            String line;
            if (floor.extraArgs().contains("--sigma")) { // "sigma noisy model SSIM Mpx/s" rows
                line = out.toString().lines().filter(l -> l.strip().startsWith("25 ")).findFirst().orElseThrow();
                psnr = Double.parseDouble(line.strip().split("\\s+")[2]);
            } else {
                line = out.toString().lines().filter(l -> l.startsWith("model output")).findFirst().orElseThrow();
                psnr = Double.parseDouble(line.substring("model output".length()).trim().split("\\s+")[1]);
            }
            System.out.printf(Locale.ROOT, "shipped %s: %s%n", name, line.strip());
            assertTrue(psnr >= floor.floor(), name + ": " + line);
        }
    }

    @Test
    void denoiseWorksWithTheEmbeddedDefaultModel() throws Exception {
        Path o = tmp.resolve("clean");
        Path samples = FIXTURES.resolveSibling("samples/photos-noisy");
        assertEquals(0, run("denoise", samples.toString(), "-o", o.toString()), err());
        assertEquals(count(samples, ".png"), count(o, ".png"));
        try (Stream<Path> s = Files.list(samples)) {
            for (Path in : s.toList()) {
                RasterImage a = new ImageFileReader().read(in);
                RasterImage b = new ImageFileReader().read(o.resolve(in.getFileName()));
                assertEquals(a.width(), b.width(), in.toString());
                assertEquals(a.height(), b.height(), in.toString());
                assertEquals(3, b.channels(), in.toString());
            }
        }
    }

    @Test
    void photoDenoiseKeepsSizeChannelsAndFormat() throws Exception {
        Path in = tmp.resolve("photos");
        Files.createDirectories(in.resolve("grey"));
        Path jpg = FIXTURES.resolve("photos/clean/n02085936_2020.jpg"); // 500x301 colour
        Files.copy(jpg, in.resolve("colour.JPG"));
        Files.copy(FIXTURES.resolve("photos/grey/n02085936_2999.png"), in.resolve("grey/g.png")); // 321x333 grey
        RasterImage grey = new ImageFileReader().read(in.resolve("grey/g.png"));
        ImageFileWriter.write(new RasterImage(37, 53, 1, java.util.Arrays.copyOf(grey.samples(), 37 * 53)),
                in.resolve("odd.bmp"), "bmp");
        Path o = tmp.resolve("out");
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "--tile", "64"), err());
        assertTrue(err().contains("done 3, skipped 0, failed 0"), err());
        RasterImage c = new ImageFileReader().read(o.resolve("colour.JPG"));
        assertEquals(List.of(500, 301, 3), List.of(c.width(), c.height(), c.channels()));
        assertEquals(ImageFormat.JPEG, ImageFormat.sniff(Files.readAllBytes(o.resolve("colour.JPG"))));
        RasterImage g = new ImageFileReader().read(o.resolve("grey/g.png"));
        assertEquals(List.of(321, 333, 1), List.of(g.width(), g.height(), g.channels()));
        RasterImage b = new ImageFileReader().read(o.resolve("odd.bmp"));
        assertEquals(List.of(37, 53, 1), List.of(b.width(), b.height(), b.channels()));
        // --format wins over the input's own; the output names follow it
        Path o2 = tmp.resolve("out2");
        assertEquals(0, run("denoise", in.resolve("colour.JPG").toString(), "-o", o2.toString(), "--format", "png"),
                err());
        assertTrue(Files.isRegularFile(o2.resolve("colour.png")));
    }

    @Test
    void aFolderHoldingAnotherModelsOutputsIsNotSkippedSilently() throws Exception {
        Path in = digits(3);
        Path o = tmp.resolve("rec-out");
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", "mnist-dae"), err());
        assertTrue(Files.readString(o.resolve(aekit.infer.batch.OutputRecord.FILE_NAME)).contains("model=mnist-dae"));
        // the same run again: its outputs are skipped
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", "mnist-dae"), err());
        assertTrue(err().contains("done 0, skipped 3, failed 0"), err());
        // another model into the same folder: refused before anything is written or skipped
        assertEquals(2, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(o + " holds the outputs of another run (command denoise, model mnist-dae, format png")
                && err().contains("give --overwrite to replace them, or another -o"), err());
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--overwrite"),
                err());
        assertTrue(err().contains("done 3, skipped 0, failed 0"), err());
        assertTrue(Files.readString(o.resolve(aekit.infer.batch.OutputRecord.FILE_NAME)).contains("command=reconstruct"));
    }

    @Test
    void everyCommandKeepsExistingOutputsUnlessOverwrite() throws Exception {
        Path in = digits(2);
        Path codes = tmp.resolve("codes.csv");
        assertEquals(0, run("encode", in.toString(), "-o", codes.toString(), "-m", BUNDLE.toString()), err());
        assertEquals(2, run("encode", in.toString(), "-o", codes.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().contains(codes + ": exists; give --overwrite to replace it"), err());
        assertEquals(0, run("encode", in.toString(), "-o", codes.toString(), "-m", BUNDLE.toString(), "--overwrite"),
                err());
        Path grid = tmp.resolve("grid.png");
        Files.writeString(grid, "keep me");
        assertEquals(2, run("grid", "-m", BUNDLE.toString(), "-o", grid.toString()));
        assertEquals("keep me", Files.readString(grid));
        // folders: existing files are kept and counted
        Path dec = tmp.resolve("decoded");
        assertEquals(0, run("decode", codes.toString(), "-o", dec.toString(), "-m", BUNDLE.toString()), err());
        assertEquals(0, run("decode", codes.toString(), "-o", dec.toString(), "-m", BUNDLE.toString()), err());
        assertTrue(err().contains("done 0, skipped 2, failed 0"), err());
        Path samples = tmp.resolve("samples");
        Path idx = FIXTURES.resolve("mnist/t10k-images-idx3-ubyte.gz");
        assertEquals(0, run("make-samples", idx.toString(), "-o", samples.toString(), "--count", "3"), err());
        Files.writeString(samples.resolve("00001.png"), "keep me");
        assertEquals(0, run("make-samples", idx.toString(), "-o", samples.toString(), "--count", "3"), err());
        assertTrue(err().contains("3 existing kept"), err());
        assertEquals("keep me", Files.readString(samples.resolve("00001.png")));
    }

    @Test
    void aGreyFileComesOutGreyFromAColourModel() throws Exception {
        Path in = tmp.resolve("grey-in");
        Files.createDirectories(in);
        Path src = FIXTURES.resolve("photos/grey/n02085936_2999.png");
        Files.copy(src, in.resolve("gp.png"));
        RasterImage g = new ImageFileReader().read(src);
        ImageFileWriter.write(g, in.resolve("gj.jpg"), "jpg", 95); // a grey JPEG
        Path o = tmp.resolve("grey-out");
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", "dogs-ae"), err());
        for (String name : List.of("gp.png", "gj.png")) {
            RasterImage r = new ImageFileReader().read(o.resolve(name));
            assertEquals(List.of(64, 64, 1), List.of(r.width(), r.height(), r.channels()), name);
        }
    }

    @Test
    void photoDenoisePassesAlphaThroughUntouched() throws Exception {
        Path in = tmp.resolve("alpha");
        RasterImage photo = new ImageFileReader().read(FIXTURES.resolve("photos/clean/n02085936_2020.jpg"));
        RasterImage grey = new ImageFileReader().read(FIXTURES.resolve("photos/grey/n02085936_2999.png"));
        byte[] ramp = new byte[photo.width() * photo.height()];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) (i % photo.width() * 255 / (photo.width() - 1)); // transparent left, opaque right
        }
        byte[] ramp2 = java.util.Arrays.copyOf(ramp, grey.width() * grey.height());
        ImageFileWriter.write(photo.withAlpha(ramp), in.resolve("rgba.png"), "png");
        ImageFileWriter.write(grey.withAlpha(ramp2), in.resolve("ga.png"), "png");
        ImageFileWriter.write(photo, in.resolve("rgb.png"), "png");
        Path o = tmp.resolve("alpha-out");
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString()), err());
        ImageFileReader keep = new ImageFileReader().keepingAlpha();
        RasterImage rgba = keep.read(o.resolve("rgba.png"));
        assertEquals(3, rgba.channels());
        assertArrayEquals(ramp, rgba.alpha());
        // the colours are denoised as they are, exactly as the same photo without alpha
        assertArrayEquals(keep.read(o.resolve("rgb.png")).samples(), rgba.samples());
        RasterImage ga = keep.read(o.resolve("ga.png"));
        assertEquals(1, ga.channels());
        assertArrayEquals(ramp2, ga.alpha());
        // JPEG has no alpha: composited on black before it is written
        Path o2 = tmp.resolve("alpha-jpg");
        assertEquals(0, run("denoise", in.resolve("rgba.png").toString(), "-o", o2.toString(), "--format", "jpg"),
                err());
        assertFalse(keep.read(o2.resolve("rgba.jpg")).hasAlpha());
    }

    @Test
    void denoiseRefusesAModelNotTrainedAsADenoiser() throws Exception {
        Path in = digits(2);
        Path o = tmp.resolve("o");
        assertEquals(2, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString()));
        assertTrue(err().strip().endsWith("was not trained as a denoiser (no input noise in its training); use "
                + "reconstruct, or --any-model to go on"), err());
        assertEquals(1, err().strip().lines().count(), err());
        assertFalse(Files.exists(o));
        assertEquals(0, run("denoise", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--any-model"),
                err());
        assertTrue(err().contains("is a fixed-size 28x28 model: outputs are 28x28"), err());
    }

    @Test
    void cudaWithoutTheGpuBuildIsOneLine() throws Exception {
        Path in = digits(1);
        assertEquals(1, run("reconstruct", in.toString(), "-o", tmp.resolve("o").toString(), "-m", BUNDLE.toString(),
                "--device", "cuda"));
        String e = err().strip();
        assertTrue(e.contains("--device cuda: ONNX Runtime's CUDA execution provider is not available"), e);
        assertEquals(1, e.lines().count(), e);
        assertEquals(2, run("info", "--bogus"));
    }

    @Test
    void unknownModelAndWrongShapeBundleAreOneLine() throws Exception {
        Path in = digits(1);
        assertEquals(1, run("reconstruct", in.toString(), "-o", tmp.resolve("o").toString(), "-m", "no-such-model"));
        assertTrue(err().contains("--model no-such-model: not a bundle folder and not a shipped model"), err());
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        for (String f : List.of("encoder.onnx", "decoder.onnx")) {
            Files.copy(BUNDLE.resolve(f), bad.resolve(f));
        }
        Files.writeString(bad.resolve("model.json"), Files.readString(BUNDLE.resolve("model.json"))
                .replace("\"latentShape\" : [ 2 ]", "\"latentShape\" : [ 3 ]"));
        assertEquals(1, run("info", bad.toString()));
        assertTrue(err().contains(bad + "/encoder.onnx: output 'latent' has shape [-1, 2], expected [-1, 3] as "
                + "model.json says"), err());
    }

    @Test
    void formatNamesAreCaseInsensitiveWithAliasesAndAStableList() throws Exception {
        Path in = digits(1);
        Path o = tmp.resolve("fmt");
        assertEquals(0, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--format",
                "JPEG"), err());
        assertTrue(Files.isRegularFile(o.resolve("d000.jpg")), err());
        assertEquals(2, run("reconstruct", in.toString(), "-o", o.toString(), "-m", BUNDLE.toString(), "--format",
                "gif"));
        assertTrue(err().strip().endsWith("--format: format must be one of png, jpg, bmp, tiff (or jpeg, tif), got gif"),
                err());
    }
}
