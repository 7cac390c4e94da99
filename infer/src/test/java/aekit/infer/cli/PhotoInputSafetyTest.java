package aekit.infer.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link InputSafetyTest}'s scenarios through denoise's photo path (the shipped photo denoisers, one file at a time
 * at its own size) instead of reconstruct's batched pipeline: the same guarantees hold for both.
 */
class PhotoInputSafetyTest extends InputSafetyTest {
    @Override
    String[] adapt(String... args) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-m") && i + 1 < args.length && args[i + 1].equals(BUNDLE.toString())) {
                i++; // the default models: grey digits go through photo-denoise-grey
            } else {
                a.add(args[i]);
            }
        }
        if (!a.isEmpty() && a.get(0).equals("denoise") && !a.contains("--format")) {
            a.add("--format"); // as reconstruct writes: every output a PNG (the photo path keeps each input's format)
            a.add("png");
        }
        return a.toArray(new String[0]);
    }
}
