/**
 * The training loop: configuration, epoch feeds, Adam steps, evaluation, validation and progress.
 */
package aekit.train.trainer;
