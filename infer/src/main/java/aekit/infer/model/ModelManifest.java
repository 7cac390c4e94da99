package aekit.infer.model;

import aekit.infer.data.DatasetInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model bundle's provenance and interface ({@code model.json}, and the same fields in the ONNX files'
 * {@code metadata_props}): what the model is, its tensors, how images are preprocessed, how and on what it was
 * trained, its final metrics, and which software made it.
 *
 * @param format       manifest format, {@value #FORMAT}
 * @param kind         model kind, e.g. "mnist-conv-ae"
 * @param input        the image tensor and its preprocessing
 * @param latentShape  shape of one code without the batch dimension, e.g. [2] or [16, 8, 8]
 * @param powerNormalised whether the encoder ends with x / sqrt(mean(x^2))
 * @param training     the training config
 * @param dataset      the data set trained on
 * @param metrics      final metrics by name (e.g. test_loss, test_mse, test_psnr)
 * @param trainedWith  the software that trained it
 * @param exportedWith the software that exported it
 * @param latentStats  per-dimension statistics of the codes of a reference data set (null if not computed)
 * @param denoiser     for a photo denoiser, its one ONNX file and tiling facts (null for an autoencoder bundle of
 *                     encoder.onnx + decoder.onnx); its latentShape is the bottleneck for a multiple x multiple input
 */
public record ModelManifest(String format, String kind, InputSpec input, List<Long> latentShape,
                            boolean powerNormalised, TrainingSummary training, DatasetInfo dataset,
                            Map<String, Double> metrics, BuildInfo trainedWith, BuildInfo exportedWith,
                            LatentStats latentStats, DenoiserInfo denoiser) {
    /** The manifest format this code writes and reads. */
    public static final String FORMAT = "aekit-model/1";
    /** File names and tensor names of a bundle. */
    public static final String MANIFEST_FILE = "model.json";
    public static final String ENCODER_FILE = "encoder.onnx";
    public static final String DECODER_FILE = "decoder.onnx";
    /** The one ONNX file of a photo-denoiser bundle. */
    public static final String DENOISER_FILE = "denoiser.onnx";
    public static final String IMAGE = "image";
    public static final String LATENT = "latent";
    public static final String RECONSTRUCTION = "reconstruction";
    /** Prefix of the ONNX metadata keys. */
    public static final String METADATA_PREFIX = "aekit.";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An autoencoder bundle's manifest (encoder.onnx + decoder.onnx). */
    public ModelManifest(String format, String kind, InputSpec input, List<Long> latentShape, boolean powerNormalised,
                         TrainingSummary training, DatasetInfo dataset, Map<String, Double> metrics,
                         BuildInfo trainedWith, BuildInfo exportedWith, LatentStats latentStats) {
        this(format, kind, input, latentShape, powerNormalised, training, dataset, metrics, trainedWith, exportedWith,
                latentStats, null);
    }

    public ModelManifest {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: expected " + FORMAT + ", got " + format);
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be empty");
        }
        if (input == null || latentShape == null || latentShape.isEmpty()) {
            throw new IllegalArgumentException("input and latentShape are required");
        }
        latentShape = List.copyOf(latentShape);
        // sorted by name: Map.copyOf's order changes from one JVM to the next, and the JSON (model.json, info, the
        // manifest hash an output folder's record compares) must not
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
    }

    /** A copy with latent statistics. */
    public ModelManifest withLatentStats(LatentStats stats) {
        return new ModelManifest(format, kind, input, latentShape, powerNormalised, training, dataset, metrics,
                trainedWith, exportedWith, stats, denoiser);
    }

    /** Whether this is a photo-denoiser bundle (one ONNX file, any image size). */
    public boolean photoDenoiser() {
        return denoiser != null;
    }

    /** Values in one latent code. */
    public long latentSize() {
        long n = 1;
        for (long d : latentShape) {
            n *= d;
        }
        return n;
    }

    /**
     * SHA-256 (hex) of the manifest's JSON: what tells two bundles apart when a name or folder is reused (output
     * records of batch runs, the CLI's and the Spark job's).
     */
    public String sha256() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest as pretty JSON (model.json). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and parses a bundle's model.json; a bad one is an IOException naming the file. */
    public static ModelManifest read(BundleSource source) throws java.io.IOException {
        String name = source.location() + "/" + MANIFEST_FILE;
        try {
            return fromJson(new String(source.read(MANIFEST_FILE), java.nio.charset.StandardCharsets.UTF_8));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new java.io.IOException(name + ": unreadable manifest ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** Parses model.json. */
    public static ModelManifest fromJson(String json) throws JsonProcessingException {
        return JSON.readValue(json, ModelManifest.class);
    }

    /** One ONNX metadata entry per top-level field: key "aekit.FIELD", value the field as JSON. */
    public Map<String, String> toMetadata() {
        ObjectNode tree = JSON.valueToTree(this);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(METADATA_PREFIX + e.getKey(), e.getValue().toString());
        }
        return out;
    }

    /** The inverse of {@link #toMetadata()}; keys without the prefix are ignored. */
    public static ModelManifest fromMetadata(Map<String, String> metadata) throws JsonProcessingException {
        ObjectNode tree = JSON.createObjectNode();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(METADATA_PREFIX)) {
                tree.set(e.getKey().substring(METADATA_PREFIX.length()), JSON.readTree(e.getValue()));
            }
        }
        return JSON.treeToValue(tree, ModelManifest.class);
    }
}
