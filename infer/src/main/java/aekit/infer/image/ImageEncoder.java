package aekit.infer.image;

import aekit.infer.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/** Writes (C, H, W) float tensors in [0,1] as 8-bit image files, atomically (temp file, then rename). */
public final class ImageEncoder {
    /** Output formats that can be written, by file extension. */
    public static final Set<String> FORMATS = Set.of("png", "bmp", "tiff", "jpg");

    private ImageEncoder() {
    }

    /** A tensor as an 8-bit grey or RGB image (values rounded, clamped to [0,255]). */
    public static BufferedImage toImage(float[] chw, int offset, int c, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        if (c == 1) {
            byte[] px = new byte[plane];
            for (int i = 0; i < plane; i++) {
                px[i] = (byte) level(chw[offset + i]);
            }
            img.getRaster().setDataElements(0, 0, w, h, px);
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = offset + y * w + x;
                    img.setRGB(x, y, level(chw[i]) << 16 | level(chw[i + plane]) << 8 | level(chw[i + 2 * plane]));
                }
            }
        }
        return img;
    }

    /** Writes an image in the format named by {@code format} (png, bmp, tiff, jpg). */
    public static void write(BufferedImage img, Path file, String format) throws IOException {
        String f = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new IllegalArgumentException("--format must be one of " + FORMATS + ", got " + format);
        }
        String informal = f.equals("jpg") ? "jpeg" : f;
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, informal, out)) {
                throw new IOException("no " + informal + " writer");
            }
        }, false);
    }

    /** A [0,1] float as an 8-bit level, rounded and clamped. */
    public static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255f);
    }
}
