package io.pgparity.repair;

import io.pgparity.config.connection.PasswordResolver;
import java.nio.file.Path;

/** The one-line results and refusals of {@code pgparity repair}, printed last. */
public final class RepairMessages {

  private RepairMessages() {}

  public static String written(RepairBuild build, Path folder, boolean applying) {
    String line =
        "WRITTEN: "
            + build.file()
            + " for the "
            + build.target().label()
            + ": "
            + build.statements().total()
            + " statements ("
            + build.statements().describe()
            + ") from "
            + build.divergences()
            + " divergent rows"
            + (build.agreeing() == 0 ? "" : ", " + build.agreeing() + " need nothing now")
            + (build.leftAlone() == 0
                ? ""
                : ", "
                    + build.leftAlone()
                    + " surplus target rows left alone (more copies than verify saw: verify again)");
    return applying
        ? line
        : line + "; review it, then apply: pgparity repair " + folder + " --apply";
  }

  public static String applied(ApplyResult result) {
    String counts = " (" + result.applied().describe() + ")";
    String transactions =
        " in "
            + result.transactions()
            + (result.transactions() == 1 ? " transaction" : " transactions");
    if (result.complete()) {
      return "APPLIED: "
          + result.applied().total()
          + " of "
          + result.statements()
          + " statements on the "
          + result.target().label()
          + counts
          + transactions
          + "; verify again to confirm";
    }
    return "INCOMPLETE: "
        + result.applied().total()
        + " of "
        + result.statements()
        + " statements applied on the "
        + result.target().label()
        + counts
        + transactions
        + ", "
        + result.stale()
        + " skipped as stale: the target row changed after verify (repair.sql lines "
        + result.staleLines()
        + (result.stale() > result.staleLines().size() ? " ..." : "")
        + "); verify again, then repair what is left";
  }

  public static String standby(RepairTarget target, String url, Path folder) {
    String line =
        "repair: the "
            + target.label()
            + " "
            + PasswordResolver.redact(url)
            + " is a hot standby in recovery;"
            + " no statement can write to it. Re-clone it from the primary (pg_basebackup, or pg_rewind after a"
            + " failover) instead of repairing rows";
    return target == RepairTarget.REPLICA
        ? line
            + ", or if it was promoted meanwhile, repair the other way: pgparity repair "
            + folder
            + " --target primary"
        : line + "; if the standby is the one that should be written, promote it first";
  }
}
