package aekit.infer;

import aekit.infer.image.ImageFileReader;
import aekit.infer.image.ImageFileWriter;
import aekit.infer.image.RasterImage;
import aekit.infer.model.BundleSource;
import aekit.infer.model.InputSpec;
import aekit.infer.model.ModelManifest;
import aekit.infer.model.ShippedModels;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An encoder/decoder bundle (e.g. the shipped {@code mnist-ae}, {@code mnist-dae}, {@code dogs-ae}) opened in ONNX
 * Runtime: it encodes images to latent codes, decodes codes to images, and reconstructs images (encode, then
 * decode) at the model's fixed input size, through the same decoding and preprocessing as the {@code aekit}
 * commands.
 *
 * <pre>{@code
 * try (Autoencoder model = Autoencoder.open("mnist-dae")) {      // a shipped name or a bundle folder
 *     BufferedImage clean = model.reconstruct(Path.of("noisy.png")); // 28 x 28, the model's size
 *     float[] code = model.encode(ImageIO.read(file));               // one image's latent code
 * }
 * }</pre>
 *
 * <p>It owns the encoder and decoder sessions (close it to free them; closing twice does nothing), checks their
 * input/output names and shapes against the manifest when it opens, and runs batches as float arrays; every
 * batch's tensors and results are closed before a call returns. Thread-safe: ONNX Runtime sessions may be run from
 * many threads at once. Opening has no global side effects beyond ONNX Runtime's one environment (its native
 * library is unpacked where ONNX Runtime puts it; {@link aekit.infer.model.OrtNativeCache#install()} is the
 * explicit call that caches it). Every failure is an {@link AekitException}.
 */
