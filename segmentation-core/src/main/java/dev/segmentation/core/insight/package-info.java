/**
 * Account-level insight for sales operations: whitespace and cross-sell
 * ({@link dev.segmentation.core.insight.Whitespace}), lookalike scores against a reference set of
 * best customers ({@link dev.segmentation.core.insight.Lookalike},
 * {@link dev.segmentation.core.insight.ReferenceSet}), a ranked action list
 * ({@link dev.segmentation.core.insight.PriorityList}) and performance against potential per group
 * ({@link dev.segmentation.core.insight.WalletReport}).
 *
 * <pre>{@code
 * FittedCriteria fitted = criteria.fit(accounts);
 * WhitespaceReport ws = Whitespace.builder()
 *     .revenue("revenue").potential("potential")
 *     .productLines("software", "services")
 *     .nearestPeers(fitted, 10)
 *     .build().compute(accounts);
 * LookalikeScores look = Lookalike.builder(fitted)
 *     .reference(ReferenceSet.topFraction("revenue", 0.1))
 *     .build().score(accounts);
 * PriorityList list = PriorityList.builder(accounts)
 *     .whitespace(ws).lookalike(look).groupBy("rep").build();
 * System.out.println(list);
 * }</pre>
 *
 * <p>Definitions (whitespace, peers, distance, calibration, expected value, share-of-wallet bands)
 * are on each class and collected in {@code docs/insight.md}.
 *
 * @since 0.1
 */
package dev.segmentation.core.insight;
