package aekit.infer.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;

/**
 * Decodes image files to 8-bit grey or RGB as displayed, or fails with a one-line {@link ImageFormatException}.
 * JPEG goes through TwelveMonkeys' ImageIO reader (right colours for CMYK/YCCK and Adobe JPEGs, progressive and
 * restart markers handled), PNG/BMP/TIFF/GIF through ImageIO, PNM through Commons Imaging; the EXIF orientation is
 * applied; any decoder warning (a truncated or corrupt stream that a decoder would otherwise patch with grey) is an
 * error. The pixel count is read from the header before decoding and checked against a limit (decompression bombs).
 * A file is read once, into memory (up to 64 MB); the common PNG kinds are decoded by {@link PngReader} with the
 * same rules, the rest as above.
 *
 * <p>Sample rules: 16-bit samples become round(v * 255 / 65535); alpha is composited on black
 * (round(c * a / max)); grey images stay grey with their stored sample values (no gamma is applied, also not a PNG
 * gAMA chunk); palette images become RGB. A decoder made by {@link #keepingAlpha()} keeps transparency instead:
 * straight colours and an alpha plane ({@link RasterImage#alpha()}) for images that have one.
 */
public final class ImageFileReader {
    /** Default limit on width x height: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    /**
     * Decoder warnings that do not mean damaged data: TwelveMonkeys warns that a CMYK/YCCK JPEG without an ICC
     * profile is converted with the standard (profile-less) formula, which is the reference conversion.
     */
    private static final java.util.regex.Pattern BENIGN_WARNING =
            java.util.regex.Pattern.compile("(?i)no embedded ICC colou?r profile");

    /** Files up to this size are read into memory in one go; larger ones are decoded from disk. */
    static final long IN_MEMORY_LIMIT = 64L << 20;

    /** The ImageIO reader provider found for each format, so later files skip the registry's probing. */
    private static final java.util.Map<ImageFormat, ImageReaderSpi> READERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final long maxPixels;
    private final boolean keepAlpha;

    public ImageFileReader(long maxPixels) {
        this(maxPixels, false);
    }

