package aekit.infer.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a model bundle's files come from: a folder on disk, or a model shipped inside the jar. */
public interface BundleSource {
    /** Human-readable location for messages ("models/mnist-ae", "shipped model mnist-ae"). */
    String location();

    /** The bytes of one file of the bundle. */
    byte[] read(String file) throws IOException;

    /** The folder, when the bundle is one on disk (fit-latent writes its Gaussian there); null for a shipped model. */
    Path directory();

    /** The error for a file a bundle lacks, naming what a bundle holds. */
    static IOException missing(String path) {
        return new IOException(path + ": missing from the bundle (a bundle has " + ModelManifest.MANIFEST_FILE
                + " and either " + ModelManifest.ENCODER_FILE + " + " + ModelManifest.DECODER_FILE
                + " or, for a photo denoiser, " + ModelManifest.DENOISER_FILE + ")");
    }

    /** A bundle folder. */
    static BundleSource directory(Path dir) {
        return new BundleSource() {
            @Override
            public String location() {
                return dir.toString();
            }

            @Override
            public byte[] read(String file) throws IOException {
                Path p = dir.resolve(file);
                if (!Files.isRegularFile(p)) {
                    throw BundleSource.missing(p.toString());
                }
                return Files.readAllBytes(p);
            }

            @Override
            public Path directory() {
                return dir;
            }
        };
    }

    /** A model shipped in the jar under {@code aekit/models/NAME/}. */
    static BundleSource shipped(String name) {
        return new BundleSource() {
            @Override
            public String location() {
                return "shipped model " + name;
            }

            @Override
            public byte[] read(String file) throws IOException {
                String res = ShippedModels.PREFIX + name + "/" + file;
                try (InputStream in = BundleSource.class.getClassLoader().getResourceAsStream(res)) {
                    if (in == null) {
                        throw new IOException(location() + ": " + file + " is missing from the jar");
                    }
                    return in.readAllBytes();
                }
            }

            @Override
            public Path directory() {
                return null;
            }
        };
    }
}
