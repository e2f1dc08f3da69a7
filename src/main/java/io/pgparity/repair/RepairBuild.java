package io.pgparity.repair;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * What building repair.sql produced: the file, its statements by kind, the divergent rows read,
 * those that need nothing now (the source row agrees with what verify saw on the target), and the
 * target's surplus copies of a key left alone because verify reported fewer of them (the target
 * changed since verify).
 */
public record RepairBuild(
    Path file,
    RepairTarget target,
    RepairCounts statements,
    long divergences,
    long agreeing,
    long leftAlone) {

  public RepairBuild {
    checkNotNull(file, "file");
    checkNotNull(target, "target");
    checkNotNull(statements, "statements");
  }
}
