package io.pgparity.shard;

import io.pgparity.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that run folders are the shards of one check: one job, one job.json but for the shard, one
 * shard count, and every index from 0 to n-1 exactly once.
 */
final class ShardSet {

  private ShardSet() {}

  /**
   * The runs ordered by shard index; a ConfigException names the first reason they do not belong
   * together.
   */
  static List<ShardRun> check(List<ShardRun> runs) {
    ShardRun first = runs.get(0);
    for (ShardRun run : runs) {
      if (!run.jobName().equals(first.jobName())) {
        throw new ConfigException(
            "merge: "
                + run.folder()
                + " is a run of job '"
                + run.jobName()
                + "' but "
                + first.folder()
                + " of job '"
                + first.jobName()
                + "'; give the shards of one job only");
      }
      if (run.shard().count() != first.shard().count()) {
        throw new ConfigException(
            "merge: "
                + run.folder()
                + " is shard "
                + run.shard().label()
                + " but "
                + first.folder()
                + " is shard "
                + first.shard().label()
                + "; give the shards of one check, all split"
                + " the same way (the same n)");
      }
      if (!run.job().withoutChosenThreads().equals(first.job().withoutChosenThreads())) {
        throw new ConfigException(
            "merge: the job.json of "
                + run.folder()
                + " differs from that of "
                + first.folder()
                + " in more than the shard (servers, tables or tuning); give the shards of one check, run with the"
                + " same job and options");
      }
    }
    int count = first.shard().count();
    List<ShardRun> byIndex = new ArrayList<>(runs);
    byIndex.sort(Comparator.comparingInt(r -> r.shard().index()));
    for (int i = 1; i < byIndex.size(); i++) {
      if (byIndex.get(i).shard().index() == byIndex.get(i - 1).shard().index()) {
        throw new ConfigException(
            "merge: shard "
                + byIndex.get(i).shard().label()
                + " is given twice ("
                + byIndex.get(i - 1).folder()
                + " and "
                + byIndex.get(i).folder()
                + "); give one run folder per shard,"
                + " e.g. leave out the one of a failed attempt");
      }
    }
    if (byIndex.size() != count) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 0, next = 0; i < count; i++) {
        if (next < byIndex.size() && byIndex.get(next).shard().index() == i) {
          next++;
        } else {
          missing.add(i);
        }
      }
      throw new ConfigException(
          "merge: "
              + byIndex.size()
              + " of "
              + count
              + " shards given; missing shard "
              + missing.stream().map(i -> i + "/" + count).collect(Collectors.joining(", "))
              + "; give the run folder of every shard 0.."
              + (count - 1)
              + " (run the missing ones with verify --shard)");
    }
    return List.copyOf(byIndex);
  }
}
