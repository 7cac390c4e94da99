package aekit.train.checkpoint;

import aekit.train.trainer.EpochMetrics;
import java.util.List;

/**
 * Where a run stands: enough, together with the graph and its optimiser state, to continue exactly.
 *
 * @param spec          what the run is
 * @param epoch         0-based epoch in progress (equal to the number of completed epochs when batch is 0)
 * @param batch         next batch within that epoch
 * @param iteration     optimiser steps taken so far
 * @param epochSeconds  training seconds already spent in the current epoch (for an interrupted epoch)
 * @param history       metrics of the completed epochs
 */
public record TrainingState(RunSpec spec, int epoch, int batch, int iteration, double epochSeconds,
                            List<EpochMetrics> history) {
    public TrainingState {
        if (epoch < 0 || batch < 0 || iteration < 0) {
            throw new IllegalArgumentException("epoch, batch and iteration must be >= 0");
        }
        history = List.copyOf(history);
    }

    /** The same state with another epoch target (resuming a run for longer). */
    public TrainingState withEpochs(int epochs) {
        return new TrainingState(spec.withEpochs(epochs), epoch, batch, iteration, epochSeconds, history);
    }

    /** The state of a run that has not started. */
    public static TrainingState start(RunSpec spec) {
        return new TrainingState(spec, 0, 0, 0, 0, List.of());
    }
}
