package aekit.infer.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNG files batch runs mostly see (8-bit grey, grey + alpha, RGB or RGBA, not interlaced) straight from
 * their bytes, with the same sample rules as {@link ImageDecoder}'s ImageIO path (alpha composited on black,
 * gamma not applied), so both give identical rasters (a test checks). A CRC mismatch in a critical chunk (IHDR,
 * PLTE, IDAT) and image data that inflate to fewer bytes than the image needs are errors. Anything else (palette,
 * 16-bit, interlaced, tRNS, an embedded ICC profile, an unknown critical chunk, a damaged ancillary chunk, a file
 * without IEND) returns null and is left to ImageIO.
 */
final class PngReader {
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

    private PngReader() {
    }

    /** Header fields needed to decode. */
    private record Header(int width, int height, int colourType) {
        int samplesPerPixel() {
            return switch (colourType) {
                case 0 -> 1;
                case 4 -> 2;
                case 2 -> 3;
                default -> 4; // 6
            };
        }
    }

    /**
     * The image in {@code data} (a whole PNG file), or null if it is not one of the simple kinds.
     *
     * @param limit checks the size from the header before anything is inflated
     */
    static RasterImage read(byte[] data, Path file, SizeCheck limit) throws ImageFormatException {
        int pos = 8; // after the signature, which the caller has sniffed
        Header header = null;
        List<int[]> idat = new ArrayList<>(); // {offset, length} of each IDAT chunk's data in the file
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 12 > data.length) {
                return null; // ends without IEND, or inside a chunk: ImageIO decides (it needs no IEND)
            }
            int length = getInt(data, pos);
            if (length < 0 || pos + 12L + length > data.length) {
                return null;
            }
            String type = new String(data, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            crc.reset();
            crc.update(data, pos + 4, 4 + length);
            if ((int) crc.getValue() != getInt(data, pos + 8 + length)) {
                if (Character.isLowerCase(type.charAt(0))) {
                    return null; // a damaged ancillary chunk (text, time, ...): ImageIO ignores those
                }
                throw new ImageFormatException(file, "corrupt PNG (CRC mismatch in the " + type + " chunk)");
            }
            int body = pos + 8;
            pos += 12 + length;
            if (header == null) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new ImageFormatException(file, "corrupt PNG (the first chunk is not a 13-byte IHDR)");
                }
                int w = getInt(data, body);
                int h = getInt(data, body + 4);
                int depth = data[body + 8];
                int colourType = data[body + 9];
                int interlace = data[body + 12];
                limit.check(w, h);
                if (depth != 8 || interlace != 0 || data[body + 10] != 0 || data[body + 11] != 0
                        || (colourType != 0 && colourType != 2 && colourType != 4 && colourType != 6)
                        || (4L * w + 1) * h > Integer.MAX_VALUE - 16) { // beyond one Java array: not ours to try
                    return null;
                }
                header = new Header(w, h, colourType);
                continue;
            }
            switch (type) {
                case "IDAT" -> idat.add(new int[] {body, length});
                case "IEND" -> {
                    return decode(header, data, idat, file);
                }
                case "tRNS", "iCCP" -> {
                    return null; // colour-key transparency or a colour profile: ImageIO's rules apply
                }
                default -> {
                    if (Character.isUpperCase(type.charAt(0)) && !type.equals("PLTE")) {
                        return null; // an unknown critical chunk
                    }
                }
            }
        }
    }

    /** Checks an image size from its header (the decoder's pixel limit). */
    @FunctionalInterface
    interface SizeCheck {
        void check(long width, long height) throws ImageFormatException;
    }

    /** Inflates the IDAT data ({@code idat}: spans of {@code data}) and undoes the filters. */
    private static RasterImage decode(Header hd, byte[] data, List<int[]> idat, Path file)
            throws ImageFormatException {
        int spp = hd.samplesPerPixel();
        int w = hd.width();
        int h = hd.height();
        int stride = w * spp;
        byte[] raw = new byte[(stride + 1) * h];
        Inflater inflater = INFLATER.get();
        inflater.reset();
        // through this thread's small direct buffers: Inflater's array methods pin arrays in a JNI critical
        // section (see PngWriter.deflate)
        java.nio.ByteBuffer in = DirectBuffers.in();
        java.nio.ByteBuffer out = DirectBuffers.out();
        int span = 0; // the IDAT chunk being fed
        int fed = 0; // bytes of it fed so far
        int n = 0;
        try {
            while (n < raw.length) {
                if (inflater.needsInput()) {
                    while (span < idat.size() && fed == idat.get(span)[1]) {
                        span++;
                        fed = 0;
                    }
                    if (span == idat.size()) {
                        break;
                    }
                    int k = Math.min(in.capacity(), idat.get(span)[1] - fed);
                    in.clear();
                    in.put(data, idat.get(span)[0] + fed, k).flip();
                    inflater.setInput(in);
                    fed += k;
                }
                out.clear();
                out.limit(Math.min(out.capacity(), raw.length - n));
                int k = inflater.inflate(out);
                out.flip().get(raw, n, k);
                n += k;
                if (k == 0 && (inflater.finished() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (n < raw.length) {
                throw new ImageFormatException(file, "corrupt or truncated PNG (image data ends after " + n + " of "
                        + raw.length + " bytes)");
            }
        } catch (DataFormatException e) {
            throw new ImageFormatException(file, "corrupt PNG (image data: " + e.getMessage() + ")");
        }
        byte[] px = unfilter(raw, stride, h, spp, file);
        return toRaster(px, w, h, spp);
    }

    /** Undoes the per-row filters in place order; returns the rows without their filter bytes. */
    static byte[] unfilter(byte[] raw, int stride, int h, int bpp, Path file) throws ImageFormatException {
        byte[] px = new byte[stride * h];
        for (int y = 0; y < h; y++) {
            int type = raw[y * (stride + 1)];
            int in = y * (stride + 1) + 1;
            int row = y * stride;
            int prev = row - stride;
            for (int i = 0; i < stride; i++) {
                int a = i >= bpp ? px[row + i - bpp] & 0xff : 0;
                int b = y > 0 ? px[prev + i] & 0xff : 0;
                int c = i >= bpp && y > 0 ? px[prev + i - bpp] & 0xff : 0;
                int x = raw[in + i] & 0xff;
                int v = switch (type) {
                    case 0 -> x;
                    case 1 -> x + a;
                    case 2 -> x + b;
                    case 3 -> x + ((a + b) >>> 1);
                    case 4 -> x + PngWriter.paeth(a, b, c);
                    default -> throw new ImageFormatException(file, "corrupt PNG (filter type " + type + " in row "
                            + y + ")");
                };
                px[row + i] = (byte) v;
            }
        }
        return px;
    }

    /** Grey or RGB samples; alpha composited on black exactly as ImageDecoder's ImageIO path does it. */
    private static RasterImage toRaster(byte[] px, int w, int h, int spp) {
        if (spp == 1 || spp == 3) {
            return new RasterImage(w, h, spp, px);
        }
        int colours = spp - 1;
        byte[] out = new byte[w * h * colours];
        for (int p = 0, n = w * h; p < n; p++) {
            double a = (px[p * spp + colours] & 0xff) / 255.0;
            for (int c = 0; c < colours; c++) {
                out[p * colours + c] = (byte) Math.round((px[p * spp + c] & 0xff) * 255.0 / 255.0 * a);
            }
        }
        return new RasterImage(w, h, colours, out);
    }

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }
}
