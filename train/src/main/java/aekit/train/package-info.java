/**
 * Training on the JVM with DL4J SameDiff: graphs, the trainer, checkpoints, run reports and the {@code train}
 * commands.
 */
package aekit.train;
