package dev.segmentation.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.core.AccountTable;
import dev.segmentation.core.json.ModelJson;
import dev.segmentation.testing.Gen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of conditions: text and JSON round trips, and evaluation against an oracle. */
class ConditionPropertyTest {

  static LongStream seeds() {
    return Gen.seeds(300);
  }

  private static String[] distinctNames(Gen g, int n, Set<String> taken) {
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String s = g.columnName();
      if (taken.add(s)) {
        out.add(s);
      }
    }
    return out.toArray(new String[0]);
  }

  /** A random table (spend-like or awkward values) and its numeric and categorical column names. */
  record Case(AccountTable table, String[] numeric, String[] categorical) {}

  static Case randomCase(Gen g) {
    int rows = g.pick(0, 1, 2, g.intBetween(3, 60), g.intBetween(1000, 2600));
    double missing = g.pick(0.0, 0.1, 0.4);
    if (g.chance(0.5)) {
      return new Case(g.spendTable(rows, 3, 2, missing), new String[] {"x0", "x1", "x2"},
          new String[] {"c0", "c1"});
    }
    return new Case(g.mixedTable(rows, 3, 2, 0, missing), new String[] {"n0", "n1", "n2"},
        new String[] {"c0", "c1"});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void textRoundTrip(long seed) {
    Gen g = new Gen(seed);
    Set<String> taken = new LinkedHashSet<>();
    Condition c = g.condition(distinctNames(g, 2, taken), distinctNames(g, 2, taken),
        g.intBetween(0, 4));
    String text = c.toString();
    Condition back = Condition.parse(text);
    assertEquals(c, back, "seed " + seed + ": condition -> text -> condition, text `" + text + "`");
    assertEquals(text, back.toString(), "seed " + seed + ": text -> condition -> text");
    assertEquals(c.hashCode(), back.hashCode(), "seed " + seed + ": hashCode after the text trip");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void boundConditionAgreesWithTheOracle(long seed) {
    Gen g = new Gen(seed);
    Case k = randomCase(g);
    Condition c = g.condition(k.numeric(), k.categorical(), g.intBetween(0, 3));
    AccountTable t = k.table();
    IntPredicate p = c.bind(t);
    int n = t.rowCount();
    boolean[] expected = new boolean[n];
    for (int i = 0; i < n; i++) {
      expected[i] = ConditionOracle.eval(c, t, i);
      assertEquals(expected[i], p.test(i),
          "seed " + seed + ": test(row " + i + ") of `" + c + "` on " + t.row(i));
    }
    // Block evaluation on an arbitrary selection: into separate arrays, and in place.
    BoundCondition b = BoundCondition.bind(c, t);
    int[] sel = selection(g, n);
    int[] yes = new int[sel.length];
    int[] no = new int[sel.length];
    int k1 = b.partition(sel, sel.length, yes, no);
    int[] want = Arrays.stream(sel).filter(i -> expected[i]).sorted().toArray();
    int[] wantNo = Arrays.stream(sel).filter(i -> !expected[i]).sorted().toArray();
    assertEquals(Arrays.toString(want), sorted(yes, 0, k1),
        "seed " + seed + ": partition() matches of `" + c + "`");
    assertEquals(Arrays.toString(wantNo), sorted(no, 0, sel.length - k1),
        "seed " + seed + ": partition() non-matches of `" + c + "`");
    int[] inPlaceNo = sel.clone();
    int k2 = b.partition(inPlaceNo, inPlaceNo.length, yes, inPlaceNo);
    assertEquals(Arrays.toString(want), sorted(yes, 0, k2), "seed " + seed + ": sel == no, matches");
    assertEquals(Arrays.toString(wantNo), sorted(inPlaceNo, 0, sel.length - k2),
        "seed " + seed + ": sel == no, non-matches");
    int[] inPlaceYes = sel.clone();
    int k3 = b.partition(inPlaceYes, inPlaceYes.length, inPlaceYes, no);
    assertEquals(Arrays.toString(want), sorted(inPlaceYes, 0, k3),
        "seed " + seed + ": sel == yes, matches");
    assertEquals(Arrays.toString(wantNo), sorted(no, 0, sel.length - k3),
        "seed " + seed + ": sel == yes, non-matches");
  }

  private static String sorted(int[] a, int from, int to) {
    int[] s = Arrays.copyOfRange(a, from, to);
    Arrays.sort(s);
    return Arrays.toString(s);
  }

  /** All rows in order, or a random subset in random order (partition accepts any order). */
  private static int[] selection(Gen g, int n) {
    return g.chance(0.3) ? java.util.stream.IntStream.range(0, n).toArray() : g.subset(n);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void conditionsEvaluateTheSameAfterTextAndJsonTrips(long seed) {
    Gen g = new Gen(seed);
    Case k = randomCase(g);
    AccountTable t = k.table();
    Condition c = g.condition(k.numeric(), k.categorical(), g.intBetween(0, 3));
    Condition text = Condition.parse(c.toString());
    RuleModel model = RuleModel.builder().segment("only").when(c).build();
    RuleModel loaded = ModelJson.readRuleModel(ModelJson.write(model));
    assertEquals(model, loaded, "seed " + seed + ": rule model after the JSON trip");
    Condition json = loaded.rules().get(0).condition();
    assertEquals(c, json, "seed " + seed + ": condition after the JSON trip");
    IntPredicate a = c.bind(t);
    IntPredicate b = text.bind(t);
    IntPredicate d = json.bind(t);
    for (int i = 0; i < t.rowCount(); i++) {
      assertEquals(a.test(i), b.test(i), "seed " + seed + ": row " + i + " after the text trip");
      assertEquals(a.test(i), d.test(i), "seed " + seed + ": row " + i + " after the JSON trip");
    }
    assertTrue(ModelJson.write(model).contains("\"type\""),
        "seed " + seed + ": conditions are written as typed trees");
  }
}
