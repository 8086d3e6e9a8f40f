package dev.segmentation.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of category labels stored as int codes into a dictionary of levels.
 *
 * <p>Code {@value #MISSING_CODE} marks a missing value. Levels are kept in order of first appearance in
 * the data the column was built from; a column derived by {@link #gather(int[])} keeps the full
 * dictionary, so it may hold levels that no row uses. The empty string is not a level: it is read as a
 * missing value.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class CategoricalColumn implements Column {

  /** The code of a missing value. */
  public static final int MISSING_CODE = -1;

  private final String name;
  private final int[] codes;
  private final List<String> levels;
  private final Map<String, Integer> levelIndex;
  private final int missing;

  private CategoricalColumn(String name, int[] codes, List<String> levels) {
    this.name = Names.check(name);
    this.codes = codes;
    this.levels = List.copyOf(levels);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < this.levels.size(); i++) {
      String level = this.levels.get(i);
      if (level.isEmpty()) {
        throw new IllegalArgumentException(
            "Column '" + name + "': the empty string cannot be a level (it means missing).");
      }
      if (index.put(level, i) != null) {
        throw new IllegalArgumentException(
            "Column '" + name + "': level \"" + level + "\" appears twice in the dictionary.");
      }
    }
    this.levelIndex = index;
    int m = 0;
    for (int i = 0; i < codes.length; i++) {
      int c = codes[i];
      if (c == MISSING_CODE) {
        m++;
      } else if (c < 0 || c >= this.levels.size()) {
        throw new IllegalArgumentException(
            "Column '" + name + "', row " + i + ": code " + c + " is not -1 or a level index in [0, "
                + this.levels.size() + ").");
      }
    }
    this.missing = m;
  }

  /**
   * Creates a categorical column from labels; {@code null} and the empty string mean missing.
   *
   * <pre>{@code
   * CategoricalColumn industry = CategoricalColumn.of("industry", new String[] {"Pharma", null, "Chemicals"});
   * }</pre>
   *
   * @param name column name, non-blank
   * @param values one label per row; {@code null} or {@code ""} for missing
   * @return the column, with levels in order of first appearance
   * @throws IllegalArgumentException when the name is blank
   */
  public static CategoricalColumn of(String name, String[] values) {
    Objects.requireNonNull(values, "values");
    Map<String, Integer> index = new HashMap<>();
    List<String> levels = new ArrayList<>();
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null || v.isEmpty()) {
        codes[i] = MISSING_CODE;
      } else {
        Integer code = index.get(v);
        if (code == null) {
          code = levels.size();
          index.put(v, code);
          levels.add(v);
        }
        codes[i] = code;
      }
    }
    return new CategoricalColumn(name, codes, levels);
  }

  /**
   * Creates a categorical column from codes and a dictionary.
   *
   * @param name column name, non-blank
   * @param codes one code per row: an index into {@code levels}, or {@value #MISSING_CODE}; copied
   * @param levels the dictionary, distinct non-empty labels
   * @return the column
   * @throws IllegalArgumentException when a code is out of range or the levels are not distinct and
   *     non-empty
   */
  public static CategoricalColumn ofCodes(String name, int[] codes, List<String> levels) {
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(levels, "levels");
    return new CategoricalColumn(name, codes.clone(), levels);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }

  @Override
  public int size() {
    return codes.length;
  }

  /**
   * Returns the code of a row.
   *
   * @param row 0-based row index
   * @return an index into {@link #levels()}, or {@value #MISSING_CODE} when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  public int code(int row) {
    return codes[Objects.checkIndex(row, codes.length)];
  }

  /**
   * Returns the label of a row.
   *
   * @param row 0-based row index
   * @return the label, or empty when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  public Optional<String> value(int row) {
    int c = code(row);
    return c == MISSING_CODE ? Optional.empty() : Optional.of(levels.get(c));
  }

  /**
   * Returns the dictionary of levels, in order of first appearance.
   *
   * @return an unmodifiable list of distinct labels
   */
  public List<String> levels() {
    return levels;
  }

  /**
   * Returns the code of a level.
   *
   * @param level a label
   * @return its index in {@link #levels()}, or -1 when the column has no such level
   */
  public int indexOfLevel(String level) {
    Objects.requireNonNull(level, "level");
    Integer c = levelIndex.get(level);
    return c == null ? -1 : c;
  }

  /**
   * Counts the rows of each level.
   *
   * @return an array indexed by code; element {@code c} is the number of rows with code {@code c}
   */
  public int[] levelCounts() {
    int[] counts = new int[levels.size()];
    for (int c : codes) {
      if (c != MISSING_CODE) {
        counts[c]++;
      }
    }
    return counts;
  }

  /**
   * Returns a copy of all codes.
   *
   * @return a new array of {@code size()} codes
   */
  public int[] codes() {
    return codes.clone();
  }

  @Override
  public boolean isMissing(int row) {
    return code(row) == MISSING_CODE;
  }

  @Override
  public int missingCount() {
    return missing;
  }

  @Override
  public String format(int row) {
    int c = code(row);
    return c == MISSING_CODE ? "" : levels.get(c);
  }

  @Override
  public CategoricalColumn gather(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[Objects.checkIndex(rows[i], codes.length)];
    }
    return new CategoricalColumn(name, out, levels);
  }

  @Override
  public CategoricalColumn rename(String newName) {
    return new CategoricalColumn(newName, codes, levels);
  }

  /**
   * Compares name, dictionary and codes.
   *
   * @param o the other object
   * @return {@code true} when {@code o} is a categorical column with the same name, levels and codes
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalColumn other
        && name.equals(other.name)
        && levels.equals(other.levels)
        && Arrays.equals(codes, other.codes);
  }

  @Override
  public int hashCode() {
    return (31 * name.hashCode() + levels.hashCode()) * 31 + Arrays.hashCode(codes);
  }

  @Override
  public String toString() {
    return "CategoricalColumn[" + name + ", " + codes.length + " rows, " + levels.size()
        + " levels, " + missing + " missing]";
  }
}
