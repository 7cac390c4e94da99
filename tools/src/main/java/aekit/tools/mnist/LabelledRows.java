package aekit.tools.mnist;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A {@link aekit.infer.image.Montage#rows} picture with a label left of each row. */
final class LabelledRows {
    private LabelledRows() {
    }

    /**
     * @param montage the rows montage
     * @param labels  one label per row
     * @param cellH   height of a row including its gap (image height * scale + gap)
     * @param gap     the montage's gap
     */
    static BufferedImage of(BufferedImage montage, String[] labels, int cellH, int gap) {
        int left = 190;
        BufferedImage img = new BufferedImage(montage.getWidth() + left, montage.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(montage, left, 0, null);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < labels.length; r++) {
            g.drawString(labels[r], 6, gap + r * cellH + cellH / 2 + 4);
        }
        g.dispose();
        return img;
    }
}
