package aekit.train.report;

import aekit.infer.data.ImageTensors;
import aekit.train.graph.GraphNames;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Encodes a whole data set to its latent codes with a SameDiff graph, batch by batch. */
public final class LatentCodes {
    private static final int BATCH = 512;

    private LatentCodes() {
    }

    /** The flattened latent codes of every image, (N, latentSize) row-major. */
    public static float[] encode(SameDiff sd, ImageTensors data) {
        float[] out = null;
        int per = 0;
        for (int start = 0; start < data.size(); start += BATCH) {
            int b = Math.min(BATCH, data.size() - start);
            INDArray x = Nd4j.create(data.batch(start, b), data.shape(b), 'c');
            float[] codes = sd.output(Map.of(GraphNames.IMAGE, x), GraphNames.LATENT).get(GraphNames.LATENT)
                    .dup('c').data().asFloat();
            if (out == null) {
                per = codes.length / b;
                out = new float[data.size() * per];
            }
            System.arraycopy(codes, 0, out, start * per, codes.length);
        }
        return out == null ? new float[0] : out;
    }
}
