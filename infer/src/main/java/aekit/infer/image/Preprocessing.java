package aekit.infer.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one path from an image file to a model's input tensor, used by training and by inference alike:
 * decode ({@link ImageFileReader}), convert the colour mode, optionally centre-crop to the target aspect ratio,
 * resize (area average down, bilinear up) and scale to [0,1] as (C, H, W) floats.
 *
 * <p>Grey from RGB is the ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B; RGB from grey repeats the grey value.
 *
 * @param channels 1 (grey) or 3 (RGB)
 * @param height   tensor height (with {@link #NATIVE}: image heights are padded to a multiple of this)
 * @param width    tensor width (with {@link #NATIVE}: image widths are padded to a multiple of this)
 * @param crop     {@link #STRETCH}, {@link #CENTER_CROP} or {@link #NATIVE}
 */
public record Preprocessing(int channels, int height, int width, String crop) {
    /** Resize the whole image to the target size, ignoring the aspect ratio. */
    public static final String STRETCH = "stretch";
    /** Cut the largest centred region with the target aspect ratio first, then resize. */
    public static final String CENTER_CROP = "center-crop";
    /**
     * Keep the image at its own size (colour conversion only), for fully convolutional models; the model pads each
     * side to a multiple of {@code height} / {@code width}.
     */
    public static final String NATIVE = "native";

    /** {@code UNIT[v] == v / 255f}: the same float as the division, looked up. */
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    public Preprocessing {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("size must be positive, got " + height + "x" + width);
        }
        if (!STRETCH.equals(crop) && !CENTER_CROP.equals(crop) && !NATIVE.equals(crop)) {
            throw new IllegalArgumentException("crop must be " + STRETCH + ", " + CENTER_CROP + " or " + NATIVE
                    + ", got " + crop);
        }
    }

    /** The resize rule as recorded in a model manifest, e.g. "stretch, area-average down / bilinear up". */
    public String describe() {
        if (isNative()) {
            return String.format(Locale.ROOT, "native size, no resampling (sides padded to multiples of %dx%d)",
                    width, height);
        }
        return String.format(Locale.ROOT, "%s to %dx%d, area-average down / bilinear up", crop, width, height);
    }

    /** Decodes a file and turns it into a (C, H, W) tensor. */
    public float[] tensor(Path file, ImageFileReader decoder) throws IOException {
        return tensor(decoder.read(file));
    }

    /** Whether images keep their own size ({@link #NATIVE}). */
    public boolean isNative() {
        return NATIVE.equals(crop);
    }

    /**
     * Turns a decoded image into a (C, H, W) tensor in [0,1]: (C, height, width), or with {@link #NATIVE} the
     * image's own (C, img.height(), img.width()).
     */
    public float[] tensor(RasterImage img) {
        if (isNative()) {
            return window(img, 0, 0, img.height(), img.width());
        }
        int x0 = 0;
        int y0 = 0;
        int cw = img.width();
        int ch = img.height();
        if (CENTER_CROP.equals(crop)) {
            // largest centred region with the target aspect ratio
            if ((long) img.width() * height > (long) img.height() * width) {
                cw = Math.max(1, (int) Math.round((double) img.height() * width / height));
                x0 = (img.width() - cw) / 2;
            } else {
                ch = Math.max(1, (int) Math.round((double) img.width() * height / width));
                y0 = (img.height() - ch) / 2;
            }
        }
        // row by row: each channel of a source row of the crop, in [0,1], through the horizontal taps, then the
        // vertical pass over those rows; no whole-image float plane (the same sums as Resampler.resize of one)
        Resampler.Taps tx = Resampler.taps(cw, width);
        Resampler.Taps ty = Resampler.taps(ch, height);
        float[][] rows = new float[channels][ch * width]; // (C, ch, width) after the horizontal pass
        float[] line = new float[cw];
        for (int y = 0; y < ch; y++) {
            for (int c = 0; c < channels; c++) {
                line(img, c, x0, y0 + y, line);
                Resampler.horizontal(line, 0, tx, rows[c], y * width);
            }
        }
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            Resampler.vertical(rows[c], width, ty, out, c * height * width);
        }
        return out;
    }

    /**
     * The (C, th, tw) window at (y0, x0) of a decoded image in this colour mode, in [0,1], without resampling;
     * coordinates outside the image are mirrored into it ({@link ReflectWindow}). A native-size model's input, whole
     * or a tile of it.
     */
    public float[] window(RasterImage img, int y0, int x0, int th, int tw) {
        float[] out = new float[channels * th * tw];
        int w = img.width();
        byte[] s = img.samples();
        int ic = img.channels();
        int[] cols = new int[tw]; // sample offset of each column in its row
        for (int x = 0; x < tw; x++) {
            cols[x] = ReflectWindow.mirror(x0 + x, w) * ic;
        }
        boolean direct = ic == channels || channels == 3; // the channel itself, or grey replicated
        for (int y = 0; y < th; y++) {
            int row = ReflectWindow.mirror(y0 + y, img.height()) * w * ic;
            for (int c = 0; c < channels; c++) {
                int o = (c * th + y) * tw;
                if (direct) {
                    int base = row + (ic == channels ? c : 0);
                    for (int x = 0; x < tw; x++) {
                        out[o + x] = UNIT[s[base + cols[x]] & 0xff];
                    }
                } else {
                    for (int x = 0; x < tw; x++) {
                        out[o + x] = value(s, row + cols[x], ic, c);
                    }
                }
            }
        }
        return out;
    }

    /** Channel c of this colour mode of the pixel whose samples start at s[i], in [0,1]. */
    private float value(byte[] s, int i, int ic, int c) {
        float v;
        if (ic == channels) {
            v = s[i + c] & 0xff;
        } else if (channels == 1) {
            v = 0.299f * (s[i] & 0xff) + 0.587f * (s[i + 1] & 0xff) + 0.114f * (s[i + 2] & 0xff);
        } else {
            v = s[i] & 0xff;
        }
        return v / 255f;
    }

    /**
     * The grey (1, H, W) tensor of an RGB (3, H, W) one, by the same BT.601 luma that turns a colour file into a grey
     * model's input.
     */
    public static float[] luma(float[] chw, int h, int w) {
        int plane = h * w;
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException("expected 3x" + h + "x" + w + " values, got " + chw.length);
        }
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = 0.299f * chw[i] + 0.587f * chw[plane + i] + 0.114f * chw[2 * plane + i];
        }
        return grey;
    }

    /** Resizes a (C, H, W) tensor to (C, dh, dw) with the same resampling rule. */
    public static float[] resize(float[] chw, int c, int h, int w, int dh, int dw) {
        float[] out = new float[c * dh * dw];
        for (int k = 0; k < c; k++) {
            float[] plane = java.util.Arrays.copyOfRange(chw, k * h * w, (k + 1) * h * w);
            System.arraycopy(Resampler.resize(plane, h, w, dh, dw), 0, out, k * dh * dw, dh * dw);
        }
        return out;
    }

    /** {@code line.length} values of channel c of this colour mode from (x0, y) on, in [0,1]. */
    private void line(RasterImage img, int c, int x0, int y, float[] line) {
        byte[] s = img.samples();
        int ic = img.channels();
        int i = (y * img.width() + x0) * ic;
        int n = line.length;
        if (ic == channels || channels == 3) { // the channel itself, or a grey image's one channel replicated
            i += ic == channels ? c : 0;
            for (int x = 0; x < n; x++, i += ic) {
                line[x] = UNIT[s[i] & 0xff];
            }
        } else {
            for (int x = 0; x < n; x++, i += ic) {
                line[x] = value(s, i, ic, c);
            }
        }
    }
}
