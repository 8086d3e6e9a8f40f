package dev.segmentation.allocation.calltime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.allocation.calltime.CallTimeGen.Shapes;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Response curves: known values, seeded properties of derivatives, inverses and envelopes, validation. */
class CallTimeResponseCurveTest {

  static LongStream seeds() {
    return CallTimeGen.seeds(250);
  }

  /** Seed 1014: an ADBUDG root below the double range (shape 0.999), returned as MIN_VALUE. */
  @Test
  void inverseOfNearlyLinearAdbudgAtTheEdgeOfTheDoubleRange() {
    hoursAtMarginalInvertsTheEnvelopeDerivative(1014);
    AdbudgCurve a = ResponseCurve.adbudg(0, 10, 400, 0.999);
    double h = a.hoursAtMarginal(1.0); // r'(h) = 1 needs h far below 1e-308
    assertEquals(Double.MIN_VALUE, h, "rounded up to the smallest positive double");
    assertTrue(a.derivative(h) <= 1.0, "r'(MIN_VALUE) <= mu");
  }

  // ------------------------------------------------------------------------------------ examples

  @Test
  void exponentialHasClosedFormInverse() {
    ExponentialCurve e = ResponseCurve.exponential(50_000, 20);
    assertEquals(0.0, e.value(0), "r(0)");
    assertEquals(50_000 * (1 - Math.exp(-1)), e.value(20), 1e-9, "r(scale)");
    assertEquals(2_500.0, e.derivative(0), 1e-12, "r'(0) = ceiling / scale");
    assertEquals(20 * Math.log(5), e.hoursAtMarginal(500), 1e-12, "20 log(2500 / 500)");
    assertEquals(0.0, e.hoursAtMarginal(2_500), "no hours when mu >= r'(0)");
    assertEquals(0.0, e.hoursAtMarginal(Double.POSITIVE_INFINITY), "no hours at mu = inf");
    assertEquals(Double.POSITIVE_INFINITY, e.hoursAtMarginal(0), "unbounded hours at mu = 0");
    assertEquals(50_000.0, e.value(Double.POSITIVE_INFINITY), "r(inf) = ceiling");
    assertEquals(0.0, e.derivative(Double.POSITIVE_INFINITY), "r'(inf) = 0");
    assertTrue(e.isConcave(), "exponential is concave");
    assertEquals(0.0, ResponseCurve.exponential(0, 5).hoursAtMarginal(0), "a flat curve needs no hours");
  }

  @Test
  void adbudgWithShapeOneHasClosedFormInverse() {
    AdbudgCurve a = ResponseCurve.adbudg(10, 110, 5, 1); // r = 10 + 100 h / (5 + h)
    assertEquals(10.0, a.value(0), "r(0) = floor");
    assertEquals(60.0, a.value(5), 1e-12, "r(d) = midpoint");
    assertEquals(20.0, a.derivative(0), 1e-12, "r'(0) = A / d");
    // A d / (d + h)^2 = mu  =>  h = sqrt(A d / mu) - d; mu = 5 gives sqrt(100) - 5 = 5
    assertEquals(5.0, a.hoursAtMarginal(5), 1e-12, "closed-form inverse");
    assertEquals(0.0, a.hoursAtMarginal(20), "no hours when mu >= r'(0)");
    assertEquals(0.0, a.tangentHours(), "concave: no tangent");
  }

  @Test
  void sShapedAdbudgUsesTheTangentLineAsEnvelope() {
    AdbudgCurve s = ResponseCurve.adbudg(0, 100, 10, 2);
    assertFalse(s.isConcave(), "shape 2 is S-shaped");
    // t = d (g - 1)^(1/g) = 10; L = A (g - 1)^(1 - 1/g) / (g d) = 100 / 20 = 5; r(10) = 50 = 5 * 10
    assertEquals(10.0, s.tangentHours(), 1e-12, "tangent hours");
    assertEquals(20.0, s.envelopeValue(4), 1e-12, "line below the tangent");
    assertEquals(100.0 * 16 / 116, s.value(4), 1e-12, "the curve itself below the tangent");
    assertEquals(5.0, s.envelopeDerivative(0), 1e-12, "envelope slope at 0");
    assertEquals(0.0, s.derivative(0), "true derivative at 0");
    assertEquals(s.value(15), s.envelopeValue(15), "curve beyond the tangent");
    assertEquals(0.0, s.hoursAtMarginal(5), "mu at the line's slope: 0 hours (smallest)");
    assertEquals(10.0, s.hoursAtMarginal(Math.nextDown(5.0)), 1e-6, "just below: the tangent");
    // r'(h) = A g d^g h^(g-1) / (d^g + h^g)^2; at h = 20: 100 * 2 * 100 * 20 / 500^2 = 1.6
    assertEquals(20.0, s.hoursAtMarginal(1.6), 1e-9, "Newton inverse beyond the tangent");
  }

