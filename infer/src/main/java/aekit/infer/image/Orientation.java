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

    /** The EXIF orientation of a JPEG file, 1 (upright) when absent or unreadable. */
    static int exifOrientation(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            if (!hasExifSegment(new java.io.BufferedInputStream(in, 8192))) {
                return 1; // most photos: no need to parse metadata
            }
        } catch (java.io.IOException e) {
            return 1;
        }
        return orientation(() -> Imaging.getMetadata(file.toFile()));
    }

    /** The EXIF orientation of a JPEG held in memory, 1 (upright) when absent or unreadable. */
    static int exifOrientation(byte[] jpeg) {
        if (!hasExifSegment(new java.io.ByteArrayInputStream(jpeg))) {
            return 1;
        }
        return orientation(() -> Imaging.getMetadata(jpeg));
    }

    /** Reads an image's metadata. */
    private interface MetadataSource {
        ImageMetadata read() throws Exception;
    }

    private static int orientation(MetadataSource source) {
        try {
            ImageMetadata meta = source.read();
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

    /** Whether the JPEG has an APP1 "Exif" segment before its image data (a cheap walk over the markers). */
    static boolean hasExifSegment(java.io.InputStream stream) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(stream)) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return false;
            }
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return false; // start of scan, end of image or not a marker: no EXIF ahead of the data
                }
                int len = in.readUnsignedShort();
                if (marker == 0xFFE1 && len >= 8) {
                    byte[] id = new byte[6];
                    in.readFully(id);
                    if (id[0] == 'E' && id[1] == 'x' && id[2] == 'i' && id[3] == 'f' && id[4] == 0 && id[5] == 0) {
                        return true;
                    }
                    in.skipNBytes(len - 8);
                } else {
                    in.skipNBytes(len - 2);
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
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
