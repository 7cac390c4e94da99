package aekit.infer.image;

/**
 * Cuts windows out of a (C, H, W) tensor, mirroring it across its borders where the window reaches outside
 * (numpy's "reflect": ..., 2, 1 | 0, 1, 2, ..., h-1 | h-2, ...), so a fully convolutional model sees plausible image
 * content instead of zeros. Whole-image padding to a model's multiple and the tiles of a large image are both windows.
 */
public final class ReflectWindow {
    private ReflectWindow() {
    }

    /**
     * The (C, th, tw) window whose top-left corner is at (y0, x0) of the (C, h, w) image {@code chw}; coordinates
     * outside the image are mirrored into it.
     */
    public static float[] cut(float[] chw, int c, int h, int w, int y0, int x0, int th, int tw) {
        float[] out = new float[c * th * tw];
        int[] cols = new int[tw];
        for (int x = 0; x < tw; x++) {
            cols[x] = mirror(x0 + x, w);
        }
        for (int ch = 0; ch < c; ch++) {
            int src = ch * h * w;
            int dst = ch * th * tw;
            for (int y = 0; y < th; y++) {
                int row = src + mirror(y0 + y, h) * w;
                int o = dst + y * tw;
                if (x0 >= 0 && x0 + tw <= w) {
                    System.arraycopy(chw, row + x0, out, o, tw);
                } else {
                    for (int x = 0; x < tw; x++) {
                        out[o + x] = chw[row + cols[x]];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Copies the (C, sh, sw) region at (sy, sx) of the (C, th, tw) tensor {@code tile} into the (C, h, w) tensor
     * {@code dst} at (dy, dx).
     */
    public static void paste(float[] tile, int c, int th, int tw, int sy, int sx, float[] dst, int h, int w, int dy,
                             int dx, int sh, int sw) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < sh; y++) {
                System.arraycopy(tile, ch * th * tw + (sy + y) * tw + sx, dst, ch * h * w + (dy + y) * w + dx, sw);
            }
        }
    }

    /** The index inside [0, n) that mirrors {@code i} across the borders (period 2n - 2; 0 when n is 1). */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** The smallest multiple of {@code m} that is at least {@code side}. */
    public static int roundUp(int side, int m) {
        return (side + m - 1) / m * m;
    }
}
