/**
 * Folder-level runs, the commands' library: walking inputs ({@link aekit.infer.batch.InputFiles}), output names
 * and claims ({@link aekit.infer.batch.OutputTasks}), the streaming pipeline for fixed-size models
 * ({@link aekit.infer.batch.ImagePipeline}) and the photo denoiser's run ({@link aekit.infer.batch.DenoiseRun}),
 * each reporting every file's outcome to a listener, and the memory budget ({@link aekit.infer.batch.PixelBudget}).
 */
package aekit.infer.batch;
