package dev.segmentation.core.model;

import dev.segmentation.core.ConditionSyntaxException;
import dev.segmentation.core.model.Condition.And;
import dev.segmentation.core.model.Condition.Between;
import dev.segmentation.core.model.Condition.Compare;
import dev.segmentation.core.model.Condition.In;
import dev.segmentation.core.model.Condition.IsMissing;
import dev.segmentation.core.model.Condition.Not;
import dev.segmentation.core.model.Condition.NotIn;
import dev.segmentation.core.model.Condition.Operator;
import dev.segmentation.core.model.Condition.Or;
import dev.segmentation.core.model.Condition.TextCompare;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Text form of {@link Condition}s: a hand-written lexer and recursive-descent parser, the canonical
 * printer and the argument checks shared by the condition records. Not part of the API.
 */
final class ConditionParser {

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "not", "in", "between", "is", "missing");

  private ConditionParser() {}

  // ---------------------------------------------------------------- checks used by the records

  static String checkColumn(String column) {
    Objects.requireNonNull(column, "column");
    if (column.isBlank()) {
      throw new IllegalArgumentException("Column name must be non-blank, was \"" + column + "\".");
    }
    return column;
  }

  static double checkNumber(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "A condition's " + what + " must be a finite number, was " + value + ".");
    }
    return value == 0.0 ? 0.0 : value; // -0.0 -> 0.0: same comparisons, one canonical form
  }

  static String checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    if (label.isEmpty()) {
      throw new IllegalArgumentException(
          "A category label must be non-empty (the empty string means missing; use 'is missing').");
    }
    return label;
  }

  static List<String> checkLabels(List<String> values) {
    Objects.requireNonNull(values, "values");
    List<String> copy = List.copyOf(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("An 'in' list needs at least one label.");
    }
    Set<String> seen = new HashSet<>();
    for (String v : copy) {
      checkLabel(v);
      if (!seen.add(v)) {
        throw new IllegalArgumentException(
            "Label " + quote(v) + " is listed twice; labels of an 'in' list must be distinct.");
      }
    }
    return copy;
  }

  static List<Condition> checkOperands(List<Condition> operands, String op) {
    Objects.requireNonNull(operands, "operands");
    List<Condition> copy = List.copyOf(operands);
    if (copy.size() < 2) {
      throw new IllegalArgumentException(
          "'" + op + "' needs at least two operands, had " + copy.size() + ".");
    }
    return copy;
  }

  static void collectColumns(Condition c, Set<String> seen, List<String> out) {
    if (c instanceof And x) {
      x.operands().forEach(o -> collectColumns(o, seen, out));
    } else if (c instanceof Or x) {
      x.operands().forEach(o -> collectColumns(o, seen, out));
    } else if (c instanceof Not x) {
      collectColumns(x.operand(), seen, out);
    } else {
      add(leafColumn(c), seen, out);
    }
  }

  /** Returns the column of a leaf condition (not And, Or, Not). */
  static String leafColumn(Condition c) {
    if (c instanceof Compare x) {
      return x.column();
    } else if (c instanceof Between x) {
      return x.column();
    } else if (c instanceof TextCompare x) {
      return x.column();
    } else if (c instanceof In x) {
      return x.column();
    } else if (c instanceof NotIn x) {
      return x.column();
    } else if (c instanceof IsMissing x) {
      return x.column();
    }
    throw new IllegalArgumentException("Not a leaf condition: " + c);
  }

  private static void add(String column, Set<String> seen, List<String> out) {
    if (seen.add(column)) {
      out.add(column);
    }
  }

  // ---------------------------------------------------------------- printing

  /**
   * Formats a number so that it reads back exactly: integers below 1e15 without a decimal point,
   * everything else as {@link Double#toString(double)}.
   */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String identifier(String name) {
    if (isPlainIdentifier(name) && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  private static boolean isPlainIdentifier(String s) {
    if (s.isEmpty() || !isIdentStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isIdentPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentStart(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_';
  }

  private static boolean isIdentPart(char ch) {
    return isIdentStart(ch) || (ch >= '0' && ch <= '9');
  }

  static String format(Condition c) {
    StringBuilder sb = new StringBuilder();
    format(c, sb);
    return sb.toString();
  }

  private static void format(Condition c, StringBuilder sb) {
    if (c instanceof Compare x) {
      sb.append(identifier(x.column())).append(' ').append(x.operator().symbol()).append(' ')
          .append(number(x.value()));
    } else if (c instanceof Between x) {
      sb.append(identifier(x.column())).append(" between ").append(number(x.low()))
          .append(" and ").append(number(x.high()));
    } else if (c instanceof TextCompare x) {
      sb.append(identifier(x.column())).append(' ').append(x.operator().symbol()).append(' ')
          .append(quote(x.value()));
    } else if (c instanceof In x) {
      formatList(sb.append(identifier(x.column())).append(" in ("), x.values());
    } else if (c instanceof NotIn x) {
      formatList(sb.append(identifier(x.column())).append(" not in ("), x.values());
    } else if (c instanceof IsMissing x) {
      sb.append(identifier(x.column())).append(" is missing");
    } else if (c instanceof Not x) {
      if (x.operand() instanceof IsMissing m) {
        sb.append(identifier(m.column())).append(" is not missing");
      } else {
        sb.append("not (");
        format(x.operand(), sb);
        sb.append(')');
      }
    } else if (c instanceof And x) {
      formatJoined(sb, x.operands(), " and ");
    } else if (c instanceof Or x) {
      formatJoined(sb, x.operands(), " or ");
    } else {
      throw new IllegalArgumentException("Unknown condition type " + c.getClass());
    }
  }

  private static void formatList(StringBuilder sb, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    sb.append(')');
  }

  private static void formatJoined(StringBuilder sb, List<Condition> operands, String op) {
    for (int i = 0; i < operands.size(); i++) {
      Condition o = operands.get(i);
      if (i > 0) {
        sb.append(op);
      }
      boolean paren = o instanceof And || o instanceof Or;
      if (paren) {
        sb.append('(');
      }
      format(o, sb);
      if (paren) {
        sb.append(')');
      }
    }
  }

  // ---------------------------------------------------------------- lexing

  private enum Kind {
    IDENT, QUOTED_IDENT, NUMBER, STRING, OP, LPAREN, RPAREN, COMMA, END
  }

  private record Token(Kind kind, String text, double number, int pos, int end) {
    boolean isKeyword(String kw) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(kw);
    }

    boolean isAnyKeyword() {
      return kind == Kind.IDENT && KEYWORDS.contains(text.toLowerCase(Locale.ROOT));
    }

    String describe() {
      return switch (kind) {
        case END -> "the end of the text";
        case STRING -> "the string " + quote(text);
        case QUOTED_IDENT -> "the column " + identifier(text);
        default -> "'" + text + "'";
      };
    }
  }

  private static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
        continue;
      }
      int start = i;
      if (isIdentStart(ch)) {
        while (i < n && isIdentPart(s.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), 0, start, i));
      } else if (ch == '`' || ch == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i);
          if (c == '\\') {
            if (i + 1 < n && (s.charAt(i + 1) == ch || s.charAt(i + 1) == '\\')) {
              sb.append(s.charAt(i + 1));
              i += 2;
              continue;
            }
            throw error("Unknown escape; inside " + (ch == '"' ? "a string" : "back quotes")
                + " only \\" + ch + " and \\\\ are escapes", s, i);
          }
          i++;
          if (c == ch) {
            closed = true;
            break;
          }
          sb.append(c);
        }
        if (!closed) {
          throw error(ch == '"' ? "Unterminated string" : "Unterminated back-quoted column name", s,
              start);
        }
        if (ch == '`' && sb.toString().isBlank()) {
          throw error("A back-quoted column name must be non-blank", s, start);
        }
        out.add(new Token(ch == '"' ? Kind.STRING : Kind.QUOTED_IDENT, sb.toString(), 0, start, i));
      } else if (isDigit(ch) || ch == '.' || (ch == '-' && i + 1 < n
          && (isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.'))) {
        i = lexNumber(s, i, out);
      } else if (ch == '(' || ch == ')' || ch == ',') {
        i++;
        out.add(new Token(ch == '(' ? Kind.LPAREN : ch == ')' ? Kind.RPAREN : Kind.COMMA,
            String.valueOf(ch), 0, start, i));
      } else if (ch == '<' || ch == '>') {
        i++;
        if (i < n && s.charAt(i) == '=') {
          i++;
        }
        out.add(new Token(Kind.OP, s.substring(start, i), 0, start, i));
      } else if (ch == '=') {
        i++;
        out.add(new Token(Kind.OP, "=", 0, start, i));
      } else if (ch == '!' && i + 1 < n && s.charAt(i + 1) == '=') {
        i += 2;
        out.add(new Token(Kind.OP, "!=", 0, start, i));
      } else {
        throw error("Unexpected character '" + new String(Character.toChars(s.codePointAt(i)))
            + "'", s, i);
      }
    }
    out.add(new Token(Kind.END, "", 0, n, n));
    return out;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static int lexNumber(String s, int start, List<Token> out) {
    int n = s.length();
    int i = start;
    if (s.charAt(i) == '-') {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      throw error("Malformed number", s, start);
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int e = i;
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        throw error("Expected digits in the exponent of a number", s, e);
      }
    }
    if (i < n && (isIdentPart(s.charAt(i)) || s.charAt(i) == '.')) {
      throw error("Malformed number '" + s.substring(start, i + 1) + "'", s, start);
    }
    String text = s.substring(start, i);
    double v = Double.parseDouble(text);
    if (!Double.isFinite(v)) {
      throw error("Number '" + text + "' is out of range; numbers must be finite doubles", s, start);
    }
    out.add(new Token(Kind.NUMBER, text, v, start, i));
    return i;
  }

  private static ConditionSyntaxException error(String problem, String text, int pos) {
    return new ConditionSyntaxException(problem, text, pos, null);
  }

  // ---------------------------------------------------------------- parsing

  static Condition parse(String text) {
    return new Parser(text, lex(text)).parseAll();
  }

  /** Deepest nesting of {@code not} and {@code (} the parser accepts; deeper text is a syntax error. */
  static final int MAX_NESTING = 256;

  private static final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int at;
    private int depth;

    Parser(String text, List<Token> tokens) {
      this.text = text;
      this.tokens = tokens;
    }

    private Token peek() {
      return tokens.get(at);
    }

    private Token next() {
      return tokens.get(at++);
    }

    private ConditionSyntaxException fail(String problem, Token t) {
      return error(problem, text, t.pos());
    }

    Condition parseAll() {
      Condition c = parseOr();
      Token t = peek();
      if (t.kind() != Kind.END) {
        throw fail("Expected 'and', 'or' or the end of the condition, found " + t.describe(), t);
      }
      return c;
    }

    private Condition parseOr() {
      List<Condition> ops = new ArrayList<>();
      ops.add(parseAnd());
      while (peek().isKeyword("or")) {
        next();
        ops.add(parseAnd());
      }
      return ops.size() == 1 ? ops.get(0) : new Or(ops);
    }

    private Condition parseAnd() {
      List<Condition> ops = new ArrayList<>();
      ops.add(parseNot());
      while (peek().isKeyword("and")) {
        next();
        ops.add(parseNot());
      }
      return ops.size() == 1 ? ops.get(0) : new And(ops);
    }

    private Condition parseNot() {
      Token t = peek();
      if (t.isKeyword("not") || t.kind() == Kind.LPAREN) {
        if (depth == MAX_NESTING) {
          throw fail("The condition nests 'not' and '(' deeper than " + MAX_NESTING
              + " levels; expected at most " + MAX_NESTING, t);
        }
        depth++;
        try {
          return parseNested(t);
        } finally {
          depth--;
        }
      }
      return parsePredicate();
    }

    private Condition parseNested(Token t) {
      if (t.isKeyword("not")) {
        next();
        return new Not(parseNot());
      }
      if (t.kind() == Kind.LPAREN) {
        next();
        Condition inner = parseOr();
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
          throw fail("Expected ')' to close the '(' at position " + t.pos() + ", found "
              + close.describe(), close);
        }
        next();
        return inner;
      }
      throw new IllegalStateException("not a nested condition: " + t.describe());
    }

    private Condition parsePredicate() {
      Token col = next();
      if (col.kind() != Kind.QUOTED_IDENT && (col.kind() != Kind.IDENT || col.isAnyKeyword())) {
        String hint = col.isAnyKeyword()
            ? " ('" + col.text() + "' is a keyword; back-quote a column of that name: `"
                + col.text() + "`)"
            : "";
        throw fail("Expected a column name, 'not' or '(', found " + col.describe() + hint, col);
      }
      String column = col.text();
      Token op = next();
      try {
        if (op.kind() == Kind.OP) {
          Token v = next();
          Operator operator = Operator.ofSymbol(op.text());
          if (v.kind() == Kind.NUMBER) {
            return new Compare(column, operator, v.number());
          }
          if (v.kind() == Kind.STRING && (operator == Operator.EQ || operator == Operator.NE)) {
            return new TextCompare(column, operator, v.text());
          }
          String expected = operator == Operator.EQ || operator == Operator.NE
              ? "a number or a string" : "a number";
          throw fail("Expected " + expected + " after '" + op.text() + "', found "
              + v.describe(), v);
        }
        if (op.isKeyword("between")) {
          Token lo = next();
          if (lo.kind() != Kind.NUMBER) {
            throw fail("Expected a number after 'between', found " + lo.describe(), lo);
          }
          Token and = next();
          if (!and.isKeyword("and")) {
            throw fail("Expected 'and' after the lower bound of 'between', found "
                + and.describe(), and);
          }
          Token hi = next();
          if (hi.kind() != Kind.NUMBER) {
            throw fail("Expected a number after 'between " + lo.text() + " and', found "
                + hi.describe(), hi);
          }
          return new Between(column, lo.number(), hi.number());
        }
        if (op.isKeyword("in")) {
          return new In(column, parseList(op));
        }
        if (op.isKeyword("not")) {
          Token in = next();
          if (!in.isKeyword("in")) {
            throw fail("Expected 'in' after '" + col.text() + " not', found " + in.describe(), in);
          }
          return new NotIn(column, parseList(in));
        }
        if (op.isKeyword("is")) {
          Token t = next();
          boolean negated = false;
          if (t.isKeyword("not")) {
            negated = true;
            t = next();
          }
          if (!t.isKeyword("missing")) {
            throw fail("Expected 'missing' or 'not missing' after 'is', found " + t.describe(), t);
          }
          IsMissing m = new IsMissing(column);
          return negated ? new Not(m) : m;
        }
      } catch (IllegalArgumentException e) {
        throw new ConditionSyntaxException(e.getMessage(), text, col.pos(), e);
      }
      throw fail("Expected an operator (<, <=, >, >=, =, !=, between, in, not in, is) after column "
          + identifier(column) + ", found " + op.describe(), op);
    }

    private List<String> parseList(Token in) {
      Token open = next();
      if (open.kind() != Kind.LPAREN) {
        throw fail("Expected '(' after 'in', found " + open.describe(), open);
      }
      List<String> values = new ArrayList<>();
      while (true) {
        Token v = next();
        if (v.kind() == Kind.STRING) {
          values.add(v.text());
        } else if (v.kind() == Kind.NUMBER) {
          values.add(number(v.number()));
        } else {
          throw fail("Expected a string or a number in the list of '" + in.text() + "', found "
              + v.describe(), v);
        }
        Token sep = next();
        if (sep.kind() == Kind.RPAREN) {
          return values;
        }
        if (sep.kind() != Kind.COMMA) {
          throw fail("Expected ',' or ')' in the list of '" + in.text() + "', found "
              + sep.describe(), sep);
        }
      }
    }
  }
}
