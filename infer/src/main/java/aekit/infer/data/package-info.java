/**
 * Datasets: IDX files (MNIST) read and written, grey image sets, image tensors and the input-noise corruption
 * shared with training.
 */
package aekit.infer.data;
