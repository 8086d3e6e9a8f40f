/**
 * Territory assignment: give every account that needs a rep of one role to exactly one rep of that
 * role, so that each rep's load is within {@code ±tolerance} of its target (by workload, potential or a
 * weighted mix), travel from the reps' homes is low and few accounts leave their current owner; locked
 * accounts stay. Workloads usually come from a coverage plan ({@link
 * dev.segmentation.allocation.territory.Workloads#fromPlan Workloads.fromPlan}).
 *
 * <pre>{@code
 * double[] hours = Workloads.fromPlan(problem, plan, "field");
 * List<TerritoryAccount> accounts = new ArrayList<>();
 * for (TerritoryAccount a : Workloads.accounts(problem.accounts(), hours, "potential")) {
 *   accounts.add(a.location(lat(a), lon(a)).ownedBy(owner(a)));
 * }
 * TerritoryPlan territories = TerritoryProblem.builder()
 *     .role("field").reps(fieldReps).accounts(accounts)
 *     .tolerance(0.10).balanceBy(BalanceMeasure.WORKLOAD).disruptionCost(50)
 *     .build()
 *     .solve();
 * System.out.println(territories);             // per rep: target, band, load, deviation, km, kept
 * String json = TerritoryJson.write(territories);
 * }</pre>
 *
 * <p>The method (see {@code docs/territories.md}): each account starts with its K nearest reps, its
 * current owner and the reps without home as candidates; a Lagrangian relaxation prices the rep bands
 * and is maximised by subgradient steps; column generation adds the reps whose priced cost beats an
 * account's candidates until the relaxation is that of the full problem; the choice at the best prices
 * is rounded and improved by a deterministic local search (moves, swaps, and on small instances pair
 * moves and 3-cycles). The result reports balance, travel, kept share, a lower bound and, when the
 * tolerance cannot be met, which accounts and reps stand in the way.
 *
 * @since 0.1
 */
package dev.segmentation.allocation.territory;
