package aekit.infer.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal binary PPM (P6) / PGM (P5) reader for reference decodes in tests, independent of the decoders tested. */
final class Pnm {
    private Pnm() {
    }

    static RasterImage read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int[] pos = {0};
        String magic = token(b, pos);
        int w = Integer.parseInt(token(b, pos));
        int h = Integer.parseInt(token(b, pos));
        int max = Integer.parseInt(token(b, pos));
        pos[0]++; // the single whitespace after maxval
        if (max != 255 || !(magic.equals("P5") || magic.equals("P6"))) {
            throw new IOException(file + ": expected 8-bit P5/P6, got " + magic + " maxval " + max);
        }
        int c = magic.equals("P6") ? 3 : 1;
        byte[] px = java.util.Arrays.copyOfRange(b, pos[0], pos[0] + w * h * c);
        return new RasterImage(w, h, c, px);
    }

    private static String token(byte[] b, int[] pos) {
        while (Character.isWhitespace(b[pos[0]]) || b[pos[0]] == '#') {
            if (b[pos[0]] == '#') {
                while (b[pos[0]] != '\n') {
                    pos[0]++;
                }
            }
            pos[0]++;
        }
        int start = pos[0];
        while (!Character.isWhitespace(b[pos[0]])) {
            pos[0]++;
        }
        return new String(b, start, pos[0] - start, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
