package aekit.train.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Builds the SameDiff graph of a {@link DenoiserConfig} (convolutions, ReLU, nearest upsampling and additions only): placeholders {@link GraphNames#IMAGE} (noisy) and
 * {@link GraphNames#TARGET} (clean), both (N, C, H, W) with any H and W that are multiples of the model's multiple;
 * the noise estimate, the residual output {@link GraphNames#RECONSTRUCTION} = image - noise (not clipped), the
 * bottleneck as {@link GraphNames#LATENT} and the mean squared error against the target as {@link GraphNames#LOSS}.
 * Every convolution has explicit symmetric padding, so the same weights give the same result at any size.
 */
public final class Denoiser {
    /** The noise the network predicts, (N, C, H, W). */
    public static final String NOISE = "noise";

    private Denoiser() {
    }

    /** A new graph with weights drawn from {@code seed}. */
    public static SameDiff build(DenoiserConfig cfg, long seed) {
        SameDiff sd = SameDiff.create();
        Init init = new Init(seed);
        int c = cfg.channels();
        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, c, -1, -1); // (N, C, H, W)
        SDVariable target = sd.placeHolder(GraphNames.TARGET, DataType.FLOAT, -1, c, -1, -1);
        int inC = c;
        SDVariable x = image;
        int levels = cfg.widths().size();
        SDVariable[] skips = new SDVariable[levels];
        for (int l = 0; l < levels; l++) {
            int w = cfg.widths().get(l);
            // level l: (N, inC, h, w) -> (N, w_l, h / 2^l, w / 2^l) (at half resolution: h / 2^(l+1))
            x = l == 0 && cfg.halfResolution()
                    ? conv(sd, init, "down0_0", x, inC, w, 6, 2, 2, true) // (N, w_0, H/2, W/2)
                    : conv(sd, init, "down" + l + "_0", x, inC, w, 3, l == 0 ? 1 : 2, 1, true);
            for (int k = 1; k <= cfg.convsPerLevel(); k++) {
                x = conv(sd, init, "down" + l + "_" + k, x, w, w, 3, 1, 1, true);
            }
            skips[l] = x;
            inC = w;
        }
        x = sd.identity(GraphNames.LATENT, x); // the bottleneck, (N, w_last, H / m, W / m)
        for (int l = levels - 2; l >= 0; l--) {
            int w = cfg.widths().get(l);
            SDVariable up = sd.cnn.upsampling2d("up" + l + "_up", x, 2, 2, true); // (N, w_{l+1}, 2h, 2w)
            x = conv(sd, init, "up" + l + "_0", up, inC, w, 3, 1, 1, true).add("up" + l + "_skip", skips[l]);
            for (int k = 1; k <= cfg.convsPerLevel(); k++) {
                x = conv(sd, init, "up" + l + "_" + k, x, w, w, 3, 1, 1, true);
            }
            inC = w;
        }
        if (cfg.halfResolution()) {
            x = sd.cnn.upsampling2d("out_up", x, 2, 2, true); // (N, w_0, H, W)
        }
        SDVariable noise = sd.identity(NOISE, conv(sd, init, "out", x, inC, c, 3, 1, 1, false)); // (N, C, H, W)
        SDVariable rec = image.sub(GraphNames.RECONSTRUCTION, noise); // (N, C, H, W)
        sd.setLossVariables(Losses.meanSquaredError(sd, GraphNames.LOSS, rec, target));
        return sd;
    }

    /**
     * A k x k convolution with explicit symmetric padding: 3x3 pad 1 keeps the size at stride 1 and halves an even
     * side at stride 2, as does 6x6 pad 2 at stride 2.
     */
    private static SDVariable conv(SameDiff sd, Init init, String name, SDVariable in, int nIn, int nOut, int k,
                                   int stride, int pad, boolean relu) {
        SDVariable w = sd.var(name + "_W", init.normal(relu ? 2 : 0.1, (long) k * k * nIn, k, k, nIn, nOut)); // [kH,kW,iC,oC]
        SDVariable b = sd.var(name + "_b", Init.zeros(nOut));
        Conv2DConfig cc = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        SDVariable out = sd.cnn.conv2d(name + "_conv", in, w, b, cc);
        return relu ? sd.nn.relu(out, 0) : out;
    }
}
