package aekit.infer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelManifestTest {
    static final Path BUNDLE = Path.of(System.getProperty("aekit.fixtures", "../fixtures"), "bundles/mnist-tiny");

    /**
     * The metrics come out sorted by name whatever order they were given in: the JSON of a manifest is the same in
     * every JVM (Map.copyOf's order is not), so the manifest hash in an output folder's record matches on a rerun.
     */
    @Test
    void metricsAreSortedSoTheJsonIsTheSameInEveryJvm() throws Exception {
        ModelManifest m = ModelManifest.fromJson(Files.readString(BUNDLE.resolve("model.json")));
        Map<String, Double> reversed = new LinkedHashMap<>();
        reversed.put("z_last", 1.0);
        reversed.put("m_middle", 2.0);
        reversed.put("a_first", 3.0);
        ModelManifest withMetrics = new ModelManifest(m.format(), m.kind(), m.input(), m.latentShape(),
                m.powerNormalised(), m.training(), m.dataset(), reversed, m.trainedWith(), m.exportedWith(),
                m.latentStats(), m.denoiser());
        assertEquals(List.of("a_first", "m_middle", "z_last"), new ArrayList<>(withMetrics.metrics().keySet()));
        String json = withMetrics.toJson();
        int a = json.indexOf("\"a_first\"");
        int mid = json.indexOf("\"m_middle\"");
        int z = json.indexOf("\"z_last\"");
        assertEquals(true, a > 0 && a < mid && mid < z, json);
        assertEquals(json, ModelManifest.fromJson(json).toJson(), "a parsed manifest writes the same JSON");
    }
}
