/**
 * The photo-denoising experiments and their report.
 */
package aekit.tools.denoise;
