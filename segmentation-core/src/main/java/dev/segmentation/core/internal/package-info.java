/**
 * Internal helpers of segmentation-core. No compatibility promise: never use these types from outside
 * the library; they never appear in public signatures.
 */
package dev.segmentation.core.internal;
