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
            assertArrayEquals(img.samples(), ImageDecoder.toRaster(back, FILE).samples(),
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
        BufferedImage[] kinds = {ImageEncoder.toImage(image(30, 20, 1, 1)), ImageEncoder.toImage(image(30, 20, 3, 2)),
            greyAlpha(25, 9, 3), rgba(19, 23, 4)};
        for (BufferedImage kind : kinds) {
            byte[] png = imageIoPng(kind);
            RasterImage fast = PngReader.read(png, FILE, (w, h) -> { });
            assertNotNull(fast, "type " + kind.getType());
            RasterImage slow = ImageDecoder.toRaster(ImageIO.read(new ByteArrayInputStream(png)), FILE);
            assertEquals(slow.channels(), fast.channels());
            assertArrayEquals(slow.samples(), fast.samples(), "type " + kind.getType());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"png8.png", "grey.png", "alpha.png", "gama.png"})
    void goldenPngsTakeTheFastPathWithTheSameSamples(String name) throws IOException {
        byte[] png = Files.readAllBytes(GoldenCorpusTest.DIR.resolve(name));
        RasterImage fast = PngReader.read(png, FILE, (w, h) -> { });
        assertNotNull(fast);
        RasterImage slow = ImageDecoder.toRaster(ImageIO.read(new ByteArrayInputStream(png)), FILE);
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
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> PngReader.read(java.util.Arrays.copyOf(png, png.length - 20), FILE, (w, h) -> { }));
        assertTrue(e.getMessage().startsWith("test.png: corrupt or truncated PNG"), e.getMessage());
        byte[] flipped = png.clone();
        flipped[60] ^= 0x10; // inside the IDAT data
        e = assertThrows(ImageFormatException.class, () -> PngReader.read(flipped, FILE, (w, h) -> { }));
        assertTrue(e.getMessage().contains("CRC mismatch in the IDAT chunk"), e.getMessage());
        e = assertThrows(ImageFormatException.class, () -> PngReader.read(png, FILE, (w, h) -> {
            throw new ImageFormatException(FILE, "too large: " + w + "x" + h);
        }));
        assertEquals("test.png: too large: 40x30", e.getMessage());
    }

    @Test
    void decoderAndEncoderAgreeThroughFiles() throws IOException {
        RasterImage img = image(33, 21, 3, 11);
        Path f = tmp.resolve("x.png");
        ImageEncoder.write(img, f, "png");
        assertArrayEquals(img.samples(), new ImageDecoder().read(f).samples());
    }
}
