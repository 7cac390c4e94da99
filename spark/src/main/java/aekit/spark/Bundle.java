package aekit.spark;

import aekit.infer.model.BundleSource;
import aekit.infer.model.ModelManifest;
import aekit.infer.model.ShippedModels;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A model bundle's files in memory, read once on the driver and broadcast to the executors, which open it from
 * these bytes (no file needs to be on the executors' disks). {@link #hash()} (SHA-256 over the file names and
 * bytes) keys the models each executor keeps open.
 *
 * @param location where it came from, for messages
 * @param files    the bundle's files the model needs (model.json and its ONNX files), by name
 * @param hash     SHA-256 of the files, hex
 */
public record Bundle(String location, Map<String, byte[]> files, String hash) implements Serializable {
    /**
     * Reads a bundle: a shipped model name ({@code photo-denoise-rgb}), a local bundle folder, or a folder on any
     * Hadoop file system ({@code hdfs://nn/models/x}). Only the files the model needs are read.
     */
    public static Bundle read(String model, Configuration conf) throws IOException {
        BundleSource src;
        if (model.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !model.startsWith("file:")) {
            src = hadoop(new Path(model), conf);
        } else {
            src = ShippedModels.resolve(model.startsWith("file:") ? new Path(model).toUri().getPath() : model);
        }
        return of(src);
    }

    /** The files of a bundle source that its model needs. */
    public static Bundle of(BundleSource src) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        files.put(ModelManifest.MANIFEST_FILE, src.read(ModelManifest.MANIFEST_FILE));
        ModelManifest m = ModelManifest.read(src);
        if (m.photoDenoiser()) {
            files.put(m.denoiser().file(), src.read(m.denoiser().file()));
        } else {
            files.put(ModelManifest.ENCODER_FILE, src.read(ModelManifest.ENCODER_FILE));
            files.put(ModelManifest.DECODER_FILE, src.read(ModelManifest.DECODER_FILE));
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return new Bundle(src.location(), files, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundle as a source the infer library opens. */
    public BundleSource source() {
        return new BundleSource() {
            @Override
            public String location() {
                return location;
            }

            @Override
            public byte[] read(String file) throws IOException {
                byte[] b = files.get(file);
                if (b == null) {
                    throw new IOException(location + "/" + file + ": not in the bundle sent to the executors");
                }
                return b;
            }

            @Override
            public java.nio.file.Path directory() {
                return null;
            }
        };
    }

    /** The manifest. */
    public ModelManifest manifest() throws IOException {
        return ModelManifest.read(source());
    }

    /** A bundle folder on a Hadoop file system. */
    private static BundleSource hadoop(Path dir, Configuration conf) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.getFileStatus(dir).isDirectory()) {
            throw new IOException("--model " + dir + ": not a bundle folder");
        }
        return new BundleSource() {
            @Override
            public String location() {
                return dir.toString();
            }

            @Override
            public byte[] read(String file) throws IOException {
                Path p = new Path(dir, file);
                if (!fs.exists(p)) {
                    throw BundleSource.missing(p.toString());
                }
                try (var in = fs.open(p)) {
                    return in.readAllBytes();
                }
            }

            @Override
            public java.nio.file.Path directory() {
                return null;
            }
        };
    }
}
