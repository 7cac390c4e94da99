package aekit.train;

import aekit.infer.data.GreyImages;
import aekit.infer.data.Mnist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The committed test fixtures (folder {@code fixtures/} at the repository root). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixtures folder. */
    public static Path root() {
        return Path.of(System.getProperty("aekit.fixtures", "../fixtures"));
    }

    /** 512 training and 256 test MNIST digits. */
    public static Path mnistDir() {
        return root().resolve("mnist");
    }

    /** 32 Stanford Dogs photos (224x224) in four breed folders. */
    public static Path dogsDir() {
        return root().resolve("dogs/Images");
    }

    /** The first n fixture training digits. */
    public static GreyImages mnistTrain(int n) {
        try {
            return Mnist.load(mnistDir(), Mnist.Split.TRAIN).images().head(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first n fixture test digits. */
    public static GreyImages mnistTest(int n) {
        try {
            return Mnist.load(mnistDir(), Mnist.Split.TEST).images().head(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
