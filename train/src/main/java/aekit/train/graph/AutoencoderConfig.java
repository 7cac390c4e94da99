package aekit.train.graph;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An autoencoder architecture: convolutional ({@link ConvAutoencoderConfig}) or fully connected
 * ({@link MlpAutoencoderConfig}) or the fully convolutional photo denoiser ({@link DenoiserConfig}). Checkpoints store it with a "type" field; one without it is convolutional (the
 * only kind older checkpoints have).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ConvAutoencoderConfig.class)
@JsonSubTypes({@JsonSubTypes.Type(value = ConvAutoencoderConfig.class, name = "conv"),
    @JsonSubTypes.Type(value = MlpAutoencoderConfig.class, name = "mlp"),
    @JsonSubTypes.Type(value = DenoiserConfig.class, name = "denoiser")})
public sealed interface AutoencoderConfig permits ConvAutoencoderConfig, MlpAutoencoderConfig, DenoiserConfig {
    /** Input channels. */
    int channels();

    /** Input height. */
    int height();

    /** Input width. */
    int width();

    /** Shape of one code without the batch dimension. */
    List<Integer> latentShape();

    /** Whether the encoder ends with power normalisation (a noisy-channel model). */
    boolean powerNormalised();

    /** A new graph with weights drawn from {@code seed}. */
    default SameDiff build(LossKind loss, long seed) {
        if (this instanceof MlpAutoencoderConfig m) {
            return MlpAutoencoder.build(m, loss, seed);
        }
        if (this instanceof DenoiserConfig d) {
            return Denoiser.build(d, seed); // always MSE on the residual output
        }
        return ConvAutoencoder.build((ConvAutoencoderConfig) this, loss, seed);
    }
}
