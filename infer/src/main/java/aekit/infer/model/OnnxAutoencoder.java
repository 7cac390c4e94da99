package aekit.infer.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A model bundle opened in ONNX Runtime: owns the encoder and decoder sessions (close it to free them), checks
 * their input/output names and shapes against the manifest when it loads, and runs batches as float arrays.
 * Every batch's tensors and results are closed before a call returns. The {@link OrtEnvironment} is the process's one.
 */
public final class OnnxAutoencoder implements AutoCloseable {
    private final ModelManifest manifest;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final OrtEnvironment env = OrtEnv.get();

    private OnnxAutoencoder(ModelManifest manifest, OrtSession encoder, OrtSession decoder) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Opens the bundle in {@code dir} with default session options (all graph optimisations on). */
    public static OnnxAutoencoder open(Path dir) throws IOException {
        return open(BundleSource.directory(dir), SessionSettings.cpu());
    }

    /** Opens a bundle with the given session settings. */
    public static OnnxAutoencoder open(BundleSource source, SessionSettings settings) throws IOException {
        ModelManifest manifest = ModelManifest.read(source);
        if (manifest.photoDenoiser()) {
            throw new IOException(source.location() + "/" + ModelManifest.MANIFEST_FILE + ": a photo denoiser (one "
                    + manifest.denoiser().file() + " for any image size), not an encoder/decoder autoencoder");
        }
        OrtNativeCache.install();
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession.SessionOptions opts = settings.options()) {
            OrtSession enc = session(env, source, ModelManifest.ENCODER_FILE, opts);
            OrtSession dec;
            try {
                dec = session(env, source, ModelManifest.DECODER_FILE, opts);
            } catch (IOException e) {
                closeQuietly(enc);
                throw e;
            }
            OnnxAutoencoder model = new OnnxAutoencoder(manifest, enc, dec);
            try {
                model.checkSignatures(source.location());
            } catch (IOException e) {
                model.close();
                throw e;
            }
            return model;
        }
    }

    private static OrtSession session(OrtEnvironment env, BundleSource source, String file,
                                      OrtSession.SessionOptions opts) throws IOException {
        byte[] bytes = source.read(file);
        try {
            return env.createSession(bytes, opts);
        } catch (OrtException e) {
            throw new IOException(source.location() + "/" + file + ": ONNX Runtime cannot load it ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private void checkSignatures(String where) throws IOException {
        long[] image = manifest.input().shape(-1);
        long[] latent = new long[manifest.latentShape().size() + 1];
        latent[0] = -1;
        for (int i = 0; i < manifest.latentShape().size(); i++) {
            latent[i + 1] = manifest.latentShape().get(i);
        }
        String enc = where + "/" + ModelManifest.ENCODER_FILE;
        String dec = where + "/" + ModelManifest.DECODER_FILE;
        check(enc, "input", encoderInfo(true), ModelManifest.IMAGE, image);
        check(enc, "output", encoderInfo(false), ModelManifest.LATENT, latent);
        check(dec, "input", decoderInfo(true), ModelManifest.LATENT, latent);
        check(dec, "output", decoderInfo(false), ModelManifest.RECONSTRUCTION, image);
    }

    private Map<String, NodeInfo> encoderInfo(boolean inputs) throws IOException {
        try {
            return inputs ? encoder.getInputInfo() : encoder.getOutputInfo();
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Map<String, NodeInfo> decoderInfo(boolean inputs) throws IOException {
        try {
            return inputs ? decoder.getInputInfo() : decoder.getOutputInfo();
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Refuses a model whose one input or output is not {@code name} with the {@code expected} shape. */
    static void check(String file, String role, Map<String, NodeInfo> infos, String name, long[] expected)
            throws IOException {
        if (infos.size() != 1 || !infos.containsKey(name)) {
            throw new IOException(file + ": expected one " + role + " named '" + name + "', found " + infos.keySet());
        }
        long[] got = ((TensorInfo) infos.get(name).getInfo()).getShape();
        if (!Arrays.equals(got, expected)) {
            throw new IOException(file + ": " + role + " '" + name + "' has shape " + Arrays.toString(got)
                    + ", expected " + Arrays.toString(expected) + " as model.json says (-1: any size)");
        }
    }

    /** The bundle's manifest. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** Encodes n images, (n, C, H, W) row-major, to n codes, (n, latentSize) row-major. */
    public float[] encode(float[] images, int n) throws OrtException {
        return run(encoder, ModelManifest.IMAGE, images, manifest.input().shape(n), ModelManifest.LATENT);
    }

    /** Decodes n codes to n images in [0,1]. */
    public float[] decode(float[] codes, int n) throws OrtException {
        long[] shape = new long[manifest.latentShape().size() + 1];
        shape[0] = n;
        for (int i = 0; i < manifest.latentShape().size(); i++) {
            shape[i + 1] = manifest.latentShape().get(i);
        }
        return run(decoder, ModelManifest.LATENT, codes, shape, ModelManifest.RECONSTRUCTION);
    }

    /** Encodes then decodes n images. */
    public float[] reconstruct(float[] images, int n) throws OrtException {
        return decode(encode(images, n), n);
    }

    private float[] run(OrtSession s, String inName, float[] data, long[] shape, String outName) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = s.run(Map.of(inName, t))) {
            OnnxTensor out = (OnnxTensor) r.get(outName).orElseThrow();
            FloatBuffer fb = out.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return values;
        }
    }

    /** The ONNX metadata of the encoder file (the manifest fields, as written by export). */
    public Map<String, String> encoderMetadata() throws OrtException {
        return encoder.getMetadata().getCustomMetadata();
    }

    /** The ONNX metadata of the decoder file. */
    public Map<String, String> decoderMetadata() throws OrtException {
        return decoder.getMetadata().getCustomMetadata();
    }

    @Override
    public void close() {
        closeQuietly(encoder);
        closeQuietly(decoder);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // closing a session only fails if it was already closed
        }
    }
}