public final class Autoencoder implements AutoCloseable {
    private final ModelManifest manifest;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final OrtEnvironment env = aekit.infer.model.OrtEnv.get();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Autoencoder(ModelManifest manifest, OrtSession encoder, OrtSession decoder) {
        this.manifest = manifest;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** Opens a shipped model by name ({@code "mnist-ae"}) or the bundle folder at that path, on the CPU. */
    public static Autoencoder open(String nameOrFolder) throws AekitException {
        return open(ShippedModels.resolve(nameOrFolder), SessionSettings.cpu());
    }

    /** Opens the bundle in {@code dir} with default session settings (CPU, all graph optimisations on). */
    public static Autoencoder open(Path dir) throws AekitException {
        return open(BundleSource.directory(dir), SessionSettings.cpu());
    }

    /** Opens a bundle with the given session settings. */
    public static Autoencoder open(BundleSource source, SessionSettings settings) throws AekitException {
        ModelManifest manifest = readManifest(source);
        if (manifest.photoDenoiser()) {
            throw new AekitException(source.location() + "/" + ModelManifest.MANIFEST_FILE + ": a photo denoiser (one "
                    + manifest.denoiser().file() + " for any image size), not an encoder/decoder autoencoder; "
                    + "open it as a Denoiser");
        }
        OrtEnvironment env = aekit.infer.model.OrtEnv.get();
        try (OrtSession.SessionOptions opts = settings.options()) {
            OrtSession enc = session(env, source, ModelManifest.ENCODER_FILE, opts);
            OrtSession dec;
            try {
                dec = session(env, source, ModelManifest.DECODER_FILE, opts);
            } catch (AekitException e) {
                closeQuietly(enc);
                throw e;
            }
            Autoencoder model = new Autoencoder(manifest, enc, dec);
            try {
                model.checkSignatures(source.location());
            } catch (AekitException e) {
                model.close();
                throw e;
            }
            return model;
        }
    }

    /** The bundle's manifest, any failure to read it an AekitException. */
    static ModelManifest readManifest(BundleSource source) throws AekitException {
        try {
            return ModelManifest.read(source);
        } catch (IOException e) {
            throw AekitException.wrap(e);
        }
    }

    /** A session on one file of the bundle. */
    static OrtSession session(OrtEnvironment env, BundleSource source, String file,
                              OrtSession.SessionOptions opts) throws AekitException {
        byte[] bytes;
        try {
            bytes = source.read(file);
        } catch (IOException e) {
            throw AekitException.wrap(e);
        }
        try {
            return env.createSession(bytes, opts);
        } catch (OrtException e) {
            throw new AekitException(source.location() + "/" + file + ": ONNX Runtime cannot load it ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private void checkSignatures(String where) throws AekitException {
        long[] image = manifest.input().shape(-1);
        long[] latent = latentShape(-1);
        String enc = where + "/" + ModelManifest.ENCODER_FILE;
        String dec = where + "/" + ModelManifest.DECODER_FILE;
        try {
            check(enc, "input", encoder.getInputInfo(), ModelManifest.IMAGE, image);
            check(enc, "output", encoder.getOutputInfo(), ModelManifest.LATENT, latent);
            check(dec, "input", decoder.getInputInfo(), ModelManifest.LATENT, latent);
            check(dec, "output", decoder.getOutputInfo(), ModelManifest.RECONSTRUCTION, image);
        } catch (OrtException e) {
            throw new AekitException(where + ": ONNX Runtime cannot describe the model (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses a model whose one input or output is not {@code name} with the {@code expected} shape. */
    static void check(String file, String role, Map<String, NodeInfo> infos, String name, long[] expected)
            throws AekitException {
        if (infos.size() != 1 || !infos.containsKey(name)) {
            throw new AekitException(file + ": expected one " + role + " named '" + name + "', found "
                    + infos.keySet());
        }
        long[] got = ((TensorInfo) infos.get(name).getInfo()).getShape();
        if (!Arrays.equals(got, expected)) {
            throw new AekitException(file + ": " + role + " '" + name + "' has shape " + Arrays.toString(got)
                    + ", expected " + Arrays.toString(expected) + " as model.json says (-1: any size)");
        }
    }

    private long[] latentShape(long n) {
        long[] shape = new long[manifest.latentShape().size() + 1];
        shape[0] = n;
        for (int i = 0; i < manifest.latentShape().size(); i++) {
            shape[i + 1] = manifest.latentShape().get(i);
        }
        return shape;
    }

    /** The bundle's manifest: input size and preprocessing, latent shape, training summary. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** Values of one latent code. */
    public int latentSize() {
        return Math.toIntExact(manifest.latentSize());
    }

    /**
     * Encodes n images, (n, C, H, W) row-major in [0,1] at the model's input size, to n codes, (n, latentSize)
     * row-major.
     */
    public float[] encode(float[] images, int n) throws AekitException {
        checkLength("images", images, n, manifest.input().valuesPerImage());
        return run(encoder, ModelManifest.IMAGE, images, manifest.input().shape(n), ModelManifest.LATENT);
    }

    /** Decodes n codes, (n, latentSize) row-major, to n images, (n, C, H, W) in [0,1]. */
    public float[] decode(float[] codes, int n) throws AekitException {
        checkLength("codes", codes, n, latentSize());
        return run(decoder, ModelManifest.LATENT, codes, latentShape(n), ModelManifest.RECONSTRUCTION);
    }

    /** Encodes then decodes n images, (n, C, H, W). */
    public float[] reconstruct(float[] images, int n) throws AekitException {
        return decode(encode(images, n), n);
    }

    /** The latent code of one image of any size (resized and converted as the model's manifest says). */
    public float[] encode(BufferedImage image) throws AekitException {
        return encode(manifest.input().preprocessing().tensor(ImageFileReader.toRaster(image)), 1);
    }

    /** One decoded code as an 8-bit grey or RGB image at the model's size. */
    public BufferedImage decodeImage(float[] code) throws AekitException {
        InputSpec in = manifest.input();
        return ImageFileWriter.toImage(decode(code, 1), 0, in.channels(), in.height(), in.width());
    }

    /** Reconstructs one image of any size; the result is 8-bit grey or RGB at the model's size. */
    public BufferedImage reconstruct(BufferedImage image) throws AekitException {
        return reconstruct(ImageFileReader.toRaster(image));
    }

    /**
     * Reconstructs an image file (PNG, JPEG, BMP, TIFF, GIF, PNM; EXIF orientation applied); the result is at the
     * model's size.
     */
    public BufferedImage reconstruct(Path file) throws AekitException {
        return reconstruct(new ImageFileReader().read(file));
    }

    /** Reconstructs an encoded image file's bytes. */
    public BufferedImage reconstruct(byte[] encoded) throws AekitException {
        return reconstruct(new ImageFileReader().read(encoded, "image bytes"));
    }

    /** Reconstructs the encoded image read from {@code in} (read to its end, not closed). */
    public BufferedImage reconstruct(InputStream in) throws AekitException {
        return reconstruct(new ImageFileReader().read(in, "input stream"));
    }

    private BufferedImage reconstruct(RasterImage img) throws AekitException {
        InputSpec in = manifest.input();
        return ImageFileWriter.toImage(reconstruct(in.preprocessing().tensor(img), 1), 0, in.channels(), in.height(),
                in.width());
    }

    static void checkLength(String what, float[] data, int n, long per) {
        if (n < 1 || data.length != n * per) {
            throw new IllegalArgumentException(what + ": expected " + n + " x " + per + " values, got " + data.length);
        }
    }

    private float[] run(OrtSession s, String inName, float[] data, long[] shape, String outName)
            throws AekitException {
        if (closed.get()) {
            throw new IllegalStateException("the model is closed");
        }
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = s.run(Map.of(inName, t))) {
            OnnxTensor out = (OnnxTensor) r.get(outName).orElseThrow();
            FloatBuffer fb = out.getFloatBuffer();
            float[] values = new float[fb.remaining()];
            fb.get(values);
            return values;
        } catch (OrtException e) {
            throw new AekitException("ONNX Runtime failed on " + inName + " " + Arrays.toString(shape) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The ONNX metadata of the encoder file (the manifest fields, as written by export). */
    public Map<String, String> encoderMetadata() throws AekitException {
        return metadata(encoder);
    }

    /** The ONNX metadata of the decoder file. */
    public Map<String, String> decoderMetadata() throws AekitException {
        return metadata(decoder);
    }

    private static Map<String, String> metadata(OrtSession s) throws AekitException {
        try {
            return s.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new AekitException("ONNX Runtime cannot read the model's metadata: " + e.getMessage(), e);
        }
    }

    /** Frees the sessions; a second call does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(encoder);
            closeQuietly(decoder);
        }
    }

    static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException | IllegalStateException e) {
            // closing a session only fails if it was already closed
        }
    }
}
