package aekit.train.graph;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the SameDiff graph of an {@link MlpAutoencoderConfig} with the same variable names as the convolutional
 * model ({@link GraphNames}), so the trainer, export and inference treat both alike.
 */
public final class MlpAutoencoder {
    private MlpAutoencoder() {
    }

    /** A new graph with freshly initialised weights. */
    public static SameDiff build(MlpAutoencoderConfig cfg, LossKind loss, long seed) {
        SameDiff sd = SameDiff.create();
        Init init = new Init(seed);
        int c = cfg.channels();
        int h = cfg.height();
        int w = cfg.width();
        int flat = c * h * w;
        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, c, h, w);
        SDVariable target = sd.placeHolder(GraphNames.TARGET, DataType.FLOAT, -1, c, h, w);
        boolean relu = cfg.activation().equals("relu");

        List<Integer> widths = new ArrayList<>(cfg.hidden());
        widths.add(cfg.latentDim());
        SDVariable x = image.reshape(-1, flat); // (N, C*H*W)
        int in = flat;
        for (int i = 0; i < widths.size(); i++) {
            x = layer(sd, init, "enc" + i, x, in, widths.get(i), relu, true); // (N, width_i)
            in = widths.get(i);
        }
        SDVariable latent = sd.identity(GraphNames.LATENT, x); // (N, latentDim)

        x = latent;
        for (int i = cfg.hidden().size() - 1; i >= 0; i--) {
            x = layer(sd, init, "dec" + i, x, in, cfg.hidden().get(i), relu, true);
            in = cfg.hidden().get(i);
        }
        x = layer(sd, init, "dec_out", x, in, flat, relu, false); // (N, C*H*W) logits
        Losses.head(sd, x.reshape(-1, c, h, w), target, loss); // logits and reconstruction (N, C, H, W), loss
        return sd;
    }

    /** in.mmul(W) + b, then the activation unless {@code activate} is false. */
    private static SDVariable layer(SameDiff sd, Init init, String name, SDVariable x, int nIn, int nOut, boolean relu,
                                    boolean activate) {
        SDVariable wt = sd.var(name + "_W", init.normal(relu && activate ? 2 : 1, nIn, nIn, nOut));
        SDVariable b = sd.var(name + "_b", Init.zeros(nOut));
        SDVariable out = x.mmul(wt).add(b);
        if (!activate) {
            return out;
        }
        return relu ? sd.nn.relu(out, 0) : sd.nn.sigmoid(out);
    }
}
