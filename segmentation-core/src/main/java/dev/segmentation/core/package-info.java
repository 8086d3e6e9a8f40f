/**
 * Entry points of the segmentation library: {@link dev.segmentation.core.AccountTable} (accounts as
 * column-oriented data), {@link dev.segmentation.core.Criteria} (what to segment by) and the exceptions
 * every module shares.
 *
 * @since 0.1
 */
package dev.segmentation.core;
