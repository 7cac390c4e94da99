package aekit.train.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;

/**
 * Starts a new graph from another run's trained weights (fine-tuning): every trainable variable of the target
 * takes the source's values of the same name. The architectures must agree on every weight (name and shape);
 * anything else is refused, so a fine-tuned model never silently mixes trained and fresh weights.
 */
public final class WeightTransfer {
    private WeightTransfer() {
    }

    /** Copies all weights of {@code from} into {@code to}; returns how many variables were copied. */
    public static int copy(SameDiff from, SameDiff to, String fromName) {
        List<String> problems = new ArrayList<>();
        int copied = 0;
        for (SDVariable v : to.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            if (!from.hasVariable(v.name()) || from.getVariable(v.name()).getArr() == null) {
                problems.add(v.name() + " is missing");
                continue;
            }
            long[] want = v.getArr().shape();
            long[] have = from.getVariable(v.name()).getArr().shape();
            if (!Arrays.equals(want, have)) {
                problems.add(v.name() + " is " + Arrays.toString(have) + ", expected " + Arrays.toString(want));
                continue;
            }
            v.getArr().assign(from.getVariable(v.name()).getArr());
            copied++;
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(fromName + ": its weights do not fit this model ("
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? "; " + (problems.size() - 3) + " more" : "") + ")");
        }
        return copied;
    }
}
