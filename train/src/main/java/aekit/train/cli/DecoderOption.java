package aekit.train.cli;

import picocli.CommandLine.Option;

/**
 * {@code --decoder upsample|deconv} of the convolutional models: how the decoder doubles a side. The default,
 * upsample (nearest x2, then a stride-1 convolution), trains faster than transposed convolutions in SameDiff, whose
 * "same" transposed convolutions have no oneDNN path, and avoids their checkerboard artefacts.
 */
public final class DecoderOption {
    @Option(names = "--decoder", defaultValue = "upsample",
            description = "Decoder levels that double a side: upsample (nearest x2 + convolution) or deconv (stride-2 "
                    + "transposed convolution, as the models shipped before upsample became the default).")
    String decoder;

    /** Whether the decoder upsamples; a bad value is a usage error naming the option. */
    boolean upsampling() {
        return switch (decoder) {
            case "upsample" -> true;
            case "deconv" -> false;
            default -> throw new IllegalArgumentException("--decoder must be upsample or deconv, got " + decoder);
        };
    }
}
