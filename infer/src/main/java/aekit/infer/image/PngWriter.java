package aekit.infer.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit grey or RGB images as PNG (colour type 0 or 2, not interlaced, no ancillary chunks), choosing each
 * row's filter by the usual minimum-sum-of-absolute-differences rule. It is the writer for every PNG aekit makes:
 * ImageIO's PNG writer costs more than the model itself for a 28x28 image (stream, writer lookup and metadata
 * objects per file), which made writing the bottleneck of batch denoising.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One deflater per thread, reset between images: creating one allocates native memory. */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(6));

    private PngWriter() {
    }

    /** The PNG file for {@code img}. */
    public static byte[] encode(RasterImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + img.samples().length / 2);
        try {
            write(img, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }

    /** Writes {@code img} as a PNG file to {@code out}. */
    public static void write(RasterImage img, OutputStream out) throws IOException {
        int w = img.width();
        int h = img.height();
        int c = img.channels() + (img.hasAlpha() ? 1 : 0);
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bit depth
        ihdr[9] = (byte) switch (c) { // colour type
            case 1 -> 0; // grey
            case 2 -> 4; // grey + alpha
            case 3 -> 2; // truecolour
            default -> 6; // truecolour + alpha
        };
        // compression 0, filter method 0, interlace 0
        chunk(out, "IHDR", ihdr, ihdr.length);
        byte[] filtered = filter(img.hasAlpha() ? interleaveAlpha(img) : img.samples(), w, h, c);
        byte[] idat = deflate(filtered);
        chunk(out, "IDAT", idat, idat.length);
        chunk(out, "IEND", new byte[0], 0);
    }

    /** The colours and the alpha plane of {@code img} interleaved, (H, W, C + 1). */
    static byte[] interleaveAlpha(RasterImage img) {
        int c = img.channels();
        byte[] s = img.samples();
        byte[] a = img.alpha();
        byte[] px = new byte[a.length * (c + 1)];
        for (int p = 0; p < a.length; p++) {
            System.arraycopy(s, p * c, px, p * (c + 1), c);
            px[p * (c + 1) + c] = a[p];
        }
        return px;
    }

    /**
     * zlib-compresses {@code data}, streaming it through this thread's small direct buffers: the array methods of
     * Deflater pin the arrays in a JNI critical section, which stalls the garbage collector, and G1 answers a
     * stalled allocation by growing the heap (a batch run's memory grew past 1 GB that way).
     */
    static byte[] deflate(byte[] data) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        ByteBuffer in = DirectBuffers.in();
        ByteBuffer out = DirectBuffers.out();
        byte[] result = new byte[data.length / 2 + 64];
        int n = 0;
        int fed = 0;
        if (data.length == 0) {
            deflater.finish();
        }
        while (!deflater.finished()) {
            if (deflater.needsInput() && fed < data.length) {
                int k = Math.min(in.capacity(), data.length - fed);
                in.clear();
                in.put(data, fed, k).flip();
                deflater.setInput(in);
                fed += k;
                if (fed == data.length) {
                    deflater.finish();
                }
            }
            out.clear();
            deflater.deflate(out);
            out.flip();
            if (n + out.remaining() > result.length) {
                result = java.util.Arrays.copyOf(result, Math.max(n + out.remaining(), 2 * result.length));
            }
            int k = out.remaining();
            out.get(result, n, k);
            n += k;
        }
        return java.util.Arrays.copyOf(result, n);
    }

    /** Rows prefixed with their filter type, each row filtered with the type that minimises its sum of |bytes|. */
    static byte[] filter(byte[] px, int w, int h, int c) {
        int stride = w * c;
        byte[] out = new byte[h * (stride + 1)];
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int prev = row - stride; // < 0 on the first row: the row above is zeros
            long s0 = 0;
            long s1 = 0;
            long s2 = 0;
            long s3 = 0;
            long s4 = 0;
            for (int i = 0; i < stride; i++) { // one pass scores all five filters
                int x = px[row + i] & 0xff;
                int a = i >= c ? px[row + i - c] & 0xff : 0;
                int b = prev >= 0 ? px[prev + i] & 0xff : 0;
                int d = i >= c && prev >= 0 ? px[prev + i - c] & 0xff : 0;
                s0 += Math.abs((byte) x);
                s1 += Math.abs((byte) (x - a));
                s2 += Math.abs((byte) (x - b));
                s3 += Math.abs((byte) (x - ((a + b) >>> 1)));
                s4 += Math.abs((byte) (x - paeth(a, b, d)));
            }
            int best = 0;
            long min = s0;
            long[] sums = {s1, s2, s3, s4};
            for (int t = 1; t < 5; t++) {
                if (sums[t - 1] < min) {
                    min = sums[t - 1];
                    best = t;
                }
            }
            int o = y * (stride + 1);
            out[o] = (byte) best;
            for (int i = 0; i < stride; i++) {
                int x = px[row + i] & 0xff;
                int a = i >= c ? px[row + i - c] & 0xff : 0;
                int b = prev >= 0 ? px[prev + i] & 0xff : 0;
                int d = i >= c && prev >= 0 ? px[prev + i - c] & 0xff : 0;
                int predicted = switch (best) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >>> 1;
                    default -> paeth(a, b, d);
                };
                out[o + 1 + i] = (byte) (x - predicted);
            }
        }
        return out;
    }

    /** The PNG Paeth predictor of a (left), b (above) and c (upper left). */
    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
