package aekit.export.onnx;

import aekit.export.ExportException;
import aekit.train.graph.GraphNames;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DeConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.ScalarOp;

/**
 * Maps one SameDiff op to standard ONNX nodes, turning the weights it reads into initializers in ONNX's layouts.
 * An op without a mapping stops the export with a message naming the op and its output variable.
 *
 * <pre>
 * SameDiff            ONNX
 * conv2d              Conv            weights [kH,kW,iC,oC] -> [oC,iC,kH,kW]; SAME/VALID -> explicit pads
 * deconv2d            ConvTranspose   weights [kH,kW,oC,iC] -> [iC,oC,kH,kW]; SAME -> explicit pads
 * matmul              MatMul          (no transposes)
 * add/sub/mul/div     Add/Sub/Mul/Div numpy broadcasting on both sides
 * relu (cutoff 0)     Relu
 * sigmoid, tanh       Sigmoid, Tanh
 * reshape             Reshape         target shape as an int64 initializer, batch kept dynamic (-1)
 * identity            Identity
 * sqrt                Sqrt
 * maxpool2d           MaxPool         VALID (explicit pads) or SAME (explicit pads from the input size)
 * upsampling2d        Resize          nearest, asymmetric coordinates, floor: out[i] = in[i / scale]
 * reduce_mean         ReduceMean      axes and keepdims as attributes (opset 17)
 * space_to_depth      SpaceToDepth    NCHW, blocksize
 * depth_to_space      DepthToSpace    NCHW, blocksize, mode DCR (libnd4j's channel order)
 * scalar add/sub/mul/div/rsub  Add/Sub/Mul/Div with a scalar initializer
 * </pre>
 */
final class OpConverter {
    private static final Map<String, String> ELEMENTWISE = Map.of("add", "Add", "sub", "Sub", "subtract", "Sub",
            "mul", "Mul", "multiply", "Mul", "div", "Div", "divide", "Div");
    private static final Map<String, String> UNARY = Map.of("sigmoid", "Sigmoid", "tanh", "Tanh",
            "identity", "Identity", "sqrt", "Sqrt");
    /** Scalar ops: ONNX op and whether the scalar is the first operand. */
    private static final Map<String, String> SCALAR = Map.of("add_scalar", "Add", "sub_scalar", "Sub",
            "mul_scalar", "Mul", "div_scalar", "Div", "rsub_scalar", "Sub", "rdiv_scalar", "Div");

    private final SameDiff sd;
    private final OnnxGraphBuilder out;
    /** Shapes of every activation for a batch of 1, from one SameDiff forward pass. */
    private final Map<String, long[]> shapes;
    /** Weights written in a convolution layout. */
    private final java.util.Set<String> permuted = new java.util.HashSet<>();

    OpConverter(SameDiff sd, OnnxGraphBuilder out, Map<String, long[]> shapes) {
        this.sd = sd;
        this.out = out;
        this.shapes = shapes;
    }

