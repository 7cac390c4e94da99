/**
 * Images: reading files to 8-bit rasters ({@link aekit.infer.image.ImageFileReader}, with aekit's own PNG reader)
 * and writing them ({@link aekit.infer.image.ImageFileWriter}), the one preprocessing path to model tensors
 * ({@link aekit.infer.image.Preprocessing}), tiling and mirrored windows, montages and error maps.
 */
package aekit.infer.image;
