package aekit.infer.image;

import aekit.infer.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes (C, H, W) float tensors in [0,1] as 8-bit image files, atomically (temp file, then rename); PNG (the
 * default everywhere) through {@link PngWriter}.
 */
public final class ImageFileWriter {
    /** Output formats that can be written, by file extension. */
    public static final java.util.List<String> FORMATS = java.util.List.of("png", "jpg", "bmp", "tiff");

    private ImageFileWriter() {
    }

    /** A (C, H, W) tensor as 8-bit interleaved grey or RGB samples (values rounded, clamped to [0,255]). */
    public static RasterImage toRaster(float[] chw, int offset, int c, int h, int w) {
        int plane = h * w;
        byte[] px = new byte[plane * c]; // (H, W, C)
        for (int i = 0; i < plane; i++) {
            for (int k = 0; k < c; k++) {
                px[i * c + k] = (byte) level(chw[offset + k * plane + i]);
            }
        }
        return new RasterImage(w, h, c, px);
    }

    /** A tensor as an 8-bit grey or RGB image (values rounded, clamped to [0,255]). */
    public static BufferedImage toImage(float[] chw, int offset, int c, int h, int w) {
        return toImage(toRaster(chw, offset, c, h, w));
    }

    /** A BufferedImage over the raster's own samples (no copy), for writers that take any colour model. */
    static BufferedImage wrap(RasterImage r) {
        int c = r.channels();
        java.awt.image.DataBufferByte buf = new java.awt.image.DataBufferByte(r.samples(), r.samples().length);
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(buf, r.width(),
                r.height(), r.width() * c, c, c == 1 ? new int[] {0} : new int[] {0, 1, 2}, null);
        java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(
                c == 1 ? java.awt.color.ColorSpace.CS_GRAY : java.awt.color.ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A copy of the raster with its alpha plane as a grey + alpha or RGBA BufferedImage (straight colours). */
    static BufferedImage withAlpha(RasterImage r) {
        int c = r.channels() + 1;
        byte[] px = PngWriter.interleaveAlpha(r);
        java.awt.image.DataBufferByte buf = new java.awt.image.DataBufferByte(px, px.length);
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(buf, r.width(),
                r.height(), r.width() * c, c, c == 2 ? new int[] {0, 1} : new int[] {0, 1, 2, 3}, null);
        java.awt.image.ColorModel cm = new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(
                c == 2 ? java.awt.color.ColorSpace.CS_GRAY : java.awt.color.ColorSpace.CS_sRGB), true, false,
                java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /** A raster as a grey or RGB BufferedImage (an alpha plane composited on black). */
    public static BufferedImage toImage(RasterImage r) {
        r = r.composited();
        int w = r.width();
        int h = r.height();
        BufferedImage img = new BufferedImage(w, h, r.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : BufferedImage.TYPE_INT_RGB);
        if (r.channels() == 1) {
            img.getRaster().setDataElements(0, 0, w, h, r.samples());
        } else {
            int[] rgb = new int[w * h];
            byte[] s = r.samples();
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (s[3 * i] & 0xff) << 16 | (s[3 * i + 1] & 0xff) << 8 | (s[3 * i + 2] & 0xff);
            }
            img.getRaster().setDataElements(0, 0, w, h, rgb);
        }
        return img;
    }

    /** Writes a (C, H, W) tensor in [0,1] as an image file in {@code format} (png, bmp, tiff, jpg). */
    public static void write(float[] chw, int offset, int c, int h, int w, Path file, String format)
            throws IOException {
        write(toRaster(chw, offset, c, h, w), file, format);
    }

    /**
     * Writes 8-bit samples in {@code format}; PNG through {@link PngWriter}, the others through ImageIO. An alpha
     * plane is kept by PNG and TIFF; BMP and JPEG have none, so there it is composited on black.
     */
    public static void write(RasterImage img, Path file, String format) throws IOException {
        String f = checkFormat(format);
        if (f.equals("png")) {
            AtomicFiles.write(file, PngWriter.encode(img), false);
        } else {
            AtomicFiles.write(file, body(img, f, 0), false);
        }
    }

    /** Writes 8-bit samples in {@code format}; a jpg with the given quality (1..100), the others as above. */
    public static void write(RasterImage img, Path file, String format, int jpegQuality) throws IOException {
        if (!checkFormat(format).equals("jpg")) {
            write(img, file, format);
            return;
        }
        AtomicFiles.write(file, body(img, "jpg", checkQuality(jpegQuality)), false);
    }

    /**
     * The bytes {@link #write(RasterImage, Path, String)} writes, for stores that are not local files (HDFS, S3):
     * the same encoders, so the same bytes.
     */
    public static byte[] encode(RasterImage img, String format) throws IOException {
        String f = checkFormat(format);
        return f.equals("png") ? PngWriter.encode(img) : bytes(body(img, f, 0));
    }

    /** The bytes {@link #write(RasterImage, Path, String, int)} writes (a jpg with the given quality, 1..100). */
    public static byte[] encode(RasterImage img, String format, int jpegQuality) throws IOException {
        String f = checkFormat(format);
        return f.equals("jpg") ? bytes(body(img, f, checkQuality(jpegQuality))) : encode(img, f);
    }

    private static byte[] bytes(AtomicFiles.Body body) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 16);
        body.writeTo(out);
        return out.toByteArray();
    }

