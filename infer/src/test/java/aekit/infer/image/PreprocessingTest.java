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

    @Test
    void validationNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Preprocessing(1, 28, 28, "squash"));
        assertEquals("crop must be stretch, center-crop or native, got squash", e.getMessage());
    }
}