  @Test
  void adbudgWithShapeBelowOneHasInfiniteInitialMarginal() {
    AdbudgCurve a = ResponseCurve.adbudg(0, 1, 1, 0.5);
    assertEquals(Double.POSITIVE_INFINITY, a.derivative(0), "r'(0) = inf for g < 1");
    double h = a.hoursAtMarginal(1e6);
    assertTrue(h > 0 && h < 1e-9, "a huge mu still buys a few hours: " + h);
    assertEquals(1e6, a.derivative(h), 1e-6 * 1e6, "r'(h(mu)) = mu");
  }

  @Test
  void piecewiseLinearInverseIsTheFirstPointWithSmallSlope() {
    PiecewiseLinearCurve r = ResponseCurve.piecewiseLinear(new double[] {0, 10, 30},
        new double[] {0, 1_000, 1_500});
    assertEquals(10.0, r.hoursAtMarginal(50), "first point with outgoing slope <= 50");
    assertEquals(10.0, r.hoursAtMarginal(25), "slope 25 <= 25 at 10 h");
    assertEquals(30.0, r.hoursAtMarginal(24.9), "beyond the last point the slope is 0");
    assertEquals(0.0, r.hoursAtMarginal(100), "first slope <= 100 at 0 h");
    assertEquals(30.0, r.hoursAtMarginal(0), "saturation point at mu = 0");
    assertEquals(500.0, r.value(5), 1e-12, "interpolation");
    assertEquals(1_500.0, r.value(1e9), "flat after the last point");
    assertEquals(25.0, r.derivative(10), "right derivative at a kink");
    assertEquals(100.0, r.leftDerivative(10), "left derivative at a kink");
    assertEquals(0.0, r.derivative(30), "flat from the last point on");
    assertEquals(25.0, r.leftDerivative(30), "left derivative at the last point");
    assertEquals("PiecewiseLinearCurve[(0, 0), (10, 1000), (30, 1500)]", r.toString(), "toString");
    assertEquals(r, ResponseCurve.piecewiseLinear(r.hours(), r.values()), "equal by points");
    assertNotEquals(r, ResponseCurve.piecewiseLinear(new double[] {0}, new double[] {0}), "different");
    double[] hours = r.hours();
    hours[1] = 99;
    assertEquals(10.0, r.hours()[1], "hours() returns a copy");
    assertEquals(7.0, ResponseCurve.piecewiseLinear(new double[] {0}, new double[] {7}).value(3),
        "a single point is a constant");
  }

  // ------------------------------------------------------------------------------------ validation

