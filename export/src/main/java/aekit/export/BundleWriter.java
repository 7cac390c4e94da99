package aekit.export;

import aekit.export.onnx.OnnxExporter;
import aekit.infer.model.ModelManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a model bundle (encoder.onnx and decoder.onnx, or a denoiser's one ONNX file; model.json) into a temp folder beside the target and renames
 * it into place, so the target is either absent, the old bundle, or the complete new one.
 */
public final class BundleWriter {
    private BundleWriter() {
    }

    /** Writes an autoencoder bundle; an existing non-empty {@code dir} is replaced only with {@code overwrite}. */
    public static void write(Path dir, OnnxExporter.Models models, ModelManifest manifest, boolean overwrite)
            throws IOException, ExportException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ModelManifest.ENCODER_FILE, models.encoder().toByteArray());
        files.put(ModelManifest.DECODER_FILE, models.decoder().toByteArray());
        write(dir, files, manifest, overwrite);
    }

    /** Writes a bundle of the given ONNX files (by name) and the manifest, as {@link #write} does. */
    public static void write(Path dir, Map<String, byte[]> files, ModelManifest manifest, boolean overwrite)
            throws IOException, ExportException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDir(target)) {
            if (!overwrite) {
                throw new ExportException(dir + " already exists; use --force to replace it");
            }
            if (!isBundle(target)) {
                throw new ExportException(dir + " holds files that are not part of a model bundle; refusing to "
                        + "replace it (choose another --out)");
            }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            Files.writeString(tmp.resolve(ModelManifest.MANIFEST_FILE), manifest.toJson() + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** A shipped bundle's copy of its training checkpoint (for fine-tuning with --init-from); never a run's own. */
    public static final String TRAINING_CHECKPOINT = "training-checkpoint.zip";

    /** Files a bundle folder may hold; --force replaces only folders with nothing else in them. */
    static final java.util.Set<String> BUNDLE_FILES = java.util.Set.of(ModelManifest.MANIFEST_FILE,
            ModelManifest.ENCODER_FILE, ModelManifest.DECODER_FILE, ModelManifest.DENOISER_FILE, "latent-gaussian.bin",
            "MODEL.md", TRAINING_CHECKPOINT);

    private static boolean isBundle(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.allMatch(f -> Files.isRegularFile(f) && BUNDLE_FILES.contains(f.getFileName().toString()));
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
