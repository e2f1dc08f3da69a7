package io.pgparity.evidence;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of checking one run folder against its manifest: the problems found (none when
 * intact), how many listed files were compared, and what became of the signature.
 */
public record CheckReport(
    Path folder, int filesChecked, SignatureState signature, List<Problem> problems) {

  public CheckReport {
    checkNotNull(folder, "folder");
    checkNotNull(signature, "signature");
    problems = List.copyOf(problems);
  }

  /** Whether every listed file is there unchanged, nothing was added, and the signature holds. */
  public boolean intact() {
    return problems.isEmpty();
  }

  /** The last line {@code evidence check} prints. */
  public String verdict() {
    if (intact()) {
      String files = filesChecked + (filesChecked == 1 ? " file matches" : " files match");
      return signature == SignatureState.VERIFIED
          ? "INTACT: "
              + files
              + " "
              + Manifest.FILE_NAME
              + ", signature verified ("
              + Signature.HMAC_SHA256
              + "); "
              + folder
          : "INTACT: "
              + files
              + " "
              + Manifest.FILE_NAME
              + "; unsigned, so this proves the files match the manifest,"
              + " not who wrote it (set "
              + EvidenceKey.ENV_VAR
              + " when running verify to sign); "
              + folder;
    }
    Map<ProblemKind, Long> counts =
        problems.stream()
            .collect(
                Collectors.groupingBy(
                    Problem::kind, () -> new EnumMap<>(ProblemKind.class), Collectors.counting()));
    String byKind =
        counts.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().label().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    return "TAMPERED: "
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + " ("
        + byKind
        + ") in "
        + folder;
  }
}
