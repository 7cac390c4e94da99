package aekit.train.checkpoint;

import aekit.infer.data.DatasetInfo;
import aekit.infer.image.Preprocessing;
import aekit.infer.model.BuildInfo;
import aekit.train.graph.AutoencoderConfig;
import aekit.train.graph.LossKind;
import aekit.train.trainer.TrainConfig;

/**
 * Everything that defines a training run: the architecture, the loss, the training settings and the data.
 *
 * @param kind  model kind, e.g. "mnist-conv-ae"
 * @param model architecture
 * @param loss  reconstruction loss
 * @param train optimiser and schedule
 * @param data  the data set trained on
 * @param trainedWith the software versions the run was started with
 * @param crop  how image files are fitted to the model's input: {@link Preprocessing#STRETCH} (also what a
 *              checkpoint without this field means) or {@link Preprocessing#CENTER_CROP}
 * @param initialisedFrom the run (folder and epoch) whose weights the run started from, or null for fresh weights
 */
public record RunSpec(String kind, AutoencoderConfig model, LossKind loss, TrainConfig train, DatasetInfo data,
                      BuildInfo trainedWith, String crop, String initialisedFrom) {
    /** A run from fresh weights. */
    public RunSpec(String kind, AutoencoderConfig model, LossKind loss, TrainConfig train, DatasetInfo data,
                   BuildInfo trainedWith, String crop) {
        this(kind, model, loss, train, data, trainedWith, crop, null);
    }

    public RunSpec {
        if (crop == null) {
            crop = Preprocessing.STRETCH;
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be empty");
        }
        if (model == null || loss == null || train == null || data == null) {
            throw new IllegalArgumentException("model, loss, train and data are all required");
        }
    }

    /** A run whose image files are stretched to the model's input size (MNIST digits already are that size). */
    public RunSpec(String kind, AutoencoderConfig model, LossKind loss, TrainConfig train, DatasetInfo data,
                   BuildInfo trainedWith) {
        this(kind, model, loss, train, data, trainedWith, Preprocessing.STRETCH);
    }

    /** The one preprocessing path from an image file to this model's input tensor. */
    public Preprocessing preprocessing() {
        if (model instanceof aekit.train.graph.DenoiserConfig d) { // native size, padded to the model's multiple
            return new Preprocessing(d.channels(), d.multiple(), d.multiple(), Preprocessing.NATIVE);
        }
        return new Preprocessing(model.channels(), model.height(), model.width(), crop);
    }

    /** A copy with another epoch target (resuming a run for longer). */
    public RunSpec withEpochs(int epochs) {
        return new RunSpec(kind, model, loss, train.withEpochs(epochs), data, trainedWith, crop, initialisedFrom);
    }

    /** A copy recording the run whose weights this one starts from. */
    public RunSpec withInitialisedFrom(String source) {
        return new RunSpec(kind, model, loss, train, data, trainedWith, crop, source);
    }
}
