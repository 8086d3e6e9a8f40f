package dev.segmentation.spark;

import org.apache.spark.sql.SparkSession;

/** Gives tests in other packages the shared session of {@link SparkTestSession}. */
public final class SparkTestAccess {

  private SparkTestAccess() {}

  /**
   * Returns the shared local session.
   *
   * @return the session
   */
  public static SparkSession session() {
    return SparkTestSession.get();
  }
}
