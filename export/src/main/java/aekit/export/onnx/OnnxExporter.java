package aekit.export.onnx;

import aekit.export.ExportException;
import aekit.infer.AekitVersion;
import aekit.infer.model.InputSpec;
import aekit.infer.model.ModelManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts a trained SameDiff autoencoder into two ONNX models split at the latent variable:
 * the encoder ({@code image} -> {@code latent}) and the decoder ({@code latent} -> {@code reconstruction}),
 * both with a dynamic batch dimension and the manifest in their metadata.
 */
public final class OnnxExporter {
    private OnnxExporter() {
    }

    /** The encoder and decoder models. */
    public record Models(Onnx.ModelProto encoder, Onnx.ModelProto decoder) {
    }

    /** The latent shape of one code (without the batch dimension) for a graph with this input. */
    public static long[] latentShape(SameDiff sd, InputSpec input) throws ExportException {
        Subgraph.between(sd, ModelManifest.IMAGE, ModelManifest.LATENT);
        long[] s = forward(sd, input, List.of(ModelManifest.LATENT)).get(ModelManifest.LATENT);
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** Exports {@code sd} as described by {@code manifest}. */
    public static Models export(SameDiff sd, ModelManifest manifest) throws ExportException {
        InputSpec in = manifest.input();
        Subgraph enc = Subgraph.between(sd, ModelManifest.IMAGE, ModelManifest.LATENT);
        Subgraph dec = Subgraph.between(sd, ModelManifest.LATENT, ModelManifest.RECONSTRUCTION);
        List<String> needed = new ArrayList<>(enc.producedVariables());
        needed.addAll(dec.producedVariables());
        Map<String, long[]> shapes = forward(sd, in, needed);
        shapes.put(ModelManifest.IMAGE, in.shape(1));

        long[] latent = withBatch(manifest.latentShape());
        long[] image = in.shape(-1);
        Map<String, String> meta = manifest.toMetadata();

        OnnxGraphBuilder e = new OnnxGraphBuilder(manifest.kind() + "-encoder");
        e.input(ModelManifest.IMAGE, image);
        convertAll(sd, enc, e, shapes);
        e.output(ModelManifest.LATENT, latent);

        OnnxGraphBuilder d = new OnnxGraphBuilder(manifest.kind() + "-decoder");
        d.input(ModelManifest.LATENT, latent);
        convertAll(sd, dec, d, shapes);
        d.output(ModelManifest.RECONSTRUCTION, image);

        return new Models(e.model(AekitVersion.get(), meta), d.model(AekitVersion.get(), meta));
    }

    /**
     * Exports a fully convolutional denoiser as one model, {@code image} (N, C, H, W) -> {@code reconstruction}
     * (N, C, H, W) with symbolic N, H and W: the skip connections cross every level, so an encoder/decoder split
     * would serve no user of a denoiser.
     */
    public static Onnx.ModelProto exportDenoiser(SameDiff sd, ModelManifest manifest) throws ExportException {
        InputSpec in = manifest.input();
        Subgraph g = Subgraph.between(sd, ModelManifest.IMAGE, ModelManifest.RECONSTRUCTION);
        Map<String, long[]> shapes = forward(sd, in, new ArrayList<>(g.producedVariables()));
        shapes.put(ModelManifest.IMAGE, in.shape(1));
        long[] image = {-1, in.channels(), -1, -1};
        OnnxGraphBuilder b = new OnnxGraphBuilder(manifest.kind());
        b.input(ModelManifest.IMAGE, image);
        convertAll(sd, g, b, shapes);
        b.output(ModelManifest.RECONSTRUCTION, image);
        return b.model(AekitVersion.get(), manifest.toMetadata());
    }

    private static void convertAll(SameDiff sd, Subgraph g, OnnxGraphBuilder b, Map<String, long[]> shapes)
            throws ExportException {
        OpConverter c = new OpConverter(sd, b, shapes);
        for (SameDiffOp op : g.ops()) {
            c.convert(op);
        }
    }

    private static long[] withBatch(List<Long> shape) {
        long[] s = new long[shape.size() + 1];
        s[0] = -1;
        for (int i = 0; i < shape.size(); i++) {
            s[i + 1] = shape.get(i);
        }
        return s;
    }

    /** Shapes of the given variables for one all-zero input image. */
    private static Map<String, long[]> forward(SameDiff sd, InputSpec in, List<String> vars) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, in.shape(1));
        Map<String, INDArray> out = sd.output(aekit.train.graph.ChannelNoiseFeed.cleanInputs(sd, x), vars.toArray(new String[0]));
        Map<String, long[]> shapes = new HashMap<>();
        out.forEach((k, v) -> shapes.put(k, v.shape()));
        return shapes;
    }
}
