/**
 * Developer tools: data fetching, benchmarks, profiling and the experiment commands with their report writers.
 */
package aekit.tools;
