/**
 * A small digit classifier, used to score generated and reconstructed digits.
 */
package aekit.train.classify;
