package aekit.export.onnx;

import aekit.export.ExportException;
import aekit.train.graph.GraphNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * The ops of a SameDiff graph needed to compute one variable from another, in execution order: a walk backwards
 * from the output that stops at the input variable and at weights/constants. Everything else (the loss, training
 * noise, the other half of the autoencoder) is left out; the channel-noise placeholder of a power-normalised model
 * is treated as absent (see {@link OpConverter}: the add that applies it becomes an Identity).
 *
 * @param input  the variable fed in (a placeholder, or an inner variable such as the latent)
 * @param output the variable computed
 * @param ops    the ops, each after the ops producing its inputs
 */
public record Subgraph(String input, String output, List<SameDiffOp> ops) {
    /** Collects the ops that compute {@code output} from {@code input}. */
    public static Subgraph between(SameDiff sd, String input, String output) throws ExportException {
        for (String v : new String[] {input, output}) {
            if (!sd.hasVariable(v)) {
                throw new ExportException("the graph has no variable '" + v + "' (expected the aekit names image, "
                        + "latent, reconstruction)");
            }
        }
        List<SameDiffOp> ordered = new ArrayList<>();
        visit(sd, output, input, output, new HashSet<>(), ordered);
        return new Subgraph(input, output, List.copyOf(ordered));
    }

    private static void visit(SameDiff sd, String var, String stop, String root, Set<String> done,
                              List<SameDiffOp> ordered)
            throws ExportException {
        if (var.equals(stop)) {
            return;
        }
        Variable v = sd.getVariables().get(var);
        VariableType type = v.getVariable().getVariableType();
        if (type == VariableType.VARIABLE || type == VariableType.CONSTANT) {
            return;
        }
        if (type == VariableType.PLACEHOLDER && var.equals(GraphNames.CHANNEL_NOISE)) {
            return; // training-only: the exported decoder takes the (possibly noisy) code itself
        }
        if (type == VariableType.PLACEHOLDER) {
            throw new ExportException("placeholder '" + var + "' is needed to compute '" + root + "' from '" + stop
                    + "' (a training-only input inside the exported path?)");
        }
        String opName = v.getOutputOfOp();
        if (opName == null || done.contains(opName)) {
            return;
        }
        done.add(opName);
        SameDiffOp op = sd.getOps().get(opName);
        for (String in : op.getInputsToOp()) {
            visit(sd, in, stop, root, done, ordered);
        }
        ordered.add(op);
    }

    /** Names of every variable the ops produce. */
    public List<String> producedVariables() {
        List<String> out = new ArrayList<>();
        ops.forEach(op -> out.addAll(op.getOutputsOfOp()));
        return out;
    }
}
