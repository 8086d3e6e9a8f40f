package dev.segmentation.core.table;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A column of calendar dates stored as epoch days ({@link LocalDate#toEpochDay()}); a missing value is
 * {@link #MISSING_EPOCH_DAY}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class DateColumn implements Column {

  /** The stored epoch day of a missing value. */
  public static final long MISSING_EPOCH_DAY = Long.MIN_VALUE;

  private final String name;
  private final long[] days;
  private final int missing;

  private DateColumn(String name, long[] days) {
    this.name = Names.check(name);
    this.days = days;
    int m = 0;
    for (long d : days) {
      if (d == MISSING_EPOCH_DAY) {
        m++;
      }
    }
    this.missing = m;
  }

  /**
   * Creates a date column; {@code null} elements mean missing.
   *
   * @param name column name, non-blank
   * @param values one date per row, {@code null} for missing; the array is not kept
   * @return the column
   * @throws IllegalArgumentException when the name is blank
   */
  public static DateColumn of(String name, LocalDate[] values) {
    Objects.requireNonNull(values, "values");
    long[] days = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      days[i] = values[i] == null ? MISSING_EPOCH_DAY : values[i].toEpochDay();
    }
    return new DateColumn(name, days);
  }

  /**
   * Creates a date column from epoch days.
   *
   * @param name column name, non-blank
   * @param epochDays one epoch day per row, {@link #MISSING_EPOCH_DAY} for missing; copied
   * @return the column
   * @throws IllegalArgumentException when the name is blank
   */
  public static DateColumn ofEpochDays(String name, long[] epochDays) {
    Objects.requireNonNull(epochDays, "epochDays");
    return new DateColumn(name, epochDays.clone());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.DATE;
  }

  @Override
  public int size() {
    return days.length;
  }

  /**
   * Returns the epoch day of a row.
   *
   * @param row 0-based row index
   * @return the epoch day, or {@link #MISSING_EPOCH_DAY} when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  public long epochDay(int row) {
    return days[Objects.checkIndex(row, days.length)];
  }

  /**
   * Returns the date of a row.
   *
   * @param row 0-based row index
   * @return the date, or empty when missing
   * @throws IndexOutOfBoundsException when {@code row} is not in {@code [0, size())}
   */
  public Optional<LocalDate> value(int row) {
    long d = epochDay(row);
    return d == MISSING_EPOCH_DAY ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(d));
  }

  @Override
  public boolean isMissing(int row) {
    return epochDay(row) == MISSING_EPOCH_DAY;
  }

  @Override
  public int missingCount() {
    return missing;
  }

  @Override
  public String format(int row) {
    long d = epochDay(row);
    return d == MISSING_EPOCH_DAY ? "" : LocalDate.ofEpochDay(d).toString();
  }

  @Override
  public DateColumn gather(int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = days[Objects.checkIndex(rows[i], days.length)];
    }
    return new DateColumn(name, out);
  }

  @Override
  public DateColumn rename(String newName) {
    return new DateColumn(newName, days);
  }

  /**
   * Compares name and dates.
   *
   * @param o the other object
   * @return {@code true} when {@code o} is a date column with the same name and values
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof DateColumn other && name.equals(other.name) && Arrays.equals(days, other.days);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(days);
  }

  @Override
  public String toString() {
    return "DateColumn[" + name + ", " + days.length + " rows, " + missing + " missing]";
  }
}
