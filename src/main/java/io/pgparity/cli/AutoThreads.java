package io.pgparity.cli;

import io.pgparity.config.JobDefinition;
import io.pgparity.config.Tuning;
import io.pgparity.connect.ServerParallelism;
import io.pgparity.connect.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code --threads auto} once, before the run's Spring context sizes its executor and
 * connection pools: the threads are the least that the two servers offer ({@link
 * ServerParallelism}), at most --max-threads, at least 1. A resumed run may choose another number:
 * it takes over the heap slices and ranges of the run it resumes (saved with that run), so the
 * threads only say how many of them run at once.
 */
final class AutoThreads {

  private static final Logger log = LoggerFactory.getLogger(AutoThreads.class);

  private AutoThreads() {}

  /** {@code definition} with its threads chosen if they are auto; as it is otherwise. */
  static JobDefinition resolve(JobDefinition definition) {
    Tuning tuning = definition.tuning();
    if (!tuning.autoThreads()) {
      return definition;
    }
    ServerParallelism.Offer primary =
        ServerParallelism.offer(Side.PRIMARY, definition.primary(), tuning);
    ServerParallelism.Offer replica =
        ServerParallelism.offer(Side.REPLICA, definition.replica(), tuning);
    int threads = choose(primary.threads(), replica.threads(), tuning.maxThreads());
    log.info("{}", line(threads, primary, replica, tuning.maxThreads()));
    return definition.withTuning(tuning.withThreads(threads));
  }

  /** The least of the two offers and the cap, at least 1. */
  static int choose(int primaryOffer, int replicaOffer, int maxThreads) {
    return Math.max(1, Math.min(Math.min(primaryOffer, replicaOffer), maxThreads));
  }

  /** "Threads: auto chose 3 (primary offers 3: ...; replica offers 3: ...; at most ...)". */
  static String line(
      int threads, ServerParallelism.Offer primary, ServerParallelism.Offer replica, int max) {
    return "Threads: auto chose "
        + threads
        + " ("
        + offer(primary)
        + "; "
        + offer(replica)
        + "; at most --max-threads "
        + max
        + ")";
  }

  private static String offer(ServerParallelism.Offer offer) {
    return offer.side().label() + " offers " + offer.threads() + ": " + offer.reason();
  }
}
