package aekit.export.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Accumulates the nodes, initializers, inputs and outputs of one ONNX graph and wraps them in a model with a
 * declared IR version and opset. Every node and initializer gets a unique name.
 */
public final class OnnxGraphBuilder {
    /** ONNX IR version written (ONNX 1.10+; loaded by ONNX Runtime 1.29). */
    public static final long IR_VERSION = 8;
    /** Default-domain opset written. */
    public static final long OPSET = 17;

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    public OnnxGraphBuilder(String name) {
        graph.setName(name);
    }

    /** Adds a node; returns its builder for attributes. */
    public Onnx.NodeProto.Builder node(String name, String opType, List<String> inputs, List<String> outputs) {
        claim(name);
        Onnx.NodeProto.Builder n = graph.addNodeBuilder().setName(name).setOpType(opType);
        n.addAllInput(inputs).addAllOutput(outputs);
        return n;
    }

    /** Adds a float32 initializer with the given dims (values row-major). */
    public String initializer(String name, float[] values, long... dims) {
        claim(name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        Onnx.TensorProto.Builder t = graph.addInitializerBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return name;
    }

    /** Adds an int64 initializer (shapes for Reshape). */
    public String int64Initializer(String name, long... values) {
        claim(name);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        graph.addInitializerBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(buf.array()));
        return name;
    }

    /**
     * Declares a float32 graph input; a negative dim is symbolic: "N" at index 0, "H" and "W" at indices 2 and 3
     * (an image tensor of any size), "D<i>" elsewhere.
     */
    public void input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
    }

    /** Declares a float32 graph output; negative dims are symbolic as for {@link #input}. */
    public void output(String name, long... dims) {
        graph.addOutput(valueInfo(name, dims));
    }

    /** Whether a name is already used by a node or initializer. */
    public boolean taken(String name) {
        return names.contains(name);
    }

    /** The finished model with producer info and metadata. */
    public Onnx.ModelProto model(String producerVersion, Map<String, String> metadata) {
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .setProducerName("aekit").setProducerVersion(producerVersion).setGraph(graph);
        m.addOpsetImportBuilder().setDomain("").setVersion(OPSET);
        metadata.forEach((k, v) -> m.addMetadataPropsBuilder().setKey(k).setValue(v));
        return m.build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("duplicate ONNX name " + name);
        }
    }

    private static Onnx.ValueInfoProto valueInfo(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            long d = dims[i];
            if (d < 0) {
                shape.addDimBuilder().setDimParam(i == 0 ? "N" : i == 2 ? "H" : i == 3 ? "W" : "D" + i);
            } else {
                shape.addDimBuilder().setDimValue(d);
            }
        }
        Onnx.TypeProto.Builder type = Onnx.TypeProto.newBuilder();
        type.getTensorTypeBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape);
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** An INTS attribute. */
    public static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