    private static int checkQuality(int q) {
        if (q < 1 || q > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + q);
        }
        return q;
    }

    /**
     * The encoding of a raster in a canonical format other than png: jpg with {@code jpegQuality} when it is 1..100
     * (0: ImageIO's default), tiff keeping an alpha plane, the others composited on black.
     */
    private static AtomicFiles.Body body(RasterImage img, String f, int jpegQuality) {
        if (f.equals("jpg") && jpegQuality > 0) {
            BufferedImage bi = wrap(img.composited()); // no copy when opaque: a 50 MP image is 150 MB
            return out -> {
                javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
                try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    w.setOutput(ios);
                    javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
                    p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
                    p.setCompressionQuality(jpegQuality / 100f);
                    w.write(null, new javax.imageio.IIOImage(bi, null, null), p);
                } finally {
                    w.dispose();
                }
            };
        }
        return imageIo(f.equals("tiff") && img.hasAlpha() ? withAlpha(img) : toImage(img), f);
    }

    /** ImageIO's writer for a canonical format. */
    private static AtomicFiles.Body imageIo(BufferedImage img, String f) {
        String informal = f.equals("jpg") ? "jpeg" : f;
        return out -> {
            if (!ImageIO.write(img, informal, out)) {
                throw new IOException("no " + informal + " writer");
            }
        };
    }

    /**
     * Writes an image in the format named by {@code format} (png, bmp, tiff, jpg). Opaque grey and RGB images go
     * to PNG through {@link PngWriter}; others (figures with alpha, say) through ImageIO.
     */
    public static void write(BufferedImage img, Path file, String format) throws IOException {
        String f = checkFormat(format);
        int type = img.getType();
        if (f.equals("png") && (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_3BYTE_BGR)) {
            AtomicFiles.write(file, PngWriter.encode(ImageFileReader.toRaster(img, file)), false);
            return;
        }
        AtomicFiles.write(file, imageIo(img, f), false);
    }

    /**
     * The canonical name of an output format: any case, with the aliases jpeg (jpg) and tif (tiff); anything else is
     * an IllegalArgumentException listing {@link #FORMATS}.
     */
    public static String format(String format) {
        String f = knownFormat(format);
        if (f == null) {
            throw new IllegalArgumentException("format must be one of " + String.join(", ", FORMATS)
                    + " (or jpeg, tif), got " + format);
        }
        return f;
    }

    /** The canonical name of an output format or file extension (any case, jpeg and tif too), or null if none. */
    public static String knownFormat(String name) {
        String f = name == null ? "" : name.toLowerCase(Locale.ROOT);
        f = switch (f) {
            case "jpeg" -> "jpg";
            case "tif" -> "tiff";
            default -> f;
        };
        return FORMATS.contains(f) ? f : null;
    }

    private static String checkFormat(String format) {
        return format(format);
    }

    /** A [0,1] float as an 8-bit level, rounded and clamped. */
    public static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255f);
    }
}
