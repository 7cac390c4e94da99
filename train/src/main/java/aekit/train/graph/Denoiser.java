package aekit.train.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Builds the SameDiff graph of a {@link DenoiserConfig}: placeholders {@link GraphNames#IMAGE} (noisy) and
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
        int inC = cfg.spaceToDepth() ? 4 * c : c;
        SDVariable x = cfg.spaceToDepth()
                ? sd.cnn.spaceToDepth("s2d", image, 2, DataFormat.NCHW) : image; // (N, 4C, H/2, W/2)
        int levels = cfg.widths().size();
        SDVariable[] skips = new SDVariable[levels];
        for (int l = 0; l < levels; l++) {
            int w = cfg.widths().get(l);
            // level l: (N, inC, h, w) -> (N, w_l, h / 2^l, w / 2^l)
            x = conv(sd, init, "down" + l + "_0", x, inC, w, l == 0 ? 1 : 2, true);
            for (int k = 1; k <= cfg.convsPerLevel(); k++) {
                x = conv(sd, init, "down" + l + "_" + k, x, w, w, 1, true);
            }
            skips[l] = x;
            inC = w;
        }
        x = sd.identity(GraphNames.LATENT, x); // the bottleneck, (N, w_last, H / m, W / m)
        for (int l = levels - 2; l >= 0; l--) {
            int w = cfg.widths().get(l);
            SDVariable up = sd.cnn.upsampling2d("up" + l + "_up", x, 2, 2, true); // (N, w_{l+1}, 2h, 2w)
            x = conv(sd, init, "up" + l + "_0", up, inC, w, 1, true).add("up" + l + "_skip", skips[l]);
            for (int k = 1; k <= cfg.convsPerLevel(); k++) {
                x = conv(sd, init, "up" + l + "_" + k, x, w, w, 1, true);
            }
            inC = w;
        }
        int outC = cfg.spaceToDepth() ? 4 * c : c;
        SDVariable noise = conv(sd, init, "out", x, inC, outC, 1, false); // (N, outC, H/s, W/s)
        noise = cfg.spaceToDepth() ? sd.cnn.depthToSpace(NOISE, noise, 2, DataFormat.NCHW) : sd.identity(NOISE, noise);
        SDVariable rec = image.sub(GraphNames.RECONSTRUCTION, noise); // (N, C, H, W)
        sd.setLossVariables(Losses.meanSquaredError(sd, GraphNames.LOSS, rec, target));
        return sd;
    }

    /** A 3x3 convolution with explicit padding 1 (stride 1 keeps the size, stride 2 halves an even side). */
    private static SDVariable conv(SameDiff sd, Init init, String name, SDVariable in, int nIn, int nOut, int stride,
                                   boolean relu) {
        SDVariable w = sd.var(name + "_W", init.normal(relu ? 2 : 0.1, 9L * nIn, 3, 3, nIn, nOut)); // [kH,kW,iC,oC]
        SDVariable b = sd.var(name + "_b", Init.zeros(nOut));
        Conv2DConfig cc = Conv2DConfig.builder().kH(3).kW(3).sH(stride).sW(stride).pH(1).pW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        SDVariable out = sd.cnn.conv2d(name + "_conv", in, w, b, cc);
        return relu ? sd.nn.relu(out, 0) : out;
    }
}
