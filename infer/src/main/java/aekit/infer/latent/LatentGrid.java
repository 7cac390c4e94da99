package aekit.infer.latent;

import aekit.infer.image.Montage;
import aekit.infer.model.InputSpec;
import aekit.infer.Autoencoder;
import aekit.infer.AekitException;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A uniform size x size grid over a 2-d latent range {z1 in [r0, r1], z2 in [r2, r3]} and its decoded montage
 * with axis ticks. Columns run along z1 (left to right, increasing), rows along z2 (top to bottom, decreasing,
 * like a plot).
 */
public final class LatentGrid {
    private LatentGrid() {
    }

    /** Decodes the grid over {@code r} with {@code model} into a montage with axes; each pixel zoomed by scale. */
    public static BufferedImage render(Autoencoder model, double[] r, int size, int scale) throws AekitException {
        float[] images = model.decode(codes(r, size), size * size); // (size*size, C, H, W)
        InputSpec in = model.manifest().input();
        return withAxes(Montage.grid(images, size * size, size, in.channels(), in.height(), in.width(), scale), r, size,
                in.width() * scale + scale);
    }

    /** The grid's codes, row-major: row i has z2 = hi2 - i * step2, column j has z1 = lo1 + j * step1. */
    public static float[] codes(double[] r, int size) {
        float[] codes = new float[size * size * 2];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                codes[(i * size + j) * 2] = (float) (r[0] + (r[1] - r[0]) * j / (size - 1));
                codes[(i * size + j) * 2 + 1] = (float) (r[3] - (r[3] - r[2]) * i / (size - 1));
            }
        }
        return codes;
    }

    /** The montage with a margin holding z1 ticks below and z2 ticks on the left. */
    public static BufferedImage withAxes(BufferedImage grid, double[] r, int size, int cell) {
        int left = 70;
        int bottom = 40;
        BufferedImage img = new BufferedImage(grid.getWidth() + left + 10, grid.getHeight() + bottom + 10,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(grid, left, 10, null);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int step = Math.max(1, size / 5);
        for (int j = 0; j < size; j += step) {
            int x = left + j * cell + cell / 2;
            int y = 10 + grid.getHeight();
            g.drawLine(x, y, x, y + 5);
            g.drawString(String.format(Locale.ROOT, "%.2f", r[0] + (r[1] - r[0]) * j / (size - 1)), x - 14, y + 18);
        }
        for (int i = 0; i < size; i += step) {
            int y = 10 + i * cell + cell / 2;
            g.drawLine(left - 5, y, left, y);
            g.drawString(String.format(Locale.ROOT, "%.2f", r[3] - (r[3] - r[2]) * i / (size - 1)), 5, y + 4);
        }
        g.drawString("z1", left + grid.getWidth() / 2, img.getHeight() - 4);
        g.drawString("z2", 5, 10 + grid.getHeight() / 2 - 20);
        g.dispose();
        return img;
    }
}
