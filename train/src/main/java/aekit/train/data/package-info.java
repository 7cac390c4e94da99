/**
 * Training data: image folders and patch sets, decoded through the inference preprocessing.
 */
package aekit.train.data;
