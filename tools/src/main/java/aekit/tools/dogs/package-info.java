/**
 * The dog-photo autoencoder and noisy-channel experiments and their reports.
 */
package aekit.tools.dogs;
