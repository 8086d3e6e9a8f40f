package dev.segmentation.core;

import java.util.Objects;

/**
 * Thrown when the text of a condition (for example {@code "potential > 5e6 and industry in (\"Pharma\")"})
 * cannot be parsed. It carries the 0-based character position of the problem, and its message shows
 * the text with a caret under that position:
 *
 * <pre>
 * Expected a number after '&gt;' at position 12:
 * potential &gt; and turnover &gt; 1e6
 *             ^
 * </pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1
 */
public class ConditionSyntaxException extends SegmentationException {

  private static final long serialVersionUID = 1L;

  /** What is wrong, without the position. */
  private final String problem;

  /** The parsed text. */
  private final String text;

  /** The 0-based position of the problem in {@link #text}. */
  private final int position;

  /**
   * Creates an exception.
   *
   * @param problem what is wrong and what was expected, without the position, for example
   *     {@code "Expected a number after '>'"}
   * @param text the whole text that was parsed
   * @param position the 0-based character position of the problem, {@code text.length()} for the end
   * @param cause the underlying failure, or {@code null}
   * @throws IllegalArgumentException when the position is outside {@code [0, text.length()]}
   */
  public ConditionSyntaxException(String problem, String text, int position, Throwable cause) {
    super(format(problem, text, position), cause);
    this.problem = problem;
    this.text = text;
    this.position = position;
  }

  private static String format(String problem, String text, int position) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(text, "text");
    if (position < 0 || position > text.length()) {
      throw new IllegalArgumentException(
          "position must be in [0, " + text.length() + "], was " + position + ".");
    }
    // Line breaks and tabs would break the caret's alignment; show them as spaces (same length).
    String shown = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    return problem + " at position " + position + ":\n" + shown + "\n" + " ".repeat(position) + "^";
  }

  /**
   * Returns what is wrong, without position and caret.
   *
   * @return the problem, for example {@code "Expected a number after '>'"}
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns the text that failed to parse.
   *
   * @return the whole text
   */
  public String text() {
    return text;
  }

  /**
   * Returns the 0-based character position of the problem.
   *
   * @return the position in {@link #text()}; {@code text().length()} when the text ended too early
   */
  public int position() {
    return position;
  }
}
