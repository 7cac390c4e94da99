package aekit.tools.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The grid-coverage measures of the MNIST report on hand-made codes and images. */
class LatentStudyTest {
    @Test
    void occupiedCellsCountCellsHoldingACode() {
        double[] range = {0, 2, 0, 2}; // 3x3 grid at 0, 1, 2 on each axis, cells one step wide
        float[] codes = {0, 0, 0.1f, 0.2f, 1, 1, 2.4f, 2, 5, 5}; // two in cell (0,0), one centre, one (2,2), one outside
        assertEquals(3, LatentStudy.occupiedCells(codes, range, 3));
    }

    @Test
    void nearestMseIsTheSmallestPerPixelDistance() {
        float[] grid = {0, 0, 1, 1}; // two 2-pixel images
        float[] recon = {0, 1, 1, 1, 0.5f, 0.5f};
        assertArrayEquals(new double[] {0.5 * 0.5 * 2 / 2, 0}, LatentStudy.nearestMse(grid, 2, recon, 3, 2), 1e-12);
    }

    @Test
    void bceOfPerfectAndHalfPredictions() {
        assertEquals(2 * Math.log(2), LatentStudy.bceSum(new float[] {0, 1}, new float[] {0.5f, 0.5f}), 1e-9);
        assertEquals(0, LatentStudy.bceSum(new float[] {0, 1}, new float[] {0, 1}), 1e-6);
    }
}
