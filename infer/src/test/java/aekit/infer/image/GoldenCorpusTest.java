package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file of the golden corpus (fixtures/images/golden, made by make-golden.sh with ImageMagick/libjpeg-turbo,
 * see its README) decodes within +-2 levels of the independent reference decode, with the displayed size and the
 * channel count the reference has; the bad files fail with a one-line message naming the file.
 */
class GoldenCorpusTest {
    static final Path DIR = Path.of(System.getProperty("aekit.fixtures", "../fixtures"), "images", "golden");
    static final int TOLERANCE = 2;

    static Stream<Arguments> goodFiles() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        return lines.stream().skip(1).map(l -> l.split("\t")).filter(c -> !c[1].equals("-"))
                .map(c -> Arguments.of(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                        Integer.parseInt(c[4]), c[5]));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("goodFiles")
    void decodesLikeTheReference(String file, String ref, int w, int h, int channels, String kind) throws IOException {
        RasterImage got = new ImageFileReader().read(DIR.resolve(file));
        RasterImage want = Pnm.read(DIR.resolve(ref));
        assertEquals(w, got.width(), "width");
        assertEquals(h, got.height(), "height");
        assertEquals(channels, want.channels(), "the manifest and the reference agree");
        assertEquals(channels, got.channels(), "channels");
        int worst = 0;
        long off = 0;
        for (int i = 0; i < got.samples().length; i++) {
            int d = Math.abs((got.samples()[i] & 0xff) - (want.samples()[i] & 0xff));
            worst = Math.max(worst, d);
            off += d > TOLERANCE ? 1 : 0;
        }
        assertTrue(worst <= TOLERANCE, file + ": " + off + " samples differ by more than " + TOLERANCE
                + " levels, worst " + worst);
    }

    /**
     * 3-byte colour JPEGs are decoded straight into an RGB-ordered image: the samples must equal, byte for byte,
     * those of the image ImageIO itself makes (BGR, or whatever the reader picks for grey, CMYK and YCCK files),
     * converted the general way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"baseline.jpg", "progressive.jpg", "restart.jpg", "grey.jpg", "cmyk.jpg", "ycck.jpg",
        "exif-rotated.jpg", "exif-5.jpg"})
    void jpegSamplesEqualThoseOfImageIosOwnImage(String file) throws IOException {
        Path p = DIR.resolve(file);
        RasterImage got = new ImageFileReader().read(p);
        java.awt.image.BufferedImage plain = javax.imageio.ImageIO.read(p.toFile());
        RasterImage want = Orientation.apply(ImageFileReader.toRaster(plain, p), Orientation.exifOrientation(p));
        assertEquals(want.width(), got.width(), "width");
        assertEquals(want.height(), got.height(), "height");
        assertEquals(want.channels(), got.channels(), "channels");
        org.junit.jupiter.api.Assertions.assertArrayEquals(want.samples(), got.samples(), file);
    }

    /**
     * A JPEG with an embedded ICC profile (Adobe RGB 1998, here spliced into baseline.jpg as an APP2 segment): the
     * reader converts its colours to sRGB, and the samples decoded into the RGB destination are still exactly those
     * of ImageIO's own image, and differ from the untagged file's.
     */
    @org.junit.jupiter.api.Test
    void iccTaggedJpegConvertsToTheSamplesOfImageIosOwnImage(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        byte[] jpeg = Files.readAllBytes(DIR.resolve("baseline.jpg"));
        byte[] icc;
        try (java.io.InputStream in = GoldenCorpusTest.class.getResourceAsStream("/profiles/ClayRGB1998.icc")) {
            assertTrue(in != null, "TwelveMonkeys' Adobe RGB (1998) compatible profile on the classpath");
            icc = in.readAllBytes();
        }
        java.io.ByteArrayOutputStream app2 = new java.io.ByteArrayOutputStream();
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + tag.length + 2 + icc.length;
        app2.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        app2.write(tag);
        app2.write(new byte[] {1, 1}); // chunk 1 of 1
        app2.write(icc);
        Path tagged = tmp.resolve("adobe-rgb.jpg");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(jpeg, 0, 2); // SOI, then the profile, then the rest
        file.write(app2.toByteArray());
        file.write(jpeg, 2, jpeg.length - 2);
        Files.write(tagged, file.toByteArray());

        RasterImage got = new ImageFileReader().read(tagged);
        RasterImage want = ImageFileReader.toRaster(javax.imageio.ImageIO.read(tagged.toFile()), tagged);
        org.junit.jupiter.api.Assertions.assertArrayEquals(want.samples(), got.samples());
        RasterImage untagged = new ImageFileReader().read(DIR.resolve("baseline.jpg"));
        assertTrue(!java.util.Arrays.equals(untagged.samples(), got.samples()), "the profile was applied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated.jpg", "corrupt.png", "not-an-image.jpg", "empty.png"})
    void badFilesFailWithOneLineNamingTheFile(String file) {
        Path p = DIR.resolve(file);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> new ImageFileReader().read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void pixelLimitIsCheckedFromTheHeader() {
        Path p = DIR.resolve("baseline.jpg");
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> new ImageFileReader(96 * 72 - 1).read(p));
        assertTrue(e.getMessage().contains("too large: 96x72"), e.getMessage());
    }
}
