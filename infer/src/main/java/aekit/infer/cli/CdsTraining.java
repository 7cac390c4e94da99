package aekit.infer.cli;

import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.RasterImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data-sharing archive: {@code java -XX:ArchiveClassesAtExit=ARCHIVE -cp
 * aekit-infer.jar aekit.infer.cli.CdsTraining} runs the batch commands a user runs most on small generated images in
 * a temporary folder (denoise of grey PNGs through {@code mnist-dae}, reconstruct of colour JPEGs through
 * {@code dogs-ae}, denoise of a colour JPEG and a grey PNG through the photo denoisers), so that the archive holds the
 * classes of all of them, whichever command comes first after a build. Its output is discarded; it exits 0 when every
 * command did, 1 otherwise (the launcher then keeps no archive).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int failed = run();
        if (failed > 0) {
            System.err.println("aekit: class-data-sharing training run: " + failed + " commands failed");
        }
        System.exit(failed > 0 ? 1 : 0);
    }

    /** Runs the commands in a new temporary folder, removed afterwards; returns how many failed. */
    static int run() throws IOException {
        Path dir = Files.createTempDirectory("aekit-cds");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int failed = 0;
        try {
            Random rnd = new Random(1);
            for (int i = 0; i < 3; i++) {
                ImageFileWriter.write(image(rnd, 28, 28, 1), dir.resolve("digits/" + i + ".png"), "png");
                ImageFileWriter.write(image(rnd, 96, 80, 3), dir.resolve("photos/" + i + ".jpg"), "jpg");
            }
            ImageFileWriter.write(image(rnd, 40, 36, 1), dir.resolve("mixed/grey.png"), "png");
            ImageFileWriter.write(image(rnd, 40, 36, 3), dir.resolve("mixed/colour.jpg"), "jpg");
            System.setOut(quiet);
            System.setErr(quiet);
            String[][] commands = {
                {"denoise", dir.resolve("digits").toString(), "-o", dir.resolve("out-digits").toString(), "-m",
                    "mnist-dae"},
                {"reconstruct", dir.resolve("photos").toString(), "-o", dir.resolve("out-dogs").toString(), "-m",
                    "dogs-ae"},
                {"denoise", dir.resolve("mixed").toString(), "-o", dir.resolve("out-mixed").toString()},
            };
            for (String[] c : commands) {
                failed += InferMain.run(c) == 0 ? 0 : 1;
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return failed;
    }

    private static RasterImage image(Random rnd, int w, int h, int c) {
        byte[] px = new byte[w * h * c];
        rnd.nextBytes(px);
        return new RasterImage(w, h, c, px);
    }
}
