package aekit.infer.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatentGridTest {
    @Test
    void rowsRunDownZ2AndColumnsAlongZ1() {
        float[] c = LatentGrid.codes(new double[] {-1, 3, 10, 20}, 3); // z1 in [-1, 3], z2 in [10, 20]
        assertEquals(18, c.length);
        assertArrayEquals(new float[] {-1, 20, 1, 20, 3, 20}, Arrays.copyOfRange(c, 0, 6), "top row: z2 = 20");
        assertArrayEquals(new float[] {-1, 10, 1, 10, 3, 10}, Arrays.copyOfRange(c, 12, 18), "bottom row: z2 = 10");
        assertArrayEquals(new float[] {-1, 15}, Arrays.copyOfRange(c, 6, 8), "middle row starts at z1 = -1");
    }
}
