package aekit.train.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Losses written from basic SameDiff ops (the built-in {@code sd.loss.*} ops mis-scale their gradients when
 * anything is applied after them). Every loss is the mean over all elements of the batch.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Binary cross-entropy of sigmoid(logits) against targets in [0,1], in the numerically stable form
     * max(z, 0) - z * t + log(1 + exp(-|z|)), averaged over every element.
     */
    public static SDVariable binaryCrossEntropyWithLogits(SameDiff sd, String name, SDVariable logits, SDVariable target) {
        SDVariable positive = sd.nn.relu(logits, 0);
        SDVariable softplus = sd.nn.softplus(sd.math.abs(logits).neg());
        SDVariable perElement = positive.sub(logits.mul(target)).add(softplus);
        return sd.mean(name, perElement);
    }

    /** Mean squared error averaged over every element. */
    public static SDVariable meanSquaredError(SameDiff sd, String name, SDVariable prediction, SDVariable target) {
        SDVariable diff = prediction.sub(target);
        return sd.mean(name, diff.mul(diff));
    }
}
