package aekit.train.checkpoint;

import aekit.infer.data.DatasetInfo;
import aekit.infer.model.BuildInfo;
import aekit.train.graph.ConvAutoencoderConfig;
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
 */
public record RunSpec(String kind, ConvAutoencoderConfig model, LossKind loss, TrainConfig train, DatasetInfo data,
                      BuildInfo trainedWith) {
    public RunSpec {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be empty");
        }
        if (model == null || loss == null || train == null || data == null) {
            throw new IllegalArgumentException("model, loss, train and data are all required");
        }
    }

    /** A copy with another epoch target (resuming a run for longer). */
    public RunSpec withEpochs(int epochs) {
        return new RunSpec(kind, model, loss, train.withEpochs(epochs), data, trainedWith);
    }
}
