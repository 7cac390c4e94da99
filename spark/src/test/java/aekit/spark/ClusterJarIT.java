package aekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * target/aekit-spark.jar, the jar spark-submit takes: the job, the infer library, ONNX Runtime's native library and
 * the shipped models; no Spark, Scala or Hadoop classes (the cluster's are used), Jackson only relocated, and none
 * of ONNX Runtime's macOS debug symbols.
 */
class ClusterJarIT {
    @Test
    void holdsTheJobAndItsLibrariesButNoSparkAndOnlyARelocatedJackson() throws Exception {
        Path jar = Path.of(System.getProperty("aekit.sparkJar", "target/aekit-spark.jar"));
        try (JarFile z = new JarFile(jar.toFile())) {
            List<String> names = z.stream().map(ZipEntry::getName).toList();
            for (String want : List.of("aekit/spark/DenoiseJob.class", "aekit/infer/Denoiser.class",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "aekit/models/photo-denoise-rgb/model.json",
                    "aekit/models/mnist-dae/encoder.onnx", "aekit/shaded/jackson/databind/ObjectMapper.class")) {
                assertTrue(names.contains(want), want);
            }
            assertEquals(List.of(), names.stream().filter(n -> n.contains(".dSYM/")).limit(3).toList(),
                    "no macOS debug symbols (71 MB nothing loads)");
            for (String prefix : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "com/fasterxml/")) {
                assertEquals(List.of(), names.stream().filter(n -> n.startsWith(prefix)).limit(3).toList(), prefix);
            }
            assertEquals("aekit.spark.SparkMain", z.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
