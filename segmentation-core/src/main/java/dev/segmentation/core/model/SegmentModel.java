package dev.segmentation.core.model;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.Row;
import dev.segmentation.core.Segmentation;
import java.util.List;

/**
 * A fitted segment model: an ordered list of segments and a rule that puts each account in one segment
 * or leaves it unassigned with an explicit reason. Rule, matrix, quantile, ABC and k-means models all
 * implement it.
 *
 * <p>Implementations are immutable and safe to share between threads: many threads may assign at once.
 * They are saved and loaded with {@code ModelJson}; a loaded model assigns exactly as the saved one.
 *
 * @since 0.1
 */
public interface SegmentModel {

  /**
   * Returns the model kind as written in its JSON {@code "kind"} field, for example
   * {@code "rule-model"}.
   *
   * @return the kind
   */
  String kind();

  /**
   * Returns the segments in model order; {@code segments().get(i).index() == i}.
   *
   * @return an unmodifiable list
   */
  List<Segment> segments();

  /**
   * Assigns every account of a table.
   *
   * @param table accounts with the columns the model reads
   * @return one assignment per account, in table order
   * @throws dev.segmentation.core.DataValidationException when the table lacks a column the model
   *     needs, or a value is invalid under a REJECT/ERROR policy
   */
  Segmentation assign(AccountTable table);

  /**
   * Assigns one account.
   *
   * @param row the account, a row of a table with the columns the model reads
   * @return its assignment, equal to the one {@link #assign(AccountTable)} gives for that row
   * @throws dev.segmentation.core.DataValidationException as {@link #assign(AccountTable)}
   */
  default Assignment assign(Row row) {
    return assign(row.table().rows(row.index())).assignment(0);
  }
}
