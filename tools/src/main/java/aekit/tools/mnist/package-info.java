/**
 * The MNIST experiments and their report.
 */
package aekit.tools.mnist;
