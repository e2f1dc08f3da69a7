package io.pgparity.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.pgparity.connect.UpwardImportFixture;
import org.junit.jupiter.api.Test;

/**
 * The package layers a reader can rely on, bottom to top: shared types (verdict and exit code, the
 * error type, the table reference, the version, atomic files); the job file's configuration; the
 * engine (connections, catalog, key space, hashing, live replica handling, guards, compare); the
 * features built on it (reports, audit, evidence, metrics, masking, repair, shards, the terminal
 * line); the Spring Batch job; the commands; the entry point. Demo and bench sit beside the
 * product: they use it, nothing in it uses them. A layer may use only the layers below it, and no
 * two packages may depend on each other in a cycle.
 */
class LayersTests {

  private static final JavaClasses PRODUCT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.pgparity");

  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Shared")
          .definedBy(
              "io.pgparity.verdict..",
              "io.pgparity.failure..",
              "io.pgparity.table..",
              "io.pgparity.finding..",
              "io.pgparity.version..",
              "io.pgparity.files..")
          .layer("Config")
          .definedBy("io.pgparity.config..")
          .layer("Engine")
          .definedBy(
              "io.pgparity.connect..",
              "io.pgparity.catalog..",
              "io.pgparity.keyspace..",
              "io.pgparity.hashing..",
              "io.pgparity.live..",
              "io.pgparity.guard..",
              "io.pgparity.compare..",
              "io.pgparity.sequence..",
              "io.pgparity.schemadiff..",
              "io.pgparity.discovery..")
          .layer("Features")
          .definedBy(
              "io.pgparity.mask..",
              "io.pgparity.report..",
              "io.pgparity.audit..",
              "io.pgparity.evidence..",
              "io.pgparity.metrics..",
              "io.pgparity.progress..",
              "io.pgparity.repair..",
              "io.pgparity.shard..",
              "io.pgparity.terminal..")
          .layer("Job")
          .definedBy("io.pgparity.job..")
          .layer("Commands")
          .definedBy("io.pgparity.cli..")
          .layer("Entry")
          .definedBy("io.pgparity")
          .layer("Tools")
          .definedBy("io.pgparity.demo..", "io.pgparity.bench..")
          .whereLayer("Shared")
          .mayNotAccessAnyLayer()
          .whereLayer("Config")
          .mayOnlyAccessLayers("Shared")
          .whereLayer("Engine")
          .mayOnlyAccessLayers("Shared", "Config")
          .whereLayer("Features")
          .mayOnlyAccessLayers("Shared", "Config", "Engine")
          .whereLayer("Job")
          .mayOnlyAccessLayers("Shared", "Config", "Engine", "Features")
          .whereLayer("Commands")
          .mayOnlyAccessLayers("Shared", "Config", "Engine", "Features", "Job")
          .whereLayer("Tools")
          .mayOnlyBeAccessedByLayers("Entry", "Tools")
          .whereLayer("Entry")
          .mayNotBeAccessedByAnyLayer();

  static final ArchRule NO_CYCLES =
      slices().matching("io.pgparity.(*)..").should().beFreeOfCycles();

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() {
    assertThat(PRODUCT.size()).as("classes imported").isGreaterThan(200);
    LAYERS.check(PRODUCT);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    NO_CYCLES.check(PRODUCT);
  }

  @Test
  void anUpwardImportFromTheEngineFailsBothRules() {
    JavaClasses withUpwardImport =
        new ClassFileImporter()
            .withImportOption(
                location ->
                    !location.contains("/test-classes/")
                        || location.contains(UpwardImportFixture.class.getSimpleName()))
            .importPackages("io.pgparity");

    assertThatThrownBy(() -> LAYERS.check(withUpwardImport))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(UpwardImportFixture.class.getName())
        .hasMessageContaining("io.pgparity.job.");
    assertThatThrownBy(() -> NO_CYCLES.check(withUpwardImport))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }
}
