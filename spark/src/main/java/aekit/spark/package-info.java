/**
 * Batch denoising on Apache Spark: {@link aekit.spark.DenoiseJob} denoises (or reconstructs) every image under a
 * Hadoop path or glob (file://, hdfs://, s3a://) with the infer library's decoding, tiling and encoding, writes
 * each result atomically through Hadoop's {@code FileSystem} into a tree mirroring the input, and records one row a
 * file in a Parquet results table. {@link aekit.spark.SparkMain} is its command line ({@code aekit spark ...},
 * {@code spark-submit ... aekit-spark.jar ...}).
 */
package aekit.spark;
