package aekit.train.graph;

/** The reconstruction loss an autoencoder trains with. */
public enum LossKind {
    /** Binary cross-entropy on the logits, for images in [0,1] such as MNIST. */
    BCE,
    /** Mean squared error of the sigmoid output. */
    MSE
}
