package dev.segmentation.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Seeded mutations of JSON documents for the reader fuzz tests of every module: truncation, dropped
 * and duplicated characters, swapped values, changed versions and kinds, unknown fields.
 */
public final class JsonMutations {

  private JsonMutations() {}

  /**
   * Reads a golden file from the class path and removes its line breaks and indentation, so that the
   * mutations see {@code "name":value} pairs.
   *
   * @param anchor a class of the module whose test resources hold the file
   * @param name file name under {@code /json/v1/}
   * @return the compact document
   */
  public static String golden(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream("/json/v1/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", "")
          .replace("\": ", "\":");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Applies 0 to 3 random edits. Edit kinds: 0 truncate, 1 drop a character, 2 duplicate one, 3 swap a
   * value for a token, 4 change the schema version, 5 change the kind, 6 insert an unknown field, and
   * with {@code kinds == 8} also 7, a second chance of a value swap.
   *
   * @param json a compact document
   * @param rng the case's random source
   * @param tokens replacement values
   * @param kinds 7 or 8
   * @return the mutated text
   */
  public static String mutate(String json, UniformRandomProvider rng, String[] tokens, int kinds) {
    StringBuilder sb = new StringBuilder(json);
    int edits = rng.nextInt(4);
    for (int e = 0; e < edits && sb.length() > 0; e++) {
      int at = rng.nextInt(sb.length());
      switch (rng.nextInt(kinds)) {
        case 0 -> sb.setLength(at);
        case 1 -> sb.deleteCharAt(at);
        case 2 -> sb.insert(at, sb.charAt(at));
        case 3, 7 -> replaceValue(sb, at, tokens[rng.nextInt(tokens.length)]);
        case 4 -> replaceAll(sb, "\"schemaVersion\":1", "\"schemaVersion\":" + (rng.nextInt(4) - 1));
        case 5 -> replaceAll(sb, "\"kind\":\"", "\"kind\":\"x");
        default -> sb.insert(at, "\"extra\":1,");
      }
    }
    return sb.toString();
  }

  private static void replaceValue(StringBuilder sb, int from, String token) {
    int colon = sb.indexOf(":", from);
    if (colon < 0) {
      return;
    }
    int end = colon + 1;
    while (end < sb.length() && ",}]".indexOf(sb.charAt(end)) < 0) {
      end++;
    }
    sb.replace(colon + 1, end, token);
  }

  private static void replaceAll(StringBuilder sb, String what, String with) {
    String s = sb.toString().replace(what, with);
    sb.setLength(0);
    sb.append(s);
  }
}
