/**
 * The {@code aekit} commands (picocli): options, their checks and printing only; each command's work is a call
 * into the library packages. {@link aekit.infer.cli.InferMain} is the jar's entry point.
 */
package aekit.infer.cli;
