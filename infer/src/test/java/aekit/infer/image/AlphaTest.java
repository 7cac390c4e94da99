package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transparency: kept as a plane beside straight colours when asked, composited on black otherwise. */
class AlphaTest {
    @TempDir
    Path tmp;

    private static RasterImage random(int w, int h, int c, long seed) {
        Random r = new Random(seed);
        byte[] s = new byte[w * h * c];
        byte[] a = new byte[w * h];
        r.nextBytes(s);
        r.nextBytes(a);
        a[0] = 0; // fully transparent
        a[1] = (byte) 255; // opaque
        return new RasterImage(w, h, c, s, a);
    }

    @Test
    void pngAndTiffKeepAlphaThroughWriteAndRead() throws Exception {
        for (int c : new int[] {1, 3}) {
            RasterImage img = random(19, 7, c, c);
            for (String format : new String[] {"png", "tiff"}) {
                Path f = tmp.resolve("a" + c + "." + format);
                ImageFileWriter.write(img, f, format);
                RasterImage kept = new ImageFileReader().keepingAlpha().read(f);
                assertEquals(c, kept.channels(), format);
                assertArrayEquals(img.samples(), kept.samples(), format + " colours");
                assertArrayEquals(img.alpha(), kept.alpha(), format + " alpha");
                // a reader that does not keep alpha composites on black, as before
                RasterImage flat = new ImageFileReader().read(f);
                assertNull(flat.alpha());
                assertArrayEquals(img.composited().samples(), flat.samples(), format + " composited");
            }
        }
    }

    @Test
    void imageIoPathKeepsAlphaToo() throws Exception {
        // 16-bit RGBA is left to ImageIO by aekit's own PNG reader
        int w = 5;
        int h = 4;
        BufferedImage bi = new BufferedImage(new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_USHORT),
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_USHORT, w, h, 4, null),
                false, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bi.getRaster().setPixel(x, y, new int[] {257 * (10 * x), 257 * (20 * y), 257 * 200, 257 * (40 * x)});
            }
        }
        Path f = tmp.resolve("rgba16.png");
        ImageIO.write(bi, "png", f.toFile());
        RasterImage kept = new ImageFileReader().keepingAlpha().read(f);
        assertTrue(kept.hasAlpha());
        assertEquals(10 * 3, kept.sample(3, 1, 0));
        assertEquals(20, kept.sample(3, 1, 1));
        assertEquals(40 * 3, kept.alpha()[1 * w + 3] & 0xff);
        RasterImage flat = new ImageFileReader().read(f);
        assertEquals(Math.round(200 * 120 / 255.0), flat.sample(3, 1, 2));
    }

    @Test
    void opaqueImagesHaveNoPlaneAndJpegCompositesOnBlack() throws Exception {
        RasterImage img = random(16, 8, 3, 7);
        Path png = tmp.resolve("o.png");
        ImageFileWriter.write(new RasterImage(16, 8, 3, img.samples()), png, "png");
        assertFalse(new ImageFileReader().keepingAlpha().read(png).hasAlpha());
        Path bmp = tmp.resolve("o.bmp");
        ImageFileWriter.write(img, bmp, "bmp"); // BMP has no alpha: composited
        assertArrayEquals(img.composited().samples(), new ImageFileReader().keepingAlpha().read(bmp).samples());
        Path jpg = tmp.resolve("o.jpg");
        ImageFileWriter.write(img, jpg, "jpg", 100);
        assertFalse(new ImageFileReader().keepingAlpha().read(jpg).hasAlpha());
    }
}
