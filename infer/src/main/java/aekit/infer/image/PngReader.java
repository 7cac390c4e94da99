package aekit.infer.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNG files batch runs mostly see (8-bit grey, grey + alpha, RGB or RGBA, not interlaced) straight from
 * their bytes, with the same sample rules as {@link ImageFileReader}'s ImageIO path (alpha composited on black,
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
        return read(data, file, limit, (w, h) -> 1, false);
    }

    /**
     * As {@link #read(byte[], Path, SizeCheck)}, decoding every {@code k}-th pixel of every {@code k}-th row
     * (k from {@code subsampling}, given the size from the header; the result is ceil(w/k) x ceil(h/k), the
     * pixels ImageIO's source subsampling picks). Rows are inflated and unfiltered one at a time, so memory holds
     * the result and two rows, not the image's whole inflated data. With {@code keepAlpha}, grey + alpha and RGBA
     * keep their alpha as a plane beside straight colours instead of being composited on black.
     */
    static RasterImage read(byte[] data, Path file, SizeCheck limit, Subsampling subsampling, boolean keepAlpha)
            throws ImageFormatException {
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
                    return decode(header, data, idat, file,
                            Math.max(1, subsampling.factor(header.width(), header.height())), keepAlpha);
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

    /** The subsampling factor for an image of this size (1: every pixel). */
    @FunctionalInterface
    interface Subsampling {
        int factor(int width, int height);
    }

    /** Checks an image size from its header (the decoder's pixel limit). */
    @FunctionalInterface
    interface SizeCheck {
        void check(long width, long height) throws ImageFormatException;
    }

    /**
     * Inflates the IDAT data ({@code idat}: spans of {@code data}) row by row, undoes the filters and keeps every
     * {@code k}-th pixel of every {@code k}-th row.
     */
    private static RasterImage decode(Header hd, byte[] data, List<int[]> idat, Path file, int k, boolean keepAlpha)
            throws ImageFormatException {
        int spp = hd.samplesPerPixel();
        int w = hd.width();
        int h = hd.height();
        int stride = w * spp;
        int ow = (w + k - 1) / k;
        int oh = (h + k - 1) / k;
        byte[] px = new byte[ow * oh * spp];
        byte[] cur = new byte[stride + 1]; // filter byte, then the row
        byte[] prev = new byte[stride + 1]; // the row above, unfiltered (zeros above the first row)
        long total = (long) (stride + 1) * h;
        Inflater inflater = INFLATER.get();
        inflater.reset();
        // through this thread's small direct buffers: Inflater's array methods pin arrays in a JNI critical
        // section (see PngWriter.deflate)
        java.nio.ByteBuffer in = DirectBuffers.in();
        java.nio.ByteBuffer out = DirectBuffers.out();
        out.clear().flip(); // read mode, empty
        int span = 0; // the IDAT chunk being fed
        int fed = 0; // bytes of it fed so far
        long n = 0; // inflated bytes consumed
        try {
            for (int y = 0; y < h; y++) {
                int got = 0;
                while (got < cur.length) {
                    if (out.hasRemaining()) {
                        int m = Math.min(out.remaining(), cur.length - got);
                        out.get(cur, got, m);
                        got += m;
                        continue;
                    }
                    if (inflater.needsInput()) {
                        while (span < idat.size() && fed == idat.get(span)[1]) {
                            span++;
                            fed = 0;
                        }
                        if (span == idat.size()) {
                            break;
                        }
                        int m = Math.min(in.capacity(), idat.get(span)[1] - fed);
                        in.clear();
                        in.put(data, idat.get(span)[0] + fed, m).flip();
                        inflater.setInput(in);
                        fed += m;
                    }
                    out.clear();
                    out.limit((int) Math.min(out.capacity(), total - n - got));
                    int m = inflater.inflate(out);
                    out.flip();
                    if (m == 0 && (inflater.finished() || inflater.needsDictionary())) {
                        break;
                    }
                }
                n += got;
                if (got < cur.length) {
                    throw new ImageFormatException(file, "corrupt or truncated PNG (image data ends after " + n
                            + " of " + total + " bytes)");
                }
                unfilterRow(cur, prev, stride, spp, y, file);
                if (y % k == 0) {
                    int row = (y / k) * ow * spp;
                    for (int ox = 0; ox < ow; ox++) {
                        System.arraycopy(cur, 1 + ox * k * spp, px, row + ox * spp, spp);
                    }
                }
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        } catch (DataFormatException e) {
            throw new ImageFormatException(file, "corrupt PNG (image data: " + e.getMessage() + ")");
        }
        return toRaster(px, ow, oh, spp, keepAlpha);
    }

    /**
     * Undoes one row's filter in place: {@code cur} holds the filter type and the filtered row, {@code prev} the
     * row above (unfiltered, same layout); afterwards {@code cur[1..]} is the row.
     */
    private static void unfilterRow(byte[] cur, byte[] prev, int stride, int bpp, int y, Path file)
            throws ImageFormatException {
        int type = cur[0];
        if (type < 0 || type > 4) {
            throw new ImageFormatException(file, "corrupt PNG (filter type " + type + " in row " + y + ")");
        }
        for (int i = 1; i <= stride; i++) {
            int a = i > bpp ? cur[i - bpp] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i > bpp ? prev[i - bpp] & 0xff : 0;
            int x = cur[i] & 0xff;
            int v = switch (type) {
                case 0 -> x;
                case 1 -> x + a;
                case 2 -> x + b;
                case 3 -> x + ((a + b) >>> 1);
                default -> x + PngWriter.paeth(a, b, c);
            };
            cur[i] = (byte) v;
        }
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

    /**
     * Grey or RGB samples; alpha composited on black exactly as ImageFileReader's ImageIO path does it, or with
     * {@code keepAlpha} split off as a plane.
     */
    private static RasterImage toRaster(byte[] px, int w, int h, int spp, boolean keepAlpha) {
        if (spp == 1 || spp == 3) {
            return new RasterImage(w, h, spp, px);
        }
        int colours = spp - 1;
        byte[] out = new byte[w * h * colours];
        if (keepAlpha) {
            byte[] alpha = new byte[w * h];
            for (int p = 0, n = w * h; p < n; p++) {
                System.arraycopy(px, p * spp, out, p * colours, colours);
                alpha[p] = px[p * spp + colours];
            }
            return new RasterImage(w, h, colours, out, alpha);
        }
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
