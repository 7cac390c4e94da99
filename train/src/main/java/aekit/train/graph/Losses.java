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
     * Binary cross-entropy of sigmoid(logits) against targets in [0,1], averaged over every element:
     * softplus(z) - z t, with softplus(z) written as z/2 + |z|/2 + log(1 + exp(-|z|)). That form never overflows
     * (SameDiff's softplus is infinite above z ~ 88) and, unlike the common max(z, 0) + log(1 + exp(-|z|)), has the
     * right gradient sigmoid(z) - t at z = 0 exactly, where ReLU's and |z|'s subgradients are both 0. Logits that
     * are exactly 0 are common early in training (a zero bias over an all-zero receptive field).
     */
    public static SDVariable binaryCrossEntropyWithLogits(SameDiff sd, String name, SDVariable logits, SDVariable target) {
        SDVariable abs = sd.math.abs(logits);
        SDVariable linear = logits.mul(target.rsub(0.5)); // z (1/2 - t)
        SDVariable perElement = linear.add(abs.mul(0.5)).add(sd.nn.softplus(abs.neg()));
        return sd.mean(name, perElement);
    }

    /** Mean squared error averaged over every element. */
    public static SDVariable meanSquaredError(SameDiff sd, String name, SDVariable prediction, SDVariable target) {
        SDVariable diff = prediction.sub(target);
        return sd.mean(name, diff.mul(diff));
    }

    /**
     * The output head every aekit graph ends with: the named logits (N, C, H, W), their sigmoid as the named
     * reconstruction, and the named loss of the kind asked for (set as the graph's loss).
     */
    static void head(SameDiff sd, SDVariable x, SDVariable target, LossKind loss) {
        SDVariable logits = sd.identity(GraphNames.LOGITS, x);
        SDVariable rec = sd.nn.sigmoid(GraphNames.RECONSTRUCTION, logits);
        SDVariable lossVar = switch (loss) {
            case BCE -> binaryCrossEntropyWithLogits(sd, GraphNames.LOSS, logits, target);
            case MSE -> meanSquaredError(sd, GraphNames.LOSS, rec, target);
        };
        sd.setLossVariables(lossVar);
    }
}