    private ImageFileReader(long maxPixels, boolean keepAlpha) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.keepAlpha = keepAlpha;
    }

    /**
     * A decoder with this one's pixel limit that keeps transparency: an image with alpha (grey + alpha, RGBA, a
     * palette with transparent entries) comes back with straight colours and an alpha plane rather than composited
     * on black; opaque images are as before.
     */
    public ImageFileReader keepingAlpha() {
        return new ImageFileReader(maxPixels, true);
    }

    public ImageFileReader() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** Decodes {@code file}; any failure is an {@link ImageFormatException} naming the file and the reason. */
    public RasterImage read(Path file) throws ImageFormatException {
        return read(file, 0, 0, (w, h, k) -> { });
    }

    /**
     * Sees an image's full size (from its header, after the pixel limit) before its pixels are decoded, and the
     * subsampling factor it will be decoded with (1: every pixel; k: about width/k x height/k pixels).
     */
    @FunctionalInterface
    public interface SizeHook {
        void sized(int width, int height, int subsampling) throws IOException;
    }

    /**
     * Decodes {@code file} for a caller that needs no more than {@code minWidth} x {@code minHeight} pixels (a
     * model that resizes every image to a small fixed input): an image at least twice that size in both
     * directions is decoded with source subsampling, every k-th pixel of every k-th row for the largest k that
     * keeps it at least that size (PNG, JPEG, BMP, TIFF, GIF; PNM is decoded whole). Zero for either: full
     * resolution. {@code onSize} sees the full size first (to wait for memory, or to scale a result back to it).
     */
    public RasterImage read(Path file, int minWidth, int minHeight, SizeHook onSize) throws ImageFormatException {
        try {
            return decode(file, new Request(minWidth, minHeight, onSize));
        } catch (IOException | RuntimeException e) {
            throw asFormatError(file, e);
        }
    }

    /**
     * Decodes an image file's bytes (read from HDFS or S3, say) by the same rules as {@link #read(Path)}: the same
     * sniffing, decoders, pixel limit, sample rules and EXIF orientation; any failure is an
     * {@link ImageFormatException} whose message starts with {@code name} exactly as given (a path, or a URI such as
     * {@code hdfs://nn/photos/a.png}).
     */
    public RasterImage read(byte[] encoded, String name) throws ImageFormatException {
        return read(encoded, name, 0, 0, (w, h, k) -> { });
    }

    /**
     * As {@link #read(Path, int, int, SizeHook)} for a file's bytes (subsampled decoding for callers that need no
     * more than {@code minWidth} x {@code minHeight} pixels); {@code name} as in {@link #read(byte[], String)}.
     */
    public RasterImage read(byte[] encoded, String name, int minWidth, int minHeight, SizeHook onSize)
            throws ImageFormatException {
        Path label = label(name); // names the file in the decoders' messages, replaced by name below
        ImageFormatException e;
        if (encoded.length == 0) {
            e = new ImageFormatException(label, "empty file (expected a " + ImageFormat.SUPPORTED + " image)");
        } else {
            try {
                return decode(label, encoded, new Request(minWidth, minHeight, onSize));
            } catch (IOException | RuntimeException x) {
                e = asFormatError(label, x);
            }
        }
        String prefix = label + ": ";
        String m = e.getMessage();
        throw new ImageFormatException(name, m.startsWith(prefix) ? m.substring(prefix.length()) : m, e.getCause());
    }

    /**
     * Decodes the image read from {@code in} (to its end, up to 64 MB; the stream is not
     * closed); {@code name} says where it came from in messages.
     */
    public RasterImage read(java.io.InputStream in, String name) throws ImageFormatException {
        byte[] data;
        try {
            data = in.readNBytes((int) IN_MEMORY_LIMIT + 1);
        } catch (IOException e) {
            throw new ImageFormatException(label(name), "cannot be read (" + firstLine(e) + ")", e);
        }
        if (data.length > IN_MEMORY_LIMIT) {
            throw new ImageFormatException(label(name), "more than " + (IN_MEMORY_LIMIT >> 20) + " MB (give a file)");
        }
        return read(data, name);
    }

    /**
     * An image already in memory as 8-bit grey or RGB, by the same sample rules as decoding (alpha composited on
     * black, 16-bit samples scaled, palettes expanded, grey kept grey).
     */
    public static RasterImage toRaster(BufferedImage img) throws ImageFormatException {
        return toRaster(img, Path.of("image"), false);
    }

    private static Path label(String name) {
        try {
            return Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            return Path.of("image");
        }
    }

    private static ImageFormatException asFormatError(Path file, Exception e) {
        if (e instanceof ImageFormatException f) {
            return f;
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            // the system's reason ("Permission denied"), not the exception's class and path
            return new ImageFormatException(file, "cannot be read (" + aekit.infer.io.OsErrors.reason(fs) + ")", e);
        }
        return new ImageFormatException(file, "cannot be read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + firstLine(e))
                + ")", e);
    }

    /** What a caller asked of one decode. */
    private record Request(int minWidth, int minHeight, SizeHook onSize) {
        /** The subsampling factor for a w x h image: 1, or k >= 2 keeping at least minWidth x minHeight. */
        int factor(int w, int h) {
            if (minWidth < 1 || minHeight < 1) {
                return 1;
            }
            int k = Math.min(w / minWidth, h / minHeight);
            return k >= 2 ? k : 1;
        }
    }

    private RasterImage decode(Path file, Request req) throws IOException {
        java.nio.file.attribute.BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImageFormatException(file, "no such file");
        }
        if (!attrs.isRegularFile()) {
            throw new ImageFormatException(file, "not a regular file");
        }
        if (attrs.size() == 0) {
            throw new ImageFormatException(file, "empty file (expected a " + ImageFormat.SUPPORTED + " image)");
        }
        // the whole file in one read (sniffing, decoding and EXIF from memory); very large files stream from disk
        return decode(file, attrs.size() <= IN_MEMORY_LIMIT ? Files.readAllBytes(file) : null, req);
    }

    /** Decodes from {@code data}, or from {@code file} when data is null (a file too large to read whole). */
    private RasterImage decode(Path file, byte[] data, Request req) throws IOException {
        byte[] head = data != null ? data : head(file);
        return decode(file, data, head, req);
    }

    /** Decodes a file's content ({@code data}, or null to stream it from {@code file}) starting with {@code head}. */
    private RasterImage decode(Path file, byte[] data, byte[] head, Request req) throws IOException {
        ImageFormat format = ImageFormat.sniff(head);
        if (format == null) {
            throw new ImageFormatException(file, "not a supported image (expected " + ImageFormat.SUPPORTED + ")");
        }
        if (format == ImageFormat.PNG && data != null) {
            RasterImage fast = PngReader.read(data, file, (w, h) -> checkSize(file, w, h, req, true), req::factor,
                    keepAlpha);
            if (fast != null) {
                return fast;
            }
        }
        BufferedImage img = format == ImageFormat.PNM ? readPnm(file, data, req) : readImageIo(file, data, format, req);
        RasterImage raster = toRaster(img, file, keepAlpha);
        if (format == ImageFormat.PNM && raster.channels() == 3 && (head[1] == '1' || head[1] == '2' || head[1] == '5')) {
            raster = firstChannel(raster); // P1 (bitmap), P2 and P5 (grey), which Commons Imaging returns as RGB
        }
        int orientation = format != ImageFormat.JPEG ? 1
                : data != null ? Orientation.exifOrientation(data) : Orientation.exifOrientation(file);
        return Orientation.apply(raster, orientation);
    }

    /** The first bytes of a file, enough to sniff its format. */
    private static byte[] head(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        }
    }

    private void checkSize(Path file, long w, long h, Request req, boolean subsampled) throws ImageFormatException {
        if (w <= 0 || h <= 0) {
            throw new ImageFormatException(file, "invalid size " + w + "x" + h + " in the header");
        }
        if (w * h > maxPixels) {
            throw new ImageTooLargeException(file, String.format(java.util.Locale.ROOT,
                    "too large: %dx%d = %.1f MP, limit %.1f MP", w, h, w * h / 1e6, maxPixels / 1e6));
        }
        try {
            req.onSize().sized((int) w, (int) h, subsampled ? req.factor((int) w, (int) h) : 1);
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageFormatException(file, "not decoded (" + firstLine(e) + ")", e);
        }
    }

    private BufferedImage readImageIo(Path file, byte[] data, ImageFormat format, Request req) throws IOException {
        try (ImageInputStream iis = data != null ? new ByteArrayImageInputStream(data)
                : ImageIO.createImageInputStream(file.toFile())) {
            if (iis == null) {
                throw new ImageFormatException(file, "cannot be opened for reading");
            }
            ImageReader reader = reader(iis, file, format);
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(iis, true, true);
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String warning) {
                        warnings.add(warning);
                    }
                });
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                checkSize(file, w, h, req, true);
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                int k = req.factor(w, h);
                if (k > 1) {
                    param.setSourceSubsampling(k, k, 0, 0);
                }
                if (format == ImageFormat.JPEG) {
                    rgbDestination(reader, param, (w + k - 1) / k, (h + k - 1) / k);
                }
                BufferedImage img = reader.read(0, param);
                for (String warning : warnings) {
                    if (!BENIGN_WARNING.matcher(warning).find()) {
                        throw new ImageFormatException(file, "corrupt or truncated " + format + " (decoder: "
                                + warning + ")");
                    }
                }
                return img;
            } catch (ImageFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new ImageFormatException(file, "corrupt or truncated " + format + " ("
                        + firstLine(e) + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Decodes a JPEG whose pixels come as 3-byte colour straight into an RGB-ordered image over a new array, which
     * {@link #fastPath} then takes as the samples: no BGR image to swap and copy (the same values: the reader's
     * conversion to sRGB does not depend on the band order it writes).
     */
    private static void rgbDestination(ImageReader reader, javax.imageio.ImageReadParam param, int w, int h)
            throws IOException {
        javax.imageio.ImageTypeSpecifier raw = reader.getImageTypes(0).next();
        if (raw.getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR || (long) w * h * 3 > Integer.MAX_VALUE) {
            return;
        }
        byte[] samples = new byte[w * h * 3];
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                new java.awt.image.DataBufferByte(samples, samples.length), w, h, w * 3, 3, new int[] {0, 1, 2}, null);
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        param.setDestination(new BufferedImage(cm, raster, false, null));
    }

    /**
     * The reader for a format: the first ImageIO reader that accepts the stream, looked up once per format (the
     * registry's order puts TwelveMonkeys' JPEG reader before the JDK's) and then made directly from its provider.
     */
    private static ImageReader reader(ImageInputStream iis, Path file, ImageFormat format) throws IOException {
        ImageReaderSpi spi = READERS.get(format);
        if (spi == null || !spi.canDecodeInput(iis)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file, "no decoder for this " + format + " file");
            }
            ImageReader reader = readers.next();
            if (reader.getOriginatingProvider() != null) {
                READERS.putIfAbsent(format, reader.getOriginatingProvider());
            }
            return reader;
        }
        return spi.createReaderInstance();
    }

    private BufferedImage readPnm(Path file, byte[] data, Request req) throws IOException {
        try {
            ImageInfo info = data != null ? Imaging.getImageInfo(data) : Imaging.getImageInfo(file.toFile());
            checkSize(file, info.getWidth(), info.getHeight(), req, false);
            return data != null ? Imaging.getBufferedImage(data) : Imaging.getBufferedImage(file.toFile());
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(file, "corrupt or truncated PNM (" + firstLine(e) + ")", e);
        }
    }

    private static RasterImage firstChannel(RasterImage rgb) {
        byte[] grey = new byte[rgb.width() * rgb.height()];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = rgb.samples()[3 * i];
        }
        return new RasterImage(rgb.width(), rgb.height(), 1, grey);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** Converts a decoded image to 8-bit grey or RGB following the class's sample rules (alpha composited). */
    static RasterImage toRaster(BufferedImage img, Path file) throws ImageFormatException {
        return toRaster(img, file, false);
    }

    /**
     * Converts a decoded image to 8-bit grey or RGB following the class's sample rules; with {@code keepAlpha}, an
     * image with alpha keeps it as a plane beside straight colours.
     */
    static RasterImage toRaster(BufferedImage img, Path file, boolean keepAlpha) throws ImageFormatException {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int csType = cm.getColorSpace().getType();
        boolean direct = cm instanceof ComponentColorModel || cm instanceof DirectColorModel;
        RasterImage fast = fastPath(img);
        if (fast != null) {
            return fast;
        }
        boolean keep = keepAlpha && cm.hasAlpha();
        if (cm instanceof IndexColorModel icm) {
            return fromArgb(w, h, (x, y) -> icm.getRGB(r.getSample(x, y, 0)), keep);
        }
        if (keep && cm.isAlphaPremultiplied()) {
            return fromArgb(w, h, img::getRGB, true); // getRGB gives straight colours
        }
        if (direct && (csType == ColorSpace.TYPE_GRAY || cm.getColorSpace().isCS_sRGB())) {
            int colours = cm.getNumColorComponents();
            boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied();
            byte[] alphaPlane = keep ? new byte[w * h] : null;
            double[] max = new double[cm.getNumComponents()];
            for (int i = 0; i < max.length; i++) {
                max[i] = (1L << cm.getComponentSize(i)) - 1;
            }
            byte[] out = new byte[w * h * colours];
            int[] px = new int[r.getNumBands()];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    double a = alpha ? px[colours] / max[colours] : 1.0;
                    if (alphaPlane != null) {
                        alphaPlane[y * w + x] = (byte) Math.round(a * 255.0);
                        a = 1.0; // straight colours beside the plane
                    }
                    for (int c = 0; c < colours; c++) {
                        out[(y * w + x) * colours + c] = (byte) Math.round(px[c] * 255.0 / max[c] * a);
                    }
                }
            }
            return new RasterImage(w, h, colours, out, alphaPlane);
        }
        if (csType == ColorSpace.TYPE_GRAY || csType == ColorSpace.TYPE_RGB || csType == ColorSpace.TYPE_CMYK
                || csType == ColorSpace.TYPE_YCbCr || csType == ColorSpace.TYPE_3CLR) {
            // any other colour space: let Java2D convert to sRGB
            return fromArgb(w, h, img::getRGB, keep);
        }
        throw new ImageFormatException(file, "unsupported colour model (" + cm.getColorSpace().getType()
                + " colour space, " + cm.getNumComponents() + " components)");
    }

    /** The two layouts JPEG and 8-bit PNG decoding usually give, copied straight from their byte buffers. */
    private static RasterImage fastPath(BufferedImage img) {
        int type = img.getType();
        boolean rgb = type == BufferedImage.TYPE_CUSTOM && img.getColorModel() instanceof ComponentColorModel cm
                && !cm.hasAlpha() && cm.getColorSpace().isCS_sRGB() && cm.getNumComponents() == 3
                && cm.getTransferType() == java.awt.image.DataBuffer.TYPE_BYTE;
        if ((type != BufferedImage.TYPE_3BYTE_BGR && type != BufferedImage.TYPE_BYTE_GRAY && !rgb)
                || !(img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte db)
                || !(img.getRaster().getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                || img.getRaster().getParent() != null) {
            return null;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int c = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
        if (sm.getPixelStride() != c || sm.getScanlineStride() != w * c || db.getNumBanks() != 1
                || db.getOffset() != 0) {
            return null;
        }
        byte[] src = db.getData();
        if (c == 1) {
            return new RasterImage(w, h, 1, java.util.Arrays.copyOf(src, w * h));
        }
        int[] offs = sm.getBandOffsets(); // BGR: {2, 1, 0}
        if (offs[0] == 0 && offs[1] == 1 && offs[2] == 2 && src.length == w * h * 3) {
            return new RasterImage(w, h, 3, src); // already RGB (a destination made for it): the array itself
        }
        byte[] out = new byte[w * h * 3];
        int r = offs[0];
        int g = offs[1];
        int b = offs[2];
        for (int i = 0, n = 3 * w * h; i < n; i += 3) {
            out[i] = src[i + r];
            out[i + 1] = src[i + g];
            out[i + 2] = src[i + b];
        }
        return new RasterImage(w, h, 3, out);
    }

    /** An sRGB ARGB value per pixel. */
    private interface ArgbSource {
        int argb(int x, int y);
    }

    /** RGB image from ARGB pixels, alpha composited on black, or with {@code keepAlpha} kept as a plane. */
    private static RasterImage fromArgb(int w, int h, ArgbSource src, boolean keepAlpha) {
        byte[] out = new byte[w * h * 3];
        byte[] alpha = keepAlpha ? new byte[w * h] : null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = src.argb(x, y);
                int a = argb >>> 24;
                int o = (y * w + x) * 3;
                if (alpha != null) {
                    alpha[y * w + x] = (byte) a;
                    a = 255;
                }
                out[o] = (byte) div255(((argb >> 16) & 0xff) * a);
                out[o + 1] = (byte) div255(((argb >> 8) & 0xff) * a);
                out[o + 2] = (byte) div255((argb & 0xff) * a);
            }
        }
        return new RasterImage(w, h, 3, out, alpha);
    }

    private static int div255(int v) {
        return (v + 127) / 255;
    }
}
