package aekit.train.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The photo denoiser's graph: any size in, the same size out, residual output, and exact gradients of its rearrangements. */
class DenoiserTest {
    @Test
    void anyMultipleOfTheModelsMultipleGoesThroughAtItsOwnSize() {
        DenoiserConfig cfg = new DenoiserConfig(3, 32, List.of(8, 16, 16), 2, true);
        assertEquals(8, cfg.multiple());
        SameDiff sd = Denoiser.build(cfg, 1);
        for (int[] hw : new int[][] {{8, 8}, {40, 24}, {64, 96}}) {
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, hw[0], hw[1]);
            INDArray y = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.RECONSTRUCTION).get(GraphNames.RECONSTRUCTION);
            assertArrayEquals(new long[] {2, 3, hw[0], hw[1]}, y.shape());
            INDArray noise = sd.output(Map.of(GraphNames.IMAGE, x), Denoiser.NOISE).get(Denoiser.NOISE);
            assertTrue(x.sub(noise).equalsWithEps(y, 1e-6), "output = input - predicted noise");
        }
        assertThrows(IllegalArgumentException.class, () -> new DenoiserConfig(3, 36, List.of(8, 16, 16), 2, true));
    }

    @Test
    void multiplyAddsPerPixelCountEveryConvolutionAtItsResolution() {
        // grey 32-64-128 at half resolution, two convolutions per level, by hand (MACs per input pixel):
        // level 0 (1/4 px): 9*4*32/4 + 2*9*32*32/4 = 4896; level 1 (1/16): 9*32*64/16 + 2*9*64*64/16 = 5760;
        // level 2 (1/64): 9*64*128/64 + 2*9*128*128/64 = 5760; up to level 1: 9*128*64/16 + 4608 = 9216;
        // up to level 0: 9*64*32/4 + 4608 = 9216; output 9*32*4/4 = 288
        assertEquals(35136, new DenoiserConfig(1, 64, List.of(32, 64, 128), 2, true).macsPerPixel(), 1e-9);
        // at full resolution, one level, one conv: 9*1*8 + 9*8*8 + 9*8*1
        assertEquals(72 + 576 + 72, new DenoiserConfig(1, 8, List.of(8), 1, false).macsPerPixel(), 1e-9);
    }

    @Test
    void spaceToDepthAndBackHaveExactGradients() {
        // y = depth_to_space(w * space_to_depth(x)), loss = sum((y - t)^2): dL/dx = 2 (y - t) w, per element
        for (int c : new int[] {1, 3}) {
            Random r = new Random(3);
            int n = 2 * c * 8 * 8;
            float[] xv = new float[n];
            float[] tv = new float[n];
            for (int i = 0; i < n; i++) {
                xv[i] = r.nextFloat() + 0.5f;
                tv[i] = r.nextFloat();
            }
            float[] wv = new float[4 * c];
            for (int i = 0; i < wv.length; i++) {
                wv[i] = 1 + i; // a different factor per rearranged channel: a wrong permutation shows
            }
            SameDiff sd = SameDiff.create();
            INDArray xa = Nd4j.create(xv, new long[] {2, c, 8, 8}, 'c');
            INDArray ta = Nd4j.create(tv, new long[] {2, c, 8, 8}, 'c');
            SDVariable x = sd.var("x", xa.dup());
            SDVariable w = sd.constant("w", Nd4j.create(wv, new long[] {1, 4 * c, 1, 1}, 'c'));
            SDVariable y = sd.cnn.depthToSpace("y", sd.cnn.spaceToDepth(x, 2, DataFormat.NCHW).mul(w), 2,
                    DataFormat.NCHW);
            SDVariable d = y.sub(sd.constant("t", ta));
            sd.setLossVariables(sd.sum("loss", d.mul(d)));
            INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
            INDArray yv = sd.output(Map.of(), "y").get("y");
            INDArray exact = yv.sub(ta).mul(2).mul(yv.div(xa)); // y / x is each element's factor
            double err = g.sub(exact).amaxNumber().doubleValue() / exact.amaxNumber().doubleValue();
            assertTrue(err < 1e-5, c + " channels: relative gradient error " + err);
        }
    }
}
