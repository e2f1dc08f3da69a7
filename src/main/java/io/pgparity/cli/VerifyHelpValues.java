package io.pgparity.cli;

import io.pgparity.config.JobFileLoader;
import io.pgparity.config.LiveTuning;
import io.pgparity.config.Tuning;
import io.pgparity.config.units.DurationText;
import java.util.ListResourceBundle;

/**
 * The defaults {@code pgparity verify --help} shows, read from Tuning so the help cannot drift from
 * them; the options' descriptions name them as ${bundle:default.NAME}.
 */
public final class VerifyHelpValues extends ListResourceBundle {

  @Override
  protected Object[][] getContents() {
    Tuning defaults = Tuning.defaults();
    LiveTuning live = defaults.live();
    return new Object[][] {
      {"default.out", JobFileLoader.DEFAULT_OUT.toString()},
      {"default.threads", String.valueOf(defaults.threads())},
      {"default.max-threads", String.valueOf(Tuning.DEFAULT_MAX_THREADS)},
      {"default.chunk-rows", String.valueOf(defaults.chunkRows())},
      {"default.max-divergences", String.valueOf(defaults.maxDivergences())},
      {"default.max-wait", DurationText.format(live.maxWait())},
      {"default.rechecks", String.valueOf(live.rechecks())},
      {"default.recheck-delay", DurationText.format(live.recheckDelay())},
      {"default.retries", String.valueOf(live.retries())},
    };
  }
}
