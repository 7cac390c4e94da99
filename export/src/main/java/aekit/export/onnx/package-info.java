/**
 * The SameDiff-to-ONNX converter: graph building and per-op conversion.
 */
package aekit.export.onnx;
