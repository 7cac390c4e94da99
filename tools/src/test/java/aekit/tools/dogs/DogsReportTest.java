package aekit.tools.dogs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dogs report's pure helpers: distinct random picks, percentiles, heat-map colours and layout. */
class DogsReportTest {
    @Test
    void pickDrawsDistinctIndicesReproducibly() {
        int[] a = DogsReport.pick(new Random(3), 100, 40);
        assertEquals(40, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
        assertArrayEquals(a, DogsReport.pick(new Random(3), 100, 40));
        int[] all = DogsReport.pick(new Random(1), 5, 5);
        Arrays.sort(all);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all);
    }

    @Test
    void percentilesOfARamp() {
        float[] v = new float[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = 100 - i;
        }
        assertArrayEquals(new double[] {1, 99}, DogsReport.percentiles(v, 0.01, 0.99), 1e-9);
    }

    @Test
    void heatMapColoursAndTiling() {
        assertEquals(0x0000ff, HeatMaps.colour(-1, -1, 1) & 0xffffff, "low end blue");
        assertEquals(0xffffff, HeatMaps.colour(0, -1, 1) & 0xffffff, "middle white");
        assertEquals(0xff0000, HeatMaps.colour(5, -1, 1) & 0xffffff, "above the scale clamps to red");
        float[] code = new float[16 * 8 * 8];
        code[5 * 64] = 1; // channel 5, pixel (0, 0): tile row 1, column 1
        BufferedImage img = HeatMaps.tiles(code, 0, 16, 8, 8, -1, 1, 4);
        assertEquals(4 * 32 + 3 * 2, img.getWidth());
        assertEquals(0xff0000, img.getRGB(34, 34) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(34 + 4, 34) & 0xffffff);
    }
}
