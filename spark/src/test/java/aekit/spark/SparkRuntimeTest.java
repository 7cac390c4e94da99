package aekit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aekit.infer.model.ModelManifest;
import aekit.infer.model.ShippedModels;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The JVM the module runs in: Spark's Java 17 options everywhere they are written down, and one Jackson that both
 * Spark (whose Scala module accepts only 2.15.x) and the infer library (model manifests) work with.
 */
class SparkRuntimeTest {
    @Test
    void javaOptionsAreSparksOwnList() throws Exception {
        List<String> spark = List.of(JavaModuleOptions.defaultModuleOptions().split(" "));
        String file = Files.readString(Path.of("java-options")).trim();
        assertEquals(spark, List.of(file.split(" ")), "spark/java-options (used by ./aekit spark and the scripts)");
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(jvm.containsAll(spark), "surefire's argLine has Spark's options: " + jvm);
    }

    @Test
    void sparkAndTheInferLibraryShareOneJackson() throws Exception {
        String v = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        assertTrue(v.startsWith("2.15."), "jackson-databind " + v + " (Spark 3.5's Scala module needs 2.15.x)");
        assertEquals(v, com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString(), "jackson-core");
        com.fasterxml.jackson.databind.Module scala = com.fasterxml.jackson.module.scala.DefaultScalaModule$.MODULE$;
        assertEquals(v, scala.version().toString(), "jackson-module-scala");
        new com.fasterxml.jackson.databind.ObjectMapper().registerModule(scala); // refuses a databind it was not built for
        SparkSession spark = SparkSession.builder().master("local[1]").appName("jackson")
                .config("spark.ui.enabled", "false").getOrCreate();
        try { // every RDD operation's scope goes through Jackson's Scala module
            assertEquals(List.of("{\"id\":0}", "{\"id\":1}"), spark.range(2).toDF("id").toJSON().collectAsList());
        } finally {
            spark.stop();
        }
        ModelManifest m = ModelManifest.read(ShippedModels.resolve("photo-denoise-rgb"));
        assertTrue(m.photoDenoiser());
        assertEquals(m, ModelManifest.fromJson(m.toJson()), "the manifest round-trips through this Jackson");
    }
}
