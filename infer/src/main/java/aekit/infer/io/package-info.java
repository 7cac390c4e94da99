/**
 * Files: atomic writes (temp file and rename), the latent codes file (CSV or NPY), the operating system's reasons
 * for failures, and names made printable for messages.
 */
package aekit.infer.io;
