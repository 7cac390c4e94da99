/**
 * Model bundles: the manifest ({@code model.json}: input spec, latent shape, the ONNX tensor names, training
 * summary), where a bundle's files come from ({@link aekit.infer.model.BundleSource},
 * {@link aekit.infer.model.ShippedModels}), and ONNX Runtime's process set-up ({@link aekit.infer.model.OrtEnv},
 * {@link aekit.infer.model.OrtNativeCache}).
 */
package aekit.infer.model;
