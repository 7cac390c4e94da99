package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PngWriter's files read back exactly through ImageIO; PngReader gives exactly what the ImageIO path gives. */
class PngCodecTest {
    private static final Path FILE = Path.of("test.png");

    @TempDir
    Path tmp;

    /** Noise, a smooth ramp and flat areas, so that every filter type wins somewhere. */
    private static RasterImage image(int w, int h, int c, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    int v = switch ((y / 4) % 4) {
                        case 0 -> r.nextInt(256);
                        case 1 -> (x * 7 + y * 3 + k * 40) & 0xff;
                        case 2 -> 200;
                        default -> (x * y + k) & 0xff;
                    };
                    px[(y * w + x) * c + k] = (byte) v;
                }
            }
        }
        return new RasterImage(w, h, c, px);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void writtenFilesReadBackExactlyThroughImageIo(int channels) throws IOException {
        for (int[] size : new int[][] {{1, 1}, {3, 7}, {28, 28}, {64, 48}, {101, 17}}) {
            RasterImage img = image(size[0], size[1], channels, size[0] * 31L + size[1]);
            byte[] png = PngWriter.encode(img);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR, back.getType());
            assertArrayEquals(img.samples(), ImageFileReader.toRaster(back, FILE).samples(),
                    size[0] + "x" + size[1]);
        }
    }

    @Test
    void rowsUseSeveralFilterTypesAndUnfilterBack() throws IOException {
        RasterImage img = image(64, 64, 3, 7);
        byte[] filtered = PngWriter.filter(img.samples(), 64, 64, 3);
        Set<Integer> types = new HashSet<>();
        for (int y = 0; y < 64; y++) {
            types.add((int) filtered[y * (64 * 3 + 1)]);
        }
        assertTrue(types.size() >= 3, "filter types used: " + types);
        byte[] raw = PngReader.unfilter(filtered, 64 * 3, 64, 3, FILE);
        assertArrayEquals(img.samples(), raw, "unfiltering undoes filtering");
    }

    /**
     * The filter pass against a plain reference of the rule (all five predictors of every byte scored, the first
     * lowest sum wins, Paeth by the specification's formula): the same bytes for grey, RGB and RGBA rows of any
     * width, including one pixel wide and one row high.
     */
    @Test
    void filterChoosesAndAppliesLikeThePlainRule() {
        for (int c : new int[] {1, 2, 3, 4}) {
            for (int[] size : new int[][] {{1, 1}, {1, 9}, {9, 1}, {28, 28}, {64, 48}, {101, 17}}) {
                RasterImage img = image(size[0], size[1], c == 1 || c == 2 ? 1 : 3, size[0] * 7L + c);
                byte[] px = c == 2 || c == 4 ? withAlpha(img.samples(), c) : img.samples();
                assertArrayEquals(referenceFilter(px, size[0], size[1], c), PngWriter.filter(px, size[0], size[1], c),
                        size[0] + "x" + size[1] + "x" + c);
            }
        }
    }

    private static byte[] withAlpha(byte[] colours, int c) {
        int n = colours.length / (c - 1);
        byte[] px = new byte[n * c];
        for (int p = 0; p < n; p++) {
            System.arraycopy(colours, p * (c - 1), px, p * c, c - 1);
            px[p * c + c - 1] = (byte) (p * 37);
        }
        return px;
    }

    private static byte[] referenceFilter(byte[] px, int w, int h, int c) {
        int stride = w * c;
        byte[] out = new byte[h * (stride + 1)];
        for (int y = 0; y < h; y++) {
            byte[][] candidates = new byte[5][stride];
            long[] sums = new long[5];
            for (int t = 0; t < 5; t++) {
                for (int i = 0; i < stride; i++) {
                    int x = px[y * stride + i] & 0xff;
                    int a = i >= c ? px[y * stride + i - c] & 0xff : 0;
                    int b = y > 0 ? px[(y - 1) * stride + i] & 0xff : 0;
                    int d = i >= c && y > 0 ? px[(y - 1) * stride + i - c] & 0xff : 0;
                    int p = a + b - d;
                    int paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - d) ? a
                            : Math.abs(p - b) <= Math.abs(p - d) ? b : d;
                    int predicted = new int[] {0, a, b, (a + b) / 2, paeth}[t];
                    candidates[t][i] = (byte) (x - predicted);
                    sums[t] += Math.abs(candidates[t][i]);
                }
            }
            int best = 0;
            for (int t = 1; t < 5; t++) {
                if (sums[t] < sums[best]) {
                    best = t;
                }
            }
            out[y * (stride + 1)] = (byte) best;
            System.arraycopy(candidates[best], 0, out, y * (stride + 1) + 1, stride);
        }
        return out;
    }

    private static byte[] imageIoPng(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", out));
        return out.toByteArray();
    }

    private static BufferedImage greyAlpha(int w, int h, long seed) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, new int[] {rnd.nextInt(256), rnd.nextInt(256)});
            }
        }
        return new BufferedImage(cm, r, false, null);
    }

    private static BufferedImage rgba(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt());
            }
        }
        return img;
    }

    @Test
    void readerGivesTheImageIoPathsSamples() throws IOException {
        BufferedImage[] kinds = {ImageFileWriter.toImage(image(30, 20, 1, 1)), ImageFileWriter.toImage(image(30, 20, 3, 2)),
            greyAlpha(25, 9, 3), rgba(19, 23, 4)};
        for (BufferedImage kind : kinds) {
            byte[] png = imageIoPng(kind);
            RasterImage fast = PngReader.read(png, FILE, (w, h) -> { });
            assertNotNull(fast, "type " + kind.getType());
            RasterImage slow = ImageFileReader.toRaster(ImageIO.read(new ByteArrayInputStream(png)), FILE);
            assertEquals(slow.channels(), fast.channels());
            assertArrayEquals(slow.samples(), fast.samples(), "type " + kind.getType());
        }
    }

    @Test
    void subsampledReadPicksThePixelsImageIoPicks() throws IOException {
        BufferedImage[] kinds = {ImageFileWriter.toImage(image(97, 61, 1, 5)), ImageFileWriter.toImage(image(97, 61, 3, 6)),
            rgba(50, 37, 7)};
        for (BufferedImage kind : kinds) {
            byte[] png = imageIoPng(kind);
            for (int k : new int[] {1, 2, 3, 7}) {
                RasterImage fast = PngReader.read(png, FILE, (w, h) -> { }, (w, h) -> k, false);
                javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
                reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(png)));
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(k, k, 0, 0);
                RasterImage slow = ImageFileReader.toRaster(reader.read(0, param), FILE);
                reader.dispose();
                assertEquals(slow.width(), fast.width(), "k " + k);
                assertEquals(slow.height(), fast.height(), "k " + k);
                assertArrayEquals(slow.samples(), fast.samples(), "type " + kind.getType() + ", k " + k);
            }
        }
        // through the decoder: subsampled only where the caller's minimum size allows a factor of 2 or more
        Path f = tmp.resolve("big.png");
        Files.write(f, imageIoPng(ImageFileWriter.toImage(image(400, 300, 3, 8))));
        int[] seen = new int[3];
        RasterImage r = new ImageFileReader().read(f, 28 * 8, 28 * 8, (w, h, k) -> {
            seen[0] = w;
            seen[1] = h;
            seen[2] = k;
        });
        assertEquals(400, seen[0]);
        assertEquals(300, seen[1]);
        assertEquals(1, seen[2]);
        assertEquals(400, r.width(), "300 / 224 < 2: full resolution");
        r = new ImageFileReader().read(f, 100, 100, (w, h, k) -> seen[2] = k);
        assertEquals(3, seen[2], "the hook is told the factor");
        assertEquals(134, r.width(), "k = min(400 / 100, 300 / 100) = 3");
        assertEquals(100, r.height());
        assertEquals(400, new ImageFileReader().read(f, 0, 0, (w, h, k) -> { }).width(), "0: never subsampled");
        Path bmp = tmp.resolve("big.bmp");
        ImageIO.write(ImageFileWriter.toImage(image(400, 300, 3, 8)), "bmp", bmp.toFile());
        assertEquals(134, new ImageFileReader().read(bmp, 100, 100, (w, h, k) -> { }).width(), "ImageIO formats too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png8.png", "grey.png", "alpha.png", "gama.png"})
    void goldenPngsTakeTheFastPathWithTheSameSamples(String name) throws IOException {
        byte[] png = Files.readAllBytes(GoldenCorpusTest.DIR.resolve(name));
        RasterImage fast = PngReader.read(png, FILE, (w, h) -> { });
        assertNotNull(fast);
        RasterImage slow = ImageFileReader.toRaster(ImageIO.read(new ByteArrayInputStream(png)), FILE);
        assertArrayEquals(slow.samples(), fast.samples());
    }

    @ParameterizedTest
    @ValueSource(strings = {"palette.png", "png16.png"})
    void otherKindsAreLeftToImageIo(String name) throws IOException {
        byte[] png = Files.readAllBytes(GoldenCorpusTest.DIR.resolve(name));
        assertNull(PngReader.read(png, FILE, (w, h) -> { }));
    }

    @Test
    void damagedFilesFailWithTheReason() throws IOException {
        byte[] png = PngWriter.encode(image(40, 30, 3, 9));
        byte[] flipped = png.clone();
        flipped[60] ^= 0x10; // inside the IDAT data
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> PngReader.read(flipped, FILE, (w, h) -> { }));
        assertTrue(e.getMessage().contains("CRC mismatch in the IDAT chunk"), e.getMessage());
        e = assertThrows(ImageFormatException.class, () -> PngReader.read(png, FILE, (w, h) -> {
            throw new ImageFormatException(FILE, "too large: " + w + "x" + h);
        }));
        assertEquals("test.png: too large: 40x30", e.getMessage());
        // a cut file is left to ImageIO, which reports it through the decoder with the file's name
        byte[] cut = java.util.Arrays.copyOf(png, png.length - 40);
        assertNull(PngReader.read(cut, FILE, (w, h) -> { }));
        Path f = tmp.resolve("cut.png");
        Files.write(f, cut);
        e = assertThrows(ImageFormatException.class, () -> new ImageFileReader().read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    }

    @Test
    void lenientWhereImageIoIs() throws IOException {
        RasterImage img = image(20, 10, 1, 3);
        byte[] png = PngWriter.encode(img);
        // no IEND: ImageIO decodes it, so the fast path steps aside rather than failing
        byte[] noEnd = java.util.Arrays.copyOf(png, png.length - 12);
        assertNull(PngReader.read(noEnd, FILE, (w, h) -> { }));
        Path f = tmp.resolve("no-iend.png");
        Files.write(f, noEnd);
        assertArrayEquals(img.samples(), new ImageFileReader().read(f).samples());
        // a tEXt chunk with a wrong CRC before IEND: ImageIO ignores ancillary damage
        byte[] text = {0, 0, 0, 3, 't', 'E', 'X', 't', 'a', 0, 'b', 1, 2, 3, 4};
        byte[] withText = new byte[png.length + text.length];
        System.arraycopy(png, 0, withText, 0, png.length - 12);
        System.arraycopy(text, 0, withText, png.length - 12, text.length);
        System.arraycopy(png, png.length - 12, withText, png.length - 12 + text.length, 12);
        assertNull(PngReader.read(withText, FILE, (w, h) -> { }));
        Path g = tmp.resolve("bad-text.png");
        Files.write(g, withText);
        assertArrayEquals(img.samples(), new ImageFileReader().read(g).samples());
    }

    @Test
    void largeImagesStreamThroughTheSmallBuffers() throws IOException {
        RasterImage img = image(700, 500, 3, 5); // 1 MB of samples: many 64 KB chunks each way
        byte[] png = PngWriter.encode(img);
        assertArrayEquals(img.samples(), PngReader.read(png, FILE, (w, h) -> { }).samples());
    }

    @Test
    void decoderAndEncoderAgreeThroughFiles() throws IOException {
        RasterImage img = image(33, 21, 3, 11);
        Path f = tmp.resolve("x.png");
        ImageFileWriter.write(img, f, "png");
        assertArrayEquals(img.samples(), new ImageFileReader().read(f).samples());
    }
}
