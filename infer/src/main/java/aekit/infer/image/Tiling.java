package aekit.infer.image;

import java.util.ArrayList;
import java.util.List;

/**
 * How a fully convolutional model covers an image of any size: the image is cut into cores of at most
 * {@code tile} x {@code tile} pixels; each core is run inside a window that reaches {@code margin} pixels beyond it
 * on every side (mirrored across the image's borders) and is rounded up to the model's multiple; only the core of
 * each result is kept. Cores and margins are multiples of the model's multiple, so every window sits on the same
 * grid as the whole image would, and with a margin of at least the receptive field a tiled result equals the
 * untiled one (the image as one window) up to float rounding. Peak memory follows the window, not the image.
 *
 * @param tile     largest core side in pixels (a multiple of {@code multiple})
 * @param margin   context on each side of a core (a multiple of {@code multiple})
 * @param multiple the model's multiple
 */
public record Tiling(int tile, int margin, int multiple) {
    public Tiling {
        if (multiple < 1) {
            throw new IllegalArgumentException("multiple must be positive, got " + multiple);
        }
        if (tile < multiple || tile % multiple != 0) {
            throw new IllegalArgumentException("tile must be a positive multiple of " + multiple + ", got " + tile);
        }
        if (margin < 0 || margin % multiple != 0) {
            throw new IllegalArgumentException("margin must be a non-negative multiple of " + multiple + ", got "
                    + margin);
        }
    }

    /** The tiling for a model: margin = the receptive radius rounded up to the multiple, tile rounded likewise. */
    public static Tiling of(int tile, int receptiveRadius, int multiple) {
        return new Tiling(Math.max(multiple, ReflectWindow.roundUp(tile, multiple)),
                ReflectWindow.roundUp(receptiveRadius, multiple), multiple);
    }

    /**
     * One piece: the core at (y, x) of size h x w that it fills in the output, and the window at (wy, wx) of size
     * wh x ww that the model sees (the core sits at (y - wy, x - wx) inside it).
     */
    public record Tile(int y, int x, int h, int w, int wy, int wx, int wh, int ww) {
    }

    /** The tiles of an image of height x width pixels, row by row. */
    public List<Tile> tiles(int height, int width) {
        List<Tile> out = new ArrayList<>();
        for (int y = 0; y < height; y += tile) {
            int h = Math.min(tile, height - y);
            for (int x = 0; x < width; x += tile) {
                int w = Math.min(tile, width - x);
                out.add(new Tile(y, x, h, w, y - margin, x - margin, ReflectWindow.roundUp(h, multiple) + 2 * margin,
                        ReflectWindow.roundUp(w, multiple) + 2 * margin));
            }
        }
        return out;
    }

    /** The largest window's pixels (what one model call sees). */
    public long windowPixels() {
        long s = tile + 2L * margin;
        return s * s;
    }
}
