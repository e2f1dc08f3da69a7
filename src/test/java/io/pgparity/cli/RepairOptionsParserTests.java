package io.pgparity.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.config.ConfigException;
import io.pgparity.repair.RepairOptions;
import io.pgparity.repair.RepairTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepairOptionsParserTests {

  private static final String RUN = "reports/adhoc/20261126T010203Z-00ff";

  @Test
  void theRunFolderAloneBuildsForTheReplicaWithTriggers() {
    RepairOptions options = parse(RUN);

    assertThat(options)
        .isEqualTo(
            new RepairOptions(Path.of(RUN), null, false, false, 0, null, null, false, false));
    assertThat(options.targetOrDefault()).isEqualTo(RepairTarget.REPLICA);
  }

  @Test
  void everyOptionIsRead() {
    RepairOptions options =
        parse(
            RUN,
            "--target",
            "PRIMARY",
            "--no-triggers",
            "--apply",
            "--batch-size=1_000",
            "--replica",
            "jdbc:postgresql://db2/app?user=repairer",
            "--primary=jdbc:postgresql://db1/app",
            "--debug");

    assertThat(options)
        .isEqualTo(
            new RepairOptions(
                Path.of(RUN),
                RepairTarget.PRIMARY,
                true,
                true,
                1000,
                "jdbc:postgresql://db1/app",
                "jdbc:postgresql://db2/app?user=repairer",
                true,
                false));
  }

  @Test
  void helpWinsOverEverything() {
    assertThat(parse("--target", "nowhere", "--help").help()).isTrue();
    assertThat(parse("-h").help()).isTrue();
  }

  @Test
  void mistakesNameTheValueAndTheFix() {
    assertThatThrownBy(() -> parse())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("repair: give the run folder verify printed first");
    assertThatThrownBy(() -> parse("--apply", RUN))
        .hasMessageContaining("give the run folder verify printed first");
    assertThatThrownBy(() -> parse(RUN, "--target", "standby"))
        .hasMessage(
            "repair: --target must be replica or primary but was 'standby'; e.g. --target primary after a failover");
    assertThatThrownBy(() -> parse(RUN, "--batch-size", "10"))
        .hasMessage("repair: --batch-size only applies with --apply; add --apply or leave it out");
    assertThatThrownBy(() -> parse(RUN, "--apply", "--batch-size", "0"))
        .hasMessage("repair: --batch-size must be an integer between 1 and 1000000 but was '0'");
    assertThatThrownBy(() -> parse(RUN, "--replica", "jdbc:postgresql://db2/app?password=secret"))
        .hasMessageContaining(
            "--replica must not contain password=; put the password in ~/.pgpass or in PGPARITY_REPLICA_PASSWORD")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> parse(RUN, "--target", "replica", "--target", "primary"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> parse(RUN, "--aply")).hasMessageContaining("unknown option '--aply'");
    assertThatThrownBy(() -> parse(RUN, "other"))
        .hasMessageContaining("unexpected argument 'other'");
  }

  @Test
  void verifyTakesRepairSqlAsAFlag() {
    List<String> adhoc =
        List.of(
            "--primary",
            "jdbc:postgresql://db1/app",
            "--replica",
            "jdbc:postgresql://db2/app",
            "--table",
            "public.users");
    assertThat(VerifyOptions.parse(adhoc).repairSql()).isFalse();
    List<String> withFlag = new java.util.ArrayList<>(adhoc);
    withFlag.add("--repair-sql");
    assertThat(VerifyOptions.parse(withFlag).repairSql()).isTrue();
    withFlag.set(withFlag.size() - 1, "--repair-sql=yes");
    assertThatThrownBy(() -> VerifyOptions.parse(withFlag))
        .hasMessageContaining("--repair-sql takes no value");
  }

  private static RepairOptions parse(String... args) {
    return RepairCommand.parse(List.of(args));
  }
}
