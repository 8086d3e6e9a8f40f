package dev.segmentation.allocation;

/**
 * The channel through which a coverage option serves an account.
 *
 * @since 0.1
 */
public enum Channel {
  /** Face-to-face visits by field sales. */
  FIELD,
  /** Inside sales: planned calls and video meetings. */
  INSIDE,
  /** Reactive phone or e-mail service. */
  PHONE,
  /** Served by a partner or distributor. */
  PARTNER,
  /** Self-service: e-commerce, portal, marketing automation. */
  DIGITAL,
  /** No active coverage. */
  NONE
}
