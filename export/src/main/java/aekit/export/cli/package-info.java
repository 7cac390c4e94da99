/**
 * The JVM-side {@code aekit} command (train, export) and its {@code export} subcommand.
 */
package aekit.export.cli;
