/**
 * Columns of an account table and the options for reading and writing tables as CSV.
 *
 * @since 0.1
 */
package dev.segmentation.core.table;
