package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PreprocessingTest {
    private static RasterImage grey(int w, int h, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new RasterImage(w, h, 1, b);
    }

    @Test
    void sameSizeGreyIsSampleOver255() {
        float[] t = new Preprocessing(1, 2, 2, Preprocessing.STRETCH).tensor(grey(2, 2, 0, 51, 102, 255));
        assertArrayEquals(new float[] {0f, 51 / 255f, 102 / 255f, 1f}, t);
    }

    @Test
    void areaAverageWhenShrinking() {
        // 4x4 -> 2x2: each output is the mean of a 2x2 block
        RasterImage img = grey(4, 4, 0, 0, 255, 255, 0, 0, 255, 255, 100, 200, 10, 10, 100, 200, 30, 50);
        float[] t = new Preprocessing(1, 2, 2, Preprocessing.STRETCH).tensor(img);
        assertArrayEquals(new float[] {0f, 1f, 150 / 255f, 25 / 255f}, t, 1e-6f);
        // 3 -> 2 columns: fractional coverage, output 0 = (a + b/2) / 1.5
        float[] u = new Preprocessing(1, 1, 2, Preprocessing.STRETCH).tensor(grey(3, 1, 0, 255, 90));
        assertArrayEquals(new float[] {(0 + 127.5f) / 1.5f / 255f, (127.5f + 90) / 1.5f / 255f}, u, 1e-6f);
    }

    @Test
    void bilinearWhenGrowing() {
        // 2 -> 4 with half-pixel centres: positions -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped)
        float[] t = new Preprocessing(1, 1, 4, Preprocessing.STRETCH).tensor(grey(2, 1, 0, 255));
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, t, 1e-6f);
    }

    @Test
    void centreCropKeepsTheMiddle() {
        // 4x2 image -> 2x2 centre crop takes columns 1..2
        RasterImage img = grey(4, 2, 10, 20, 30, 40, 50, 60, 70, 80);
        float[] t = new Preprocessing(1, 2, 2, Preprocessing.CENTER_CROP).tensor(img);
        assertArrayEquals(new float[] {20 / 255f, 30 / 255f, 60 / 255f, 70 / 255f}, t, 1e-6f);
    }

    @Test
    void colourConversions() {
        RasterImage rgb = new RasterImage(1, 1, 3, new byte[] {(byte) 200, 100, 50});
        float[] g = new Preprocessing(1, 1, 1, Preprocessing.STRETCH).tensor(rgb);
        assertEquals((0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f, g[0], 1e-6f);
        float[] c = new Preprocessing(3, 1, 1, Preprocessing.STRETCH).tensor(grey(1, 1, 77));
        assertArrayEquals(new float[] {77 / 255f, 77 / 255f, 77 / 255f}, c);
        float[] planes = new Preprocessing(3, 1, 1, Preprocessing.STRETCH).tensor(rgb);
        assertArrayEquals(new float[] {200 / 255f, 100 / 255f, 50 / 255f}, planes, "channel-major (C, H, W)");
    }

    /**
     * The tensor is built row by row from the decoded samples; it must equal, float for float, the plain route: the
     * whole crop as a [0,1] plane per channel, then {@link Resampler#resize} (both axes shrinking, growing or kept,
     * every colour-mode pairing, centre crop on either axis).
     */
    @Test
    void rowByRowTensorEqualsResizingWholePlanes() {
        java.util.Random rnd = new java.util.Random(5);
        int[][] sizes = {{37, 23}, {64, 64}, {5, 90}, {90, 5}, {1, 1}, {500, 375}};
        for (int[] size : sizes) {
            for (int ic : new int[] {1, 3}) {
                byte[] px = new byte[size[0] * size[1] * ic];
                rnd.nextBytes(px);
                RasterImage img = new RasterImage(size[0], size[1], ic, px);
                for (int mc : new int[] {1, 3}) {
                    for (String crop : new String[] {Preprocessing.STRETCH, Preprocessing.CENTER_CROP}) {
                        for (int[] target : new int[][] {{16, 16}, {64, 48}, {7, 100}, {size[1], size[0]}}) {
                            Preprocessing prep = new Preprocessing(mc, target[0], target[1], crop);
                            assertArrayEquals(wholePlanes(prep, img), prep.tensor(img), size[0] + "x" + size[1]
                                    + "x" + ic + " -> " + prep.describe() + " x" + mc);
                        }
                    }
                }
            }
        }
    }

    /** The plain route: crop window, one float plane per channel through value/255, {@link Resampler#resize}. */
    private static float[] wholePlanes(Preprocessing prep, RasterImage img) {
        int x0 = 0;
        int y0 = 0;
        int cw = img.width();
        int ch = img.height();
        if (Preprocessing.CENTER_CROP.equals(prep.crop())) {
            if ((long) img.width() * prep.height() > (long) img.height() * prep.width()) {
                cw = Math.max(1, (int) Math.round((double) img.height() * prep.width() / prep.height()));
                x0 = (img.width() - cw) / 2;
            } else {
                ch = Math.max(1, (int) Math.round((double) img.width() * prep.height() / prep.width()));
                y0 = (img.height() - ch) / 2;
            }
        }
        int plane = prep.height() * prep.width();
        float[] out = new float[prep.channels() * plane];
        for (int c = 0; c < prep.channels(); c++) {
            float[] p = new float[cw * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    int i = ((y0 + y) * img.width() + x0 + x) * img.channels();
                    float v;
                    if (img.channels() == prep.channels()) {
                        v = img.samples()[i + c] & 0xff;
                    } else if (prep.channels() == 1) {
                        v = 0.299f * (img.samples()[i] & 0xff) + 0.587f * (img.samples()[i + 1] & 0xff)
                                + 0.114f * (img.samples()[i + 2] & 0xff);
                    } else {
                        v = img.samples()[i] & 0xff;
                    }
                    p[y * cw + x] = v / 255f;
                }
            }
            System.arraycopy(Resampler.resize(p, ch, cw, prep.height(), prep.width()), 0, out, c * plane, plane);
        }
        return out;
    }

    @Test
    void nativeWindowMirrorsAndConvertsLikeValueOver255() {
        RasterImage rgb = new RasterImage(3, 2, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, (byte) 255});
        Preprocessing prep = new Preprocessing(3, 8, 8, Preprocessing.NATIVE);
        // window at (-1, -1) of 3x4: mirrored rows 1,0,1 and columns 1,0,1,2
        float[] t = prep.window(rgb, -1, -1, 3, 4);
        int[][] pixel = {{1, 1}, {1, 0}, {1, 1}, {1, 2}, {0, 1}, {0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 0}, {1, 1},
            {1, 2}};
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 12; k++) {
                int v = rgb.sample(pixel[k][1], pixel[k][0], c);
                assertEquals(v / 255f, t[c * 12 + k], "channel " + c + " value " + k);
            }
        }
        float[] grey = new Preprocessing(1, 8, 8, Preprocessing.NATIVE).window(rgb, 0, 2, 1, 1);
        assertEquals((0.299f * 7 + 0.587f * 8 + 0.114f * 9) / 255f, grey[0]);
    }

    @Test
    void validationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Preprocessing(1, 28, 28, "squash"));
        assertEquals("crop must be stretch, center-crop or native, got squash", e.getMessage());
    }
}
