package aekit.infer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ErrorMapTest {
    @Test
    void hotScaleRunsBlackRedYellowWhite() {
        assertEquals(0x000000, ErrorMap.hot(0));
        assertEquals(0xff0000, ErrorMap.hot(1 / 3.0));
        assertEquals(0xffff00, ErrorMap.hot(2 / 3.0));
        assertEquals(0xffffff, ErrorMap.hot(1));
        assertEquals(0xffffff, ErrorMap.hot(7), "clamped");
    }

    @Test
    void errorIsTheChannelMeanOfAbsoluteDifferences() {
        float[] x = {0, 1, 0.5f, 0.5f}; // (1, 2, 1, 2): two channels of a 1x2 image
        float[] y = {0.5f, 1, 0, 0.5f};
        assertArrayEquals(new float[] {0.5f, 0}, ErrorMap.values(x, y, 1, 2, 1, 2, 1.0), 1e-6f);
        BufferedImage img = ErrorMap.of(x, y, 0, 2, 1, 2, 0.5);
        assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff, "0.5 mean error at scale top 0.5: white");
        assertEquals(0x000000, img.getRGB(1, 0) & 0xffffff);
    }
}