    void convert(SameDiffOp op) throws ExportException {
        DifferentialFunction f = op.getOp();
        String kind = f.opName();
        List<String> in = op.getInputsToOp();
        List<String> outs = op.getOutputsOfOp();
        String name = op.getName();
        if (kind.equals("add") && in.size() == 2 && in.contains(GraphNames.CHANNEL_NOISE)) {
            // training-only channel noise: the exported decoder takes the (possibly noisy) code itself
            String code = in.get(0).equals(GraphNames.CHANNEL_NOISE) ? in.get(1) : in.get(0);
            out.node(name, "Identity", List.of(operand(code)), outs);
        } else if (ELEMENTWISE.containsKey(kind)) {
            out.node(name, ELEMENTWISE.get(kind), List.of(operand(in.get(0)), operand(in.get(1))), outs);
        } else if (UNARY.containsKey(kind)) {
            out.node(name, UNARY.get(kind), List.of(operand(in.get(0))), outs);
        } else if (kind.equals("relu")) {
            INDArray scalar = f instanceof ScalarOp so ? so.scalar() : null;
            double cutoff = scalar == null ? 0 : scalar.getDouble(0);
            if (cutoff != 0) {
                throw unsupported(op, "relu with cutoff " + cutoff);
            }
            out.node(name, "Relu", List.of(operand(in.get(0))), outs);
        } else if (kind.equals("matmul")) {
            Map<String, Object> p = f.propertiesForFunction();
            if (Boolean.TRUE.equals(p.get("transposeA")) || Boolean.TRUE.equals(p.get("transposeB"))
                    || Boolean.TRUE.equals(p.get("transposeResult"))) {
                throw unsupported(op, "matmul with transposes");
            }
            out.node(name, "MatMul", List.of(operand(in.get(0)), operand(in.get(1))), outs);
        } else if (kind.equals("reshape")) {
            reshape(op, (DynamicCustomOp) f);
        } else if (kind.equals("conv2d")) {
            conv(op, (Conv2D) f);
        } else if (kind.equals("deconv2d")) {
            deconv(op, (DeConv2D) f);
        } else if (SCALAR.containsKey(kind) && f instanceof ScalarOp so) {
            String c = out.initializer(name + "_scalar", new float[] {so.scalar().getFloat(0)});
            String x = operand(in.get(0));
            boolean reversed = kind.startsWith("r");
            out.node(name, SCALAR.get(kind), reversed ? List.of(c, x) : List.of(x, c), outs);
        } else if (kind.equals("maxpool2d")) {
            maxPool(op, (org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D) f);
        } else if (kind.equals("upsampling2d")) {
            var u = (org.nd4j.linalg.api.ops.impl.layers.convolution.Upsampling2d) f;
            if (!u.isNchw()) {
                throw unsupported(op, "upsampling2d in NHWC");
            }
            String scales = out.initializer(name + "_scales", new float[] {1, 1, u.getScaleH(), u.getScaleW()}, 4);
            Onnx.NodeProto.Builder n = out.node(name, "Resize", List.of(operand(in.get(0)), "", scales), outs);
            n.addAttribute(string("mode", "nearest"));
            n.addAttribute(string("coordinate_transformation_mode", "asymmetric"));
            n.addAttribute(string("nearest_mode", "floor"));
        } else if (kind.equals("space_to_depth") || kind.equals("depth_to_space")) {
            long[] args = ((DynamicCustomOp) f).iArgs(); // block size, NHWC flag
            if (args.length < 1 || (args.length > 1 && args[1] != 0)) {
                throw unsupported(op, kind + " in NHWC");
            }
            boolean toDepth = kind.equals("space_to_depth");
            Onnx.NodeProto.Builder n = out.node(name, toDepth ? "SpaceToDepth" : "DepthToSpace",
                    List.of(operand(in.get(0))), outs);
            n.addAttribute(Onnx.AttributeProto.newBuilder().setName("blocksize")
                    .setType(Onnx.AttributeProto.AttributeType.INT).setI(args[0]).build());
            if (!toDepth) {
                n.addAttribute(string("mode", "DCR"));
            }
        } else if (kind.equals("reduce_mean")) {
            var r = (org.nd4j.linalg.api.ops.BaseReduceOp) f;
            INDArray dims = r.dimensions();
            if (in.size() > 1 || dims == null || dims.length() == 0) {
                throw unsupported(op, "reduce_mean without constant axes");
            }
            long[] axes = dims.toLongVector();
            long rank = shape(in.get(0)).length;
            for (int i = 0; i < axes.length; i++) {
                if (axes[i] == Integer.MAX_VALUE) {
                    throw unsupported(op, "reduce_mean over all axes (the batch too)");
                }
                axes[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
                if (axes[i] == 0) {
                    throw unsupported(op, "reduce_mean over the batch axis");
                }
            }
            Onnx.NodeProto.Builder n = out.node(name, "ReduceMean", List.of(operand(in.get(0))), outs);
            n.addAttribute(OnnxGraphBuilder.ints("axes", axes));
            n.addAttribute(Onnx.AttributeProto.newBuilder().setName("keepdims")
                    .setType(Onnx.AttributeProto.AttributeType.INT).setI(r.isKeepDims() ? 1 : 0).build());
        } else {
            throw unsupported(op, kind);
        }
    }

    private void reshape(SameDiffOp op, DynamicCustomOp f) throws ExportException {
        long[] target;
        if (op.getInputsToOp().size() > 1) {
            target = sd.getArrForVarName(op.getInputsToOp().get(1)).toLongVector();
        } else {
            long[] args = f.iArgs();
            // the first integer argument is the order code ('c' as -99, 'f' as -102) when present
            int skip = args.length > 0 && (args[0] == -99 || args[0] == -102) ? 1 : 0;
            if (skip == 1 && args[0] == -102) {
                throw unsupported(op, "reshape in 'f' order");
            }
            target = java.util.Arrays.copyOfRange(args, skip, args.length);
        }
        if (target.length == 0) {
            throw unsupported(op, "reshape without a target shape");
        }
        if (target[0] != -1) {
            throw unsupported(op, "reshape to " + java.util.Arrays.toString(target) + " (only a leading -1 batch "
                    + "dimension is exported)");
        }
        for (int i = 1; i < target.length; i++) {
            if (target[i] <= 0) {
                throw unsupported(op, "reshape to " + java.util.Arrays.toString(target)
                        + " (-1 or 0 beyond the batch dimension)");
            }
        }
        long[] shape = target.clone(); // the batch dimension stays dynamic (-1)
        String shapeName = out.int64Initializer(op.getName() + "_shape", shape);
        out.node(op.getName(), "Reshape", List.of(operand(op.getInputsToOp().get(0)), shapeName), op.getOutputsOfOp());
    }

    private void conv(SameDiffOp op, Conv2D f) throws ExportException {
        Conv2DConfig c = f.getConfig();
        if (c == null) {
            f.configureFromArguments();
            c = f.getConfig();
        }
        if (!"NCHW".equalsIgnoreCase(c.getDataFormat())) {
            throw unsupported(op, "conv2d with data format " + c.getDataFormat());
        }
        if (c.getWeightsFormat() != null && c.getWeightsFormat() != org.nd4j.enums.WeightsFormat.YXIO) {
            throw unsupported(op, "conv2d with weights format " + c.getWeightsFormat());
        }
        long[] inShape = shape(op.getInputsToOp().get(0)); // (1, C, H, W)
        long[] pads;
        if (c.getPaddingMode() == PaddingMode.SAME) {
            long[] h = samePads(inShape[2], c.getKH(), c.getSH(), c.getDH());
            long[] w = samePads(inShape[3], c.getKW(), c.getSW(), c.getDW());
            pads = new long[] {h[0], w[0], h[1], w[1]};
        } else if (c.getPaddingMode() == PaddingMode.VALID) {
            pads = new long[] {c.getPH(), c.getPW(), c.getPH(), c.getPW()};
        } else {
            throw unsupported(op, "conv2d with padding mode " + c.getPaddingMode());
        }
        List<String> inputs = List.of(operand(op.getInputsToOp().get(0)),
                weights(op.getInputsToOp().get(1)), bias(op));
        Onnx.NodeProto.Builder n = out.node(op.getName(), "Conv", inputs.subList(0, inputs.get(2) == null ? 2 : 3),
                op.getOutputsOfOp());
        window(n, new long[] {c.getKH(), c.getKW()}, new long[] {c.getSH(), c.getSW()},
                new long[] {c.getDH(), c.getDW()}, pads);
    }

    private void deconv(SameDiffOp op, DeConv2D f) throws ExportException {
        DeConv2DConfig c = f.getConfig();
        if (c == null) {
            f.configureFromArguments();
            c = f.getConfig();
        }
        if (!"NCHW".equalsIgnoreCase(c.getDataFormat())) {
            throw unsupported(op, "deconv2d with data format " + c.getDataFormat());
        }
        long[] inShape = shape(op.getInputsToOp().get(0)); // (1, C, H, W)
        long[] pads;
        if (c.isSameMode()) {
            // libnd4j: output = input * stride, padding computed as for the convolution running the other way
            long[] h = deconvSamePads(inShape[2], c.getKH(), c.getSH(), c.getDH());
            long[] w = deconvSamePads(inShape[3], c.getKW(), c.getSW(), c.getDW());
            if (h == null || w == null) {
                throw unsupported(op, "deconv2d SAME with a kernel smaller than its stride");
            }
            pads = new long[] {h[0], w[0], h[1], w[1]};
        } else {
            pads = new long[] {c.getPH(), c.getPW(), c.getPH(), c.getPW()};
        }
        List<String> inputs = List.of(operand(op.getInputsToOp().get(0)),
                weights(op.getInputsToOp().get(1)), bias(op));
        Onnx.NodeProto.Builder n = out.node(op.getName(), "ConvTranspose",
                inputs.subList(0, inputs.get(2) == null ? 2 : 3), op.getOutputsOfOp());
        window(n, new long[] {c.getKH(), c.getKW()}, new long[] {c.getSH(), c.getSW()},
                new long[] {c.getDH(), c.getDW()}, pads);
    }

    private void maxPool(SameDiffOp op, org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D f)
            throws ExportException {
        var c = f.getConfig();
        if (c == null) {
            f.configureFromArguments();
            c = f.getConfig();
        }
        if (c.isNHWC()) {
            throw unsupported(op, "maxpool2d in NHWC");
        }
        long[] inShape = shape(op.getInputsToOp().get(0));
        long[] pads;
        if (c.getPaddingMode() == PaddingMode.SAME) {
            long[] h = samePads(inShape[2], c.getKH(), c.getSH(), c.getDH());
            long[] w = samePads(inShape[3], c.getKW(), c.getSW(), c.getDW());
            pads = new long[] {h[0], w[0], h[1], w[1]};
        } else if (c.getPaddingMode() == PaddingMode.VALID) {
            pads = new long[] {c.getPH(), c.getPW(), c.getPH(), c.getPW()};
        } else {
            throw unsupported(op, "maxpool2d with padding mode " + c.getPaddingMode());
        }
        Onnx.NodeProto.Builder n = out.node(op.getName(), "MaxPool", List.of(operand(op.getInputsToOp().get(0))),
                op.getOutputsOfOp());
        window(n, new long[] {c.getKH(), c.getKW()}, new long[] {c.getSH(), c.getSW()},
                new long[] {c.getDH(), c.getDW()}, pads);
    }

    /** The window attributes Conv, ConvTranspose and MaxPool share. */
    private static void window(Onnx.NodeProto.Builder n, long[] kernel, long[] strides, long[] dilations, long[] pads) {
        n.addAttribute(OnnxGraphBuilder.ints("kernel_shape", kernel));
        n.addAttribute(OnnxGraphBuilder.ints("strides", strides));
        n.addAttribute(OnnxGraphBuilder.ints("dilations", dilations));
        n.addAttribute(OnnxGraphBuilder.ints("pads", pads));
    }

    private static Onnx.AttributeProto string(String name, String value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(org.nd4j.shade.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    /** [begin, end] padding of a SAME convolution (the odd pixel at the end, as libnd4j and ONNX SAME_UPPER). */
    static long[] samePads(long in, long k, long s, long d) {
        long outSide = (in + s - 1) / s;
        long total = Math.max(0, (outSide - 1) * s + (k - 1) * d + 1 - in);
        return new long[] {total / 2, total - total / 2};
    }

    /** [begin, end] padding of a SAME transposed convolution whose output is in * stride. */
    static long[] deconvSamePads(long in, long k, long s, long d) {
        long total = (in - 1) * s + (k - 1) * d + 1 - in * s;
        return total < 0 ? null : new long[] {total / 2, total - total / 2}; // < 0 would need output_padding
    }

    /** A conv weight: SameDiff [kH,kW,a,b] -> ONNX [b,a,kH,kW] (Conv: a=iC,b=oC; ConvTranspose: a=oC,b=iC). */
    private String weights(String var) throws ExportException {
        if (out.taken(var)) {
            throw new ExportException("weight '" + var + "' is used by a convolution and by another op; its layouts "
                    + "would differ in ONNX");
        }
        permuted.add(var);
        INDArray w = constant(var);
        if (w.rank() != 4) {
            throw new ExportException("weight '" + var + "' has rank " + w.rank() + ", expected 4 ([kH,kW,in,out])");
        }
        INDArray p = w.permute(3, 2, 0, 1).dup('c');
        return out.initializer(var, p.data().asFloat(), p.shape());
    }

    private String bias(SameDiffOp op) throws ExportException {
        if (op.getInputsToOp().size() < 3) {
            return null;
        }
        String var = op.getInputsToOp().get(2);
        INDArray b = constant(var);
        return out.initializer(var, b.dup('c').data().asFloat(), b.length());
    }

    /** An op input: a weight becomes an initializer (once), an activation is referenced by name. */
    private String operand(String var) throws ExportException {
        VariableType t = sd.getVariable(var).getVariableType();
        if (permuted.contains(var)) {
            throw new ExportException("weight '" + var + "' is used by a convolution and by another op; its layouts "
                    + "would differ in ONNX");
        }
        if (t == VariableType.VARIABLE || t == VariableType.CONSTANT) {
            if (!out.taken(var)) {
                INDArray a = constant(var).dup('c');
                out.initializer(var, a.data().asFloat(), a.shape());
            }
        }
        return var;
    }

    private INDArray constant(String var) throws ExportException {
        INDArray a = sd.getArrForVarName(var);
        if (a == null) {
            throw new ExportException("variable '" + var + "' has no value in the checkpoint");
        }
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    private long[] shape(String var) throws ExportException {
        long[] s = shapes.get(var);
        if (s == null) {
            throw new ExportException("no shape known for '" + var + "'");
        }
        return s;
    }

    private static ExportException unsupported(SameDiffOp op, String what) {
        return new ExportException("cannot export op '" + op.getName() + "' (" + what + ") producing variable '"
                + String.join(",", op.getOutputsOfOp()) + "': no ONNX mapping");
    }
}
