package aekit.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.RasterImage;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use from Java" example, run as written there: the test first checks that its own code between the
 * markers is the README's code block, word for word, so the two cannot drift apart.
 */
class EmbeddingTest {
    static final Path SAMPLES = Path.of(System.getProperty("aekit.fixtures", "../fixtures")).resolveSibling("samples");
    static final String BEGIN = "// --- README: Use from Java ---";
    static final String END = "// --- end ---";

    @TempDir
    Path tmp;

    @Test
    void readmeExampleRuns() throws Exception {
        Path in = SAMPLES.resolve("photos-noisy/n02085936_2999.png");
        Path out = tmp.resolve("clean.png");
        Path digit = SAMPLES.resolve("mnist-noisy/00000.png");
        Path restored = tmp.resolve("digit.png");
        // --- README: Use from Java ---
        try (Denoiser denoiser = Denoiser.open("photo-denoise-rgb")) {   // a shipped name or a bundle folder
            BufferedImage clean = denoiser.denoise(in);                   // a Path, BufferedImage, byte[] or InputStream
            ImageIO.write(clean, "png", out.toFile());                    // same size as the input, grey stays grey
        }
        try (Autoencoder mnist = Autoencoder.open("mnist-dae")) {
            float[] code = mnist.encode(ImageIO.read(digit.toFile()));    // the latent code
            ImageIO.write(mnist.reconstruct(digit), "png", restored.toFile()); // 28 x 28, the model's size
            System.out.println(code.length + " latent values");
        }
        // --- end ---
        RasterImage a = new ImageFileReader().read(in);
        RasterImage b = new ImageFileReader().read(out);
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        assertEquals(3, b.channels());
        RasterImage r = new ImageFileReader().read(restored);
        assertEquals(28, r.width());
        assertEquals(28, r.height());
        assertEquals(1, r.channels());
    }

    @Test
    void theExampleIsTheReadmes() throws Exception {
        String source = Files.readString(Path.of("src/test/java/aekit/infer/EmbeddingTest.java"));
        String mine = source.substring(source.indexOf(BEGIN + "\n") + BEGIN.length() + 1,
                source.indexOf("        " + END)).replaceAll("(?m)^ {8}", "").strip();
        String readme = Files.readString(Path.of("../README.md"));
        int at = readme.indexOf("**Use from Java**");
        assertTrue(at >= 0, "README has no Use from Java");
        int start = readme.indexOf("```java\n", at) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("```", start)).strip();
        assertEquals(block, mine);
    }

    @Test
    void closingTwiceDoesNothingAndAClosedModelSaysSo() throws Exception {
        Denoiser d = Denoiser.open("photo-denoise-grey");
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.denoise(new float[16 * 16], 16, 16));
        Autoencoder a = Autoencoder.open("mnist-dae");
        a.close();
        a.close();
        assertThrows(IllegalStateException.class, () -> a.encode(new float[28 * 28], 1));
    }

    @Test
    void bytesStreamsAndImagesGiveTheSameResult() throws Exception {
        Path digit = SAMPLES.resolve("mnist-noisy/00001.png");
        try (Autoencoder mnist = Autoencoder.open("mnist-dae")) {
            BufferedImage fromFile = mnist.reconstruct(digit);
            BufferedImage fromBytes = mnist.reconstruct(Files.readAllBytes(digit));
            BufferedImage fromStream;
            try (var s = Files.newInputStream(digit)) {
                fromStream = mnist.reconstruct(s);
            }
            BufferedImage fromImage = mnist.reconstruct(ImageIO.read(digit.toFile()));
            for (BufferedImage other : new BufferedImage[] {fromBytes, fromStream, fromImage}) {
                assertArrayEquals(ImageFileReader.toRaster(fromFile).samples(), ImageFileReader.toRaster(other).samples());
            }
        }
        try (Denoiser grey = Denoiser.open("photo-denoise-grey")) {
            BufferedImage g = grey.denoise(Files.readAllBytes(digit));
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, g.getType());
            assertEquals(28, g.getWidth());
            Path out = tmp.resolve("d.bmp");
            grey.denoise(digit, out);
            assertArrayEquals(ImageFileReader.toRaster(g).samples(), new ImageFileReader().read(out).samples());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> grey.denoise(digit, tmp.resolve("d.xyz")));
            assertTrue(e.getMessage().contains("d.xyz: the extension must name an output format"), e.getMessage());
        }
    }

    @Test
    void errorsAreAekitExceptionsNamingTheSource() throws Exception {
        AekitException e = assertThrows(AekitException.class, () -> Denoiser.open("no-such-model"));
        assertTrue(e.getMessage().startsWith("no-such-model: not a bundle folder and not a shipped model"),
                e.getMessage());
        e = assertThrows(AekitException.class, () -> Denoiser.open("mnist-dae"));
        assertTrue(e.getMessage().contains("not a photo-denoiser bundle"), e.getMessage());
        e = assertThrows(AekitException.class, () -> Autoencoder.open("photo-denoise-rgb"));
        assertTrue(e.getMessage().contains("a photo denoiser"), e.getMessage());
        try (Denoiser d = Denoiser.open("photo-denoise-grey")) {
            e = assertThrows(AekitException.class, () -> d.denoise(new byte[] {1, 2, 3}));
            assertTrue(e.getMessage().startsWith("image bytes: not a supported image"), e.getMessage());
        }
    }
}
