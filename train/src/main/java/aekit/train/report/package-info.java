/**
 * Run reports: per-epoch metrics, figures and the run's summary card.
 */
package aekit.train.report;
