/**
 * Latent-space tools: the 2-d grid walk, Gaussians fitted to codes for sampling, and channel noise scaled to each
 * code's power.
 */
package aekit.infer.latent;
