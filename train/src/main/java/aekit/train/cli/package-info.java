/**
 * The {@code aekit train} commands: options and printing; the work is the trainer's.
 */
package aekit.train.cli;
