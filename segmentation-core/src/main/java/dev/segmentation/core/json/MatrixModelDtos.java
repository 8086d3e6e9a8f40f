package dev.segmentation.core.json;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.segmentation.core.criteria.QuantileMethod;
import dev.segmentation.core.model.MatrixModel;
import java.util.List;

/**
 * Wire form of a {@link MatrixModel}: the body of a {@code "matrix-model"} document,
 * {@code {"rowAxis": {..}, "columnAxis": {..}, "cells": [[..], ..]}}.
 *
 * <p>An axis is {@code {"column", "thresholds", "probabilities", "method"}}: {@code thresholds} are
 * the fitted (or given) thresholds, strictly increasing; {@code probabilities} the quantile
 * probabilities they were learned from, one per threshold, or empty when they were given;
 * {@code method} the quantile method ({@code TYPE_7} when given). {@code cells} has one array per
 * row-axis bin (lowest first) with one segment name per column-axis bin (lowest first). Segment ids
 * and descriptions are derived from the names and thresholds, so they are not written.
 */
final class MatrixModelDtos {

  private MatrixModelDtos() {}

  /**
   * The body of a {@code "matrix-model"} document.
   *
   * @param rowAxis the row axis
   * @param columnAxis the column axis
   * @param cells the cell names, row by row
   */
  @JsonPropertyOrder({"rowAxis", "columnAxis", "cells"})
  record MatrixModelDto(AxisDto rowAxis, AxisDto columnAxis, List<List<String>> cells) {

    static MatrixModelDto from(MatrixModel m) {
      return new MatrixModelDto(AxisDto.from(m.rowAxis()), AxisDto.from(m.columnAxis()), m.cells());
    }

    MatrixModel toDomain(String path) {
      MatrixModel.Axis rows = rowAxis.toDomain(JsonPaths.field(path, "rowAxis"));
      MatrixModel.Axis cols = columnAxis.toDomain(JsonPaths.field(path, "columnAxis"));
      return JsonPaths.build(JsonPaths.field(path, "cells"), () -> MatrixModel.of(rows, cols, cells));
    }
  }

  /**
   * One axis.
   *
   * @param column the numeric column
   * @param thresholds the thresholds, strictly increasing
   * @param probabilities the quantile probabilities, or empty
   * @param method the quantile method
   */
  @JsonPropertyOrder({"column", "thresholds", "probabilities", "method"})
  record AxisDto(
      String column, List<Double> thresholds, List<Double> probabilities, QuantileMethod method) {

    static AxisDto from(MatrixModel.Axis a) {
      return new AxisDto(a.column(), a.thresholds(), a.probabilities(), a.method());
    }

    MatrixModel.Axis toDomain(String path) {
      String at;
      if (column.isBlank()) {
        at = JsonPaths.field(path, "column");
      } else if (!probabilities.isEmpty() || method != QuantileMethod.TYPE_7) {
        at = JsonPaths.field(path, "probabilities");
      } else {
        at = JsonPaths.field(path, "thresholds");
      }
      if (!column.isBlank() && !increasing(thresholds)) {
        at = JsonPaths.field(path, "thresholds");
      }
      return JsonPaths.build(at,
          () -> new MatrixModel.Axis(column, thresholds, probabilities, method));
    }

    private static boolean increasing(List<Double> t) {
      for (int i = 1; i < t.size(); i++) {
        if (!(t.get(i) > t.get(i - 1))) {
          return false;
        }
      }
      return true;
    }
  }
}
