package io.pgparity.job;

/**
 * A resumed run found the catalogs of a table changed since the stopped run planned it: the sums
 * that run kept are void, so the launcher starts the job afresh instead.
 */
final class PlanChangedException extends RuntimeException {

  PlanChangedException(String message) {
    super(message);
  }
}
