package aekit.train.graph;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * Builds the SameDiff graph of a {@link ConvAutoencoderConfig}: encoder convolutions, a dense or spatial bottleneck named
 * {@link GraphNames#LATENT}, decoder, sigmoid output {@link GraphNames#RECONSTRUCTION} and the scalar
 * {@link GraphNames#LOSS}. Weights come from the seed alone.
 */
public final class ConvAutoencoder {
    private ConvAutoencoder() {
    }

    /** A new graph with freshly initialised weights. */
    public static SameDiff build(ConvAutoencoderConfig cfg, LossKind loss, long seed) {
        SameDiff sd = SameDiff.create();
        Init init = new Init(seed);
        List<Integer> hs = cfg.heights();
        List<Integer> ws = cfg.widths();
        int levels = cfg.encoderChannels().size();
        int k = cfg.kernel();

        SDVariable image = sd.placeHolder(GraphNames.IMAGE, DataType.FLOAT, -1, cfg.channels(), cfg.height(), cfg.width());
        SDVariable target = sd.placeHolder(GraphNames.TARGET, DataType.FLOAT, -1, cfg.channels(), cfg.height(), cfg.width());

        // Encoder: (N, C, H, W) -> (N, C_l, H_l, W_l) per level
        SDVariable x = image;
        int inC = cfg.channels();
        for (int l = 0; l < levels; l++) {
            int outC = cfg.encoderChannels().get(l);
            boolean same = hs.get(l) % 2 == 0;
            SDVariable w = sd.var("enc" + l + "_W", init.normal(2, (long) k * k * inC, k, k, inC, outC)); // [kH,kW,iC,oC]
            SDVariable b = sd.var("enc" + l + "_b", Init.zeros(outC));
            Conv2DConfig conv = Conv2DConfig.builder().kH(k).kW(k).sH(2).sW(2)
                    .paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID).dataFormat("NCHW").build();
            x = sd.nn.relu(sd.cnn.conv2d("enc" + l + "_conv", x, w, b, conv), 0);
            inC = outC;
        }
        SDVariable latent;
        int hL = hs.get(levels);
        int wL = ws.get(levels);
        if (cfg.spatialLatent()) {
            // (N, C_last, H_last, W_last) -> (N, C', H_last, W_last), linear
            latent = code(sd, cfg, conv1(sd, init, "enc_latent", x, inC, cfg.latentChannels(), k, false));
            x = conv1(sd, init, "dec_latent", channel(sd, cfg, latent), cfg.latentChannels(), inC, k, true); // (N, C_last, H_last, W_last)
        } else {
            int flat = cfg.flatSize();
            x = x.reshape(-1, flat); // (N, flat)
            x = dense(sd, init, "enc_dense", x, flat, cfg.denseUnits(), true);
            latent = code(sd, cfg, dense(sd, init, "enc_latent", x, cfg.denseUnits(), cfg.latentDim(), false)); // (N, latentDim)

            // Decoder: (N, latentDim) -> (N, C_last, H_last, W_last)
            x = dense(sd, init, "dec_dense", channel(sd, cfg, latent), cfg.latentDim(), cfg.denseUnits(), true);
            x = dense(sd, init, "dec_unflat", x, cfg.denseUnits(), flat, true);
            x = x.reshape(-1, inC, hL, wL); // (N, C_last, H_last, W_last)
        }
        for (int l = levels - 1; l >= 0; l--) {
            int outC = l == 0 ? cfg.channels() : cfg.encoderChannels().get(l - 1);
            boolean same = hs.get(l) % 2 == 0;
            if (same && cfg.upsampling()) {
                // (N, inC, H/2, W/2) -> nearest x2 -> (N, inC, H, W) -> same conv -> (N, outC, H, W)
                SDVariable up = sd.cnn.upsampling2d("dec" + l + "_up", x, 2, 2, true);
                SDVariable w = sd.var("dec" + l + "_W", init.normal(l == 0 ? 1 : 2, (long) k * k * inC, k, k, inC, outC)); // [kH,kW,iC,oC]
                SDVariable b = sd.var("dec" + l + "_b", Init.zeros(outC));
                Conv2DConfig conv = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).paddingMode(PaddingMode.SAME)
                        .dataFormat("NCHW").build();
                x = sd.cnn.conv2d("dec" + l + "_conv", up, w, b, conv);
            } else {
                SDVariable w = sd.var("dec" + l + "_W", init.normal(l == 0 ? 1 : 2, (long) k * k * inC, k, k, outC, inC)); // [kH,kW,oC,iC]
                SDVariable b = sd.var("dec" + l + "_b", Init.zeros(outC));
                DeConv2DConfig deconv = DeConv2DConfig.builder().kH(k).kW(k).sH(2).sW(2).isSameMode(same)
                        .dataFormat("NCHW").build();
                x = sd.cnn.deconv2d("dec" + l + "_deconv", x, w, b, deconv);
            }
            if (l > 0) {
                x = sd.nn.relu(x, 0);
            }
            inC = outC;
        }
        Losses.head(sd, x, target, loss); // logits and reconstruction (N, C, H, W), loss
        return sd;
    }

    /** The encoder's last output as the named latent, power-normalised per code if the config says so. */
    private static SDVariable code(SameDiff sd, ConvAutoencoderConfig cfg, SDVariable raw) {
        if (!cfg.powerNormalised()) {
            return sd.identity(GraphNames.LATENT, raw);
        }
        int rank = cfg.latentShape().size() + 1;
        int[] axes = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            axes[i - 1] = i;
        }
        // (N, ...) / sqrt(mean over each code's values of x^2 + 1e-12), the mean kept as (N, 1, ...)
        SDVariable power = sd.mean(raw.mul(raw), true, axes);
        return raw.div(GraphNames.LATENT, sd.math.sqrt(power.add(1e-12)));
    }

    /** The decoder's input: the code, plus the channel-noise placeholder in a power-normalised model. */
    private static SDVariable channel(SameDiff sd, ConvAutoencoderConfig cfg, SDVariable latent) {
        if (!cfg.powerNormalised()) {
            return latent;
        }
        long[] shape = new long[cfg.latentShape().size() + 1];
        shape[0] = -1;
        for (int i = 0; i < cfg.latentShape().size(); i++) {
            shape[i + 1] = cfg.latentShape().get(i);
        }
        return latent.add(sd.placeHolder(GraphNames.CHANNEL_NOISE, DataType.FLOAT, shape));
    }

    /** A stride-1 "same" k x k convolution, (N, nIn, H, W) -> (N, nOut, H, W), optionally followed by ReLU. */
    private static SDVariable conv1(SameDiff sd, Init init, String name, SDVariable in, int nIn, int nOut, int k,
                                    boolean relu) {
        SDVariable w = sd.var(name + "_W", init.normal(relu ? 2 : 1, (long) k * k * nIn, k, k, nIn, nOut)); // [kH,kW,iC,oC]
        SDVariable b = sd.var(name + "_b", Init.zeros(nOut));
        Conv2DConfig conv = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW").build();
        SDVariable out = sd.cnn.conv2d(name + "_conv", in, w, b, conv);
        return relu ? sd.nn.relu(out, 0) : out;
    }

    private static SDVariable dense(SameDiff sd, Init init, String name, SDVariable in, int nIn, int nOut, boolean relu) {
        SDVariable w = sd.var(name + "_W", init.normal(relu ? 2 : 1, nIn, nIn, nOut));
        SDVariable b = sd.var(name + "_b", Init.zeros(nOut));
        SDVariable out = in.mmul(w).add(b); // (N, nOut)
        return relu ? sd.nn.relu(out, 0) : out;
    }
}
