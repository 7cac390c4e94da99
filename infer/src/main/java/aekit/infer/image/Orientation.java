package aekit.infer.image;

import java.nio.file.Path;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;

/** EXIF orientation (tag 274, values 1-8): reading it with Commons Imaging and turning stored pixels upright. */
final class Orientation {
    private Orientation() {
    }

    /** The EXIF orientation of a JPEG, 1 (upright) when absent or unreadable. */
    static int exifOrientation(Path file) {
        try {
            ImageMetadata meta = Imaging.getMetadata(file.toFile());
            if (meta instanceof JpegImageMetadata jpeg) {
                TiffField f = jpeg.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
                if (f != null) {
                    int v = f.getIntValue();
                    return v >= 1 && v <= 8 ? v : 1;
                }
            }
        } catch (Exception e) {
            // EXIF that cannot be parsed does not stop a decodable image; it is shown as stored
        }
        return 1;
    }

    /** The image as displayed for an EXIF orientation. */
    static RasterImage apply(RasterImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int c = src.channels();
        byte[] out = new byte[src.samples().length];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                System.arraycopy(src.samples(), (sy * w + sx) * c, out, (y * dw + x) * c, c);
            }
        }
        return new RasterImage(dw, dh, c, out);
    }
}
