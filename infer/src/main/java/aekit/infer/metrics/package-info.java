/**
 * Scores: PSNR and SSIM per image, their accumulation over a set, the photo-denoising protocol, and the
 * evaluation's noise streams.
 */
package aekit.infer.metrics;
