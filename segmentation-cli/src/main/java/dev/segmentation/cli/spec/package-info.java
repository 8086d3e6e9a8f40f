/**
 * The command line's {@code "segmentation-spec"} JSON document: criteria plus a segment model
 * configuration (k-means with a fixed or selected k, quantile bins, ABC classes, rules). The library
 * itself persists criteria and fitted models, not model configurations; this package fills that gap
 * for the command line (see docs/json.md).
 */
package dev.segmentation.cli.spec;
