package aekit.tools.dogs;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Pictures of a spatial latent code (C, H, W): its C feature maps as H x W heat maps tiled in a near-square grid,
 * coloured on one fixed scale [lo, hi] (a blue-white-red diverging map, white at the middle of the scale) so codes
 * of different images can be compared; and the matching colour bar.
 */
public final class HeatMaps {
    private HeatMaps() {
    }

    /** The tiled heat maps of code {@code index} in {@code codes} ((N, C, H, W)), each value a scale x scale block. */
    public static BufferedImage tiles(float[] codes, int index, int c, int h, int w, double lo, double hi, int scale) {
        int cols = (int) Math.ceil(Math.sqrt(c));
        int rows = (c + cols - 1) / cols;
        int gap = 2;
        int tw = w * scale;
        int th = h * scale;
        BufferedImage img = new BufferedImage(cols * (tw + gap) - gap, rows * (th + gap) - gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        int base = index * c * h * w;
        for (int ch = 0; ch < c; ch++) {
            int x0 = (ch % cols) * (tw + gap);
            int y0 = (ch / cols) * (th + gap);
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    img.setRGB(x0 + x, y0 + y, colour(codes[base + ch * h * w + (y / scale) * w + x / scale], lo, hi));
                }
            }
        }
        return img;
    }

    /** A vertical colour bar for [lo, hi] with three labelled ticks, {@code height} pixels tall. */
    public static BufferedImage colourBar(double lo, double hi, int height) {
        int barW = 16;
        BufferedImage img = new BufferedImage(90, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), height);
        for (int y = 0; y < height; y++) {
            double v = hi - (hi - lo) * y / (height - 1.0);
            g.setColor(new Color(colour((float) v, lo, hi)));
            g.drawLine(0, y, barW, y);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.2f", hi), barW + 4, 11);
        g.drawString(String.format(Locale.ROOT, "%.2f", (lo + hi) / 2), barW + 4, height / 2 + 4);
        g.drawString(String.format(Locale.ROOT, "%.2f", lo), barW + 4, height - 2);
        g.dispose();
        return img;
    }

    /** Blue (lo) - white (middle) - red (hi); values outside the scale are clamped. */
    static int colour(float v, double lo, double hi) {
        double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo))) * 2 - 1; // -1 .. 1
        int a = (int) Math.round(255 * (1 - Math.abs(t)));
        return t < 0 ? a << 16 | a << 8 | 255 : 255 << 16 | a << 8 | a;
    }
}
