package io.pgparity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the used heap every 50 ms on a daemon thread from construction until {@link #close()}.
 * Used heap includes garbage not yet collected, so the peak is an upper bound of what was live.
 */
final class HeapSampler implements AutoCloseable {

  static final long INTERVAL_MILLIS = 50;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HeapSampler() {
    sample();
    thread = new Thread(this::loop, "bench-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
  }

  /** The largest used heap seen so far, in bytes. */
  long peakBytes() {
    return peak.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}