  @Test
  void badParametersAreRejectedWithTheirNameAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ResponseCurve.adbudg(0, 1, 1, Double.NaN));
    assertEquals("ADBUDG shape must be a finite number > 0, was NaN.", e.getMessage(), "NaN shape");
    e = assertThrows(IllegalArgumentException.class, () -> ResponseCurve.adbudg(5, 1, 1, 1));
    assertTrue(e.getMessage().contains("ceiling (1.0) must be >= floor (5.0)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResponseCurve.adbudg(0, 1, 0, 1));
    assertTrue(e.getMessage().contains("halfSaturationHours must be a finite number > 0, was 0.0"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResponseCurve.adbudg(Double.NaN, 1, 1, 1));
    assertTrue(e.getMessage().contains("floor must be a finite number, was NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ResponseCurve.exponential(-1, 1));
    assertTrue(e.getMessage().contains("ceiling must be a finite number >= 0, was -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.exponential(1, Double.POSITIVE_INFINITY));
    assertTrue(e.getMessage().contains("scaleHours must be a finite number > 0, was Infinity"),
        e.getMessage());
    ExponentialCurve ok = ResponseCurve.exponential(1, 1);
    e = assertThrows(IllegalArgumentException.class, () -> ok.value(-1));
    assertEquals("hours must be >= 0, was -1.0.", e.getMessage(), "negative hours");
    assertThrows(IllegalArgumentException.class, () -> ok.derivative(Double.NaN), "NaN hours");
    e = assertThrows(IllegalArgumentException.class, () -> ok.hoursAtMarginal(-0.5));
    assertEquals("marginal must be >= 0, was -0.5.", e.getMessage(), "negative marginal");
  }

  @Test
  void nonConcavePiecewiseCurvesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {0, 10, 20}, new double[] {0, 10, 30}));
    assertTrue(e.getMessage().startsWith("Piecewise-linear curve is not concave: slope 2.0 on [10.0, 20.0]"
        + " hours exceeds slope 1.0 on [0.0, 10.0]"), e.getMessage());
    assertTrue(e.getMessage().contains("\n"), "advice on a second line: " + e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {1, 10}, new double[] {0, 10}));
    assertTrue(e.getMessage().contains("must start at 0 hours, starts at 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {0, 10, 10}, new double[] {0, 1, 2}));
    assertTrue(e.getMessage().contains("increase strictly"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {0, 10}, new double[] {5, 4}));
    assertTrue(e.getMessage().contains("must not decrease"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {0, 10}, new double[] {5}));
    assertTrue(e.getMessage().contains("2 hours but 1 values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[] {0, Double.NaN}, new double[] {0, 1}));
    assertTrue(e.getMessage().contains("must be finite"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ResponseCurve.piecewiseLinear(new double[0], new double[0]), "no points");
    assertThrows(NullPointerException.class, () -> ResponseCurve.piecewiseLinear(null, new double[0]));
  }

  // ------------------------------------------------------------------------------------ properties

  @ParameterizedTest
  @MethodSource("seeds")
  void hoursAtMarginalInvertsTheEnvelopeDerivative(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    for (int trial = 0; trial < 20; trial++) {
      ResponseCurve c = gen.curve(Shapes.ALL);
      double mu = gen.valueScale / gen.hourScale * gen.logUniform(1e-4, 1e3);
      double h = c.hoursAtMarginal(mu);
      String at = "seed " + seed + ", trial " + trial + ", curve " + c + ", mu " + mu + ", h " + h;
      assertTrue(h >= 0 && Double.isFinite(h), "finite hours for mu > 0, " + at);
      assertTrue(c.envelopeDerivative(h) <= mu * (1 + 1e-9), "r'(h) <= mu, " + at);
      if (h >= Double.MIN_NORMAL) { // below: ADBUDG shape < 1 rounds tiny roots up to MIN_VALUE
        double before = h * (1 - 1e-9);
        assertTrue(c.envelopeDerivative(before) >= mu * (1 - 1e-7),
            "r' just below h is >= mu: " + c.envelopeDerivative(before) + ", " + at);
      }
      double h2 = c.hoursAtMarginal(mu * gen.uniform(1, 3));
      assertTrue(h2 <= h * (1 + 1e-12), "non-increasing in mu, " + at + ", h2 " + h2);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void derivativeMatchesACentralDifference(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    for (int trial = 0; trial < 20; trial++) {
      ResponseCurve c = gen.curve(Shapes.SMOOTH);
      double h = gen.hourScale * gen.logUniform(0.01, 10);
      double d = h * 1e-5;
      double fd = (c.value(h + d) - c.value(h - d)) / (2 * d);
      double r = c.derivative(h);
      double noise = 1e-15 * (Math.abs(c.value(h)) + gen.valueScale) / d;
      assertEquals(r, fd, 1e-6 * Math.abs(r) + noise,
          "r'(h) by central difference, seed " + seed + ", curve " + c + ", h " + h);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void envelopeIsAConcaveMajorantThatTouchesAtZeroAndBeyondTheTangent(long seed) {
    CallTimeGen gen = new CallTimeGen(seed);
    for (int trial = 0; trial < 10; trial++) {
      ResponseCurve c = gen.curve(Shapes.ALL);
      String at = "seed " + seed + ", curve " + c;
      double[] h = new double[40];
      for (int k = 0; k < h.length; k++) {
        h[k] = gen.hourScale * gen.logUniform(1e-3, 30);
      }
      h[0] = 0;
      Arrays.sort(h);
      double tol = 1e-12 * (gen.valueScale + Math.abs(c.value(0)));
      for (int k = 0; k < h.length; k++) {
        assertTrue(c.envelopeValue(h[k]) >= c.value(h[k]) - tol, "envelope >= curve, " + at);
        if (k > 0) {
          assertTrue(c.envelopeDerivative(h[k]) <= c.envelopeDerivative(h[k - 1]) * (1 + 1e-12),
              "envelope derivative non-increasing at " + h[k] + ", " + at);
          double mid = 0.5 * (h[k] + h[k - 1]);
          assertTrue(c.envelopeValue(mid) >= 0.5 * (c.envelopeValue(h[k]) + c.envelopeValue(h[k - 1]))
              - tol, "midpoint concavity at " + mid + ", " + at);
        }
      }
      assertEquals(c.value(0), c.envelopeValue(0), "envelope touches at 0, " + at);
      if (c instanceof AdbudgCurve a && !a.isConcave()) {
        double t = a.tangentHours();
        assertEquals(a.value(t), a.envelopeValue(t), tol, "touches at the tangent, " + at);
        assertEquals(a.value(t) - a.floor(), t * a.derivative(t), 1e-9 * (a.ceiling() - a.floor()),
            "the line from (0, floor) is tangent at t, " + at);
        assertEquals(a.derivative(t), a.envelopeDerivative(0), 1e-12 * a.derivative(t),
            "envelope slope equals r'(t), " + at);
        double beyond = t * gen.uniform(1, 5);
        assertEquals(a.value(beyond), a.envelopeValue(beyond), "curve beyond the tangent, " + at);
      } else {
        assertTrue(c.isConcave(), at);
        for (double x : h) {
          assertEquals(c.value(x), c.envelopeValue(x), "concave curves are their envelope, " + at);
        }
      }
    }
  }
}
