package io.pgparity.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgparity.compare.Divergence;
import io.pgparity.compare.DivergenceKind;
import io.pgparity.config.ConfigException;
import io.pgparity.config.JobDefinition;
import io.pgparity.config.MaskKey;
import io.pgparity.config.TableSpec;
import io.pgparity.config.Tuning;
import io.pgparity.config.connection.ConnectionSpec;
import io.pgparity.table.TableRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTests {

  private static final TableRef USERS = TableRef.parse("public.users");
  private static final TableRef EVENTS = TableRef.parse("public.events");
  private static final MaskKey KEY = MaskKey.of("a-test-key-of-32-characters-0001", "test");
  private static final Masker MASKER =
      Masker.of(List.of(masked(USERS, "password_hash", "token"), TableSpec.of(EVENTS)), KEY);

  @Test
  void replacesMaskedValuesOnBothSidesAndKeepsTheRest() {
    Divergence changed =
        new Divergence(
            USERS,
            Map.of("id", "7"),
            DivergenceKind.CHANGED,
            List.of("token", "email"),
            row("7", "a@example.com", "hash-7", "tok-old"),
            row("7", "b@example.com", "hash-7", "tok-new"));

    Divergence masked = MASKER.mask(changed);

    assertThat(masked.table()).isEqualTo(USERS);
    assertThat(masked.key()).isEqualTo(Map.of("id", "7"));
    assertThat(masked.kind()).isEqualTo(DivergenceKind.CHANGED);
    assertThat(masked.columns()).containsExactly("token", "email");
    assertThat(masked.primary())
        .containsExactly(
            Map.entry("id", "7"),
            Map.entry("email", "a@example.com"),
            Map.entry("password_hash", fingerprint("hash-7")),
            Map.entry("token", fingerprint("tok-old")));
    assertThat(masked.replica().get("email")).isEqualTo("b@example.com");
    assertThat(masked.replica().get("password_hash"))
        .as("equal values, equal fingerprints")
        .isEqualTo(masked.primary().get("password_hash"));
    assertThat(masked.replica().get("token"))
        .as("different values, different fingerprints")
        .isEqualTo(fingerprint("tok-new"))
        .isNotEqualTo(masked.primary().get("token"));
    assertThat(masked.toString()).doesNotContain("hash-7", "tok-old", "tok-new");
    assertThat(changed.primary().get("token"))
        .as("the original is untouched, for repair")
        .isEqualTo("tok-old");
  }

  @Test
  void nullStaysNullSoNullAgainstAValueStillShows() {
    Divergence changed =
        new Divergence(
            USERS,
            Map.of("id", "8"),
            DivergenceKind.CHANGED,
            List.of("token"),
            row("8", "c@example.com", null, null),
            row("8", "c@example.com", null, "tok-8"));

    Divergence masked = MASKER.mask(changed);

    assertThat(masked.primary()).containsEntry("token", null).containsEntry("password_hash", null);
    assertThat(masked.replica()).containsEntry("token", fingerprint("tok-8"));
  }

  @Test
  void masksTheOneSideOfMissingAndExtraRows() {
    Divergence missing =
        new Divergence(
            USERS,
            Map.of("id", "9"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            row("9", "d@example.com", "hash-9", "tok-9"),
            null);
    Divergence extra =
        new Divergence(
            USERS,
            Map.of("id", "10"),
            DivergenceKind.EXTRA_ON_REPLICA,
            List.of(),
            null,
            row("10", "e@example.com", "hash-10", "tok-9"));

    assertThat(MASKER.mask(missing).replica()).isNull();
    assertThat(MASKER.mask(missing).primary())
        .containsEntry("password_hash", fingerprint("hash-9"));
    assertThat(MASKER.mask(extra).primary()).isNull();
    assertThat(MASKER.mask(extra).replica().get("token"))
        .as("the same value in two rows")
        .isEqualTo(MASKER.mask(missing).primary().get("token"));
  }

  @Test
  void leavesTablesWithoutMaskedColumnsAsTheyAre() {
    Divergence event =
        new Divergence(
            EVENTS,
            Map.of("id", "1"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            Map.of("id", "1", "token", "visible"),
            null);

    assertThat(MASKER.mask(event)).isSameAs(event);
    assertThat(Masker.NONE.mask(event)).isSameAs(event);
    assertThat(MASKER.columns(USERS)).containsExactlyInAnyOrder("password_hash", "token");
    assertThat(MASKER.columns(EVENTS)).isEmpty();
  }

  @Test
  void describesColumnsAndKeySourceButNeverTheKey() {
    assertThat(MASKER.describe())
        .isEqualTo("public.users (password_hash, token); fingerprints keyed by test")
        .doesNotContain("a-test-key");
    assertThat(Masker.NONE.active()).isFalse();
    assertThat(MASKER.active()).isTrue();
  }

  @Test
  void aJobWithoutMaskedColumnsNeedsNoKey() {
    JobDefinition plain = job(List.of(TableSpec.of(USERS)), "UNSET_VARIABLE");

    assertThat(Masker.forJob(plain, Map.of())).isSameAs(Masker.NONE);
  }

  @Test
  void aJobWithMaskedColumnsIsKeyedByItsVariable() {
    JobDefinition masking = job(List.of(masked(USERS, "token")), "AUTH_MASK_KEY");
    Divergence missing =
        new Divergence(
            USERS,
            Map.of("id", "9"),
            DivergenceKind.MISSING_ON_REPLICA,
            List.of(),
            row("9", "d@example.com", "hash-9", "tok-9"),
            null);

    Masker masker =
        Masker.forJob(masking, Map.of("AUTH_MASK_KEY", "a-test-key-of-32-characters-0001"));

    assertThat(masker.mask(missing).primary())
        .containsEntry("token", fingerprint("tok-9"))
        .as("only the job's masked columns")
        .containsEntry("password_hash", "hash-9");
    assertThatThrownBy(() -> Masker.forJob(masking, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("mask-key-env names AUTH_MASK_KEY, which is not set");
  }

  private static String fingerprint(String value) {
    return Fingerprint.of(KEY, value).text();
  }

  private static TableSpec masked(TableRef table, String... columns) {
    return new TableSpec(table, List.of(), List.of(), List.of(), null, null, List.of(columns));
  }

  private static Map<String, String> row(
      String id, String email, String passwordHash, String token) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("email", email);
    row.put("password_hash", passwordHash);
    row.put("token", token);
    return row;
  }

  private static JobDefinition job(List<TableSpec> tables, String maskKeyEnv) {
    return new JobDefinition(
            "masking",
            new ConnectionSpec("jdbc:postgresql://db1/app", null),
            new ConnectionSpec("jdbc:postgresql://db2/app", null),
            tables,
            Tuning.defaults(),
            Path.of("out"),
            null)
        .withMaskKeyEnv(maskKeyEnv);
  }
}
