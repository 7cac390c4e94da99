/**
 * The SameDiff graphs (convolutional, MLP and U-Net autoencoders and denoisers), their losses, variable names and
 * the channel-noise feed.
 */
package aekit.train.graph;
