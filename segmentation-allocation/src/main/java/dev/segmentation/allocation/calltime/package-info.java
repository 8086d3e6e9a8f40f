/**
 * Call-time allocation in the style of CALLPLAN (Lodish 1971): how many hours per year each account
 * should get when roles or reps have limited hours and each account's expected response is a concave
 * function of the hours spent on it.
 *
 * <p>The problem: maximise {@code sum_i r_i(h_i)} subject to {@code sum of h_i over each group <= its
 * capacity} and {@code min_i <= h_i <= max_i}. Response curves are {@link
 * dev.segmentation.allocation.calltime.ResponseCurve ResponseCurve}s (ADBUDG, exponential saturation,
 * concave piecewise linear); S-shaped ADBUDG curves are optimised through their concave envelope. The
 * solver ({@link dev.segmentation.allocation.calltime.CallTimeProblem#solve()}) is a Lagrangian
 * relaxation with one multiplier per group, found by bisection to machine precision; it reports the
 * multiplier as the group's marginal value of an hour and reports infeasible groups in the result.
 *
 * <pre>{@code
 * CallTimePlan plan = CallTimeProblem.builder()
 *     .group("field-east", 1600.0)
 *     .account("A-1", "field-east", ResponseCurve.adbudg(0, 80_000, 30, 0.7)).hours(6, 120)
 *     .account("A-2", "field-east", ResponseCurve.exponential(50_000, 25))
 *     .build()
 *     .solve();
 * }</pre>
 *
 * @since 0.1
 */
package dev.segmentation.allocation.calltime;
