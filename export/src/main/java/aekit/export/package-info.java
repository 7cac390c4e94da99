/**
 * Export: SameDiff graphs to ONNX bundles (model.json and the ONNX files), and the bundle writer.
 */
package aekit.export;
