package aekit.tools;

import aekit.infer.image.ImageFileWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out report figures: rows of pictures (images, heat maps) with a label left of each row, on white, with
 * a small gap between cells. Pictures are zoomed by nearest neighbour so that no smoothing hides what a model made.
 */
public final class FigureGrid {
    private static final int GAP = 4;
    private static final int LABEL_W = 200;

    private final List<String> labels = new ArrayList<>();
    private final List<List<BufferedImage>> rows = new ArrayList<>();

    /** Adds a row of pictures. */
    public FigureGrid row(String label, List<BufferedImage> pictures) {
        labels.add(label);
        rows.add(List.copyOf(pictures));
        return this;
    }

    /** Adds a row of n tensors (N, C, H, W) in [0,1], each zoomed by {@code scale}. */
    public FigureGrid row(String label, float[] images, int n, int c, int h, int w, int scale) {
        List<BufferedImage> pics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pics.add(zoom(ImageFileWriter.toImage(images, i * c * h * w, c, h, w), scale));
        }
        return row(label, pics);
    }

    /** The figure. */
    public BufferedImage render() {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int cellW = rows.stream().flatMap(List::stream).mapToInt(BufferedImage::getWidth).max().orElse(0);
        int[] rowH = rows.stream().mapToInt(r -> r.stream().mapToInt(BufferedImage::getHeight).max().orElse(0)).toArray();
        int height = GAP;
        for (int h : rowH) {
            height += h + GAP;
        }
        BufferedImage img = new BufferedImage(LABEL_W + cols * (cellW + GAP) + GAP, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = GAP;
        for (int r = 0; r < rows.size(); r++) {
            g.drawString(labels.get(r), 6, y + rowH[r] / 2 + 4);
            for (int i = 0; i < rows.get(r).size(); i++) {
                g.drawImage(rows.get(r).get(i), LABEL_W + GAP + i * (cellW + GAP), y, null);
            }
            y += rowH[r] + GAP;
        }
        g.dispose();
        return img;
    }

    /** Nearest-neighbour zoom by an integer factor. */
    public static BufferedImage zoom(BufferedImage src, int scale) {
        if (scale == 1) {
            return src;
        }
        BufferedImage out = new BufferedImage(src.getWidth() * scale, src.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, src.getRGB(x / scale, y / scale));
            }
        }
        return out;
    }
}
