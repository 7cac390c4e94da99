/**
 * Checkpoints: saving and resuming a run's weights and optimiser state, and transferring weights between models.
 */
package aekit.train.checkpoint;
