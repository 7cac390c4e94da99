package aekit.infer.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The image formats aekit reads, recognised by their leading bytes (never by the file name). */
public enum ImageFormat {
    JPEG, PNG, BMP, TIFF, GIF, PNM;

    /** Description for error messages. */
    public static final String SUPPORTED = "JPEG, PNG, BMP, TIFF, GIF or PNM";

    /** Sniffs a file's format from its first bytes; null if it is none of the supported ones. */
    public static ImageFormat sniff(Path file) throws IOException {
        byte[] h = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        }
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return PNG;
        }
        if (n >= 2 && h[0] == 'B' && h[1] == 'M') {
            return BMP;
        }
        if (n >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0)
                || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) {
            return TIFF;
        }
        if (n >= 4 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') {
            return GIF;
        }
        if (n >= 2 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6') {
            return PNM;
        }
        return null;
    }
}
