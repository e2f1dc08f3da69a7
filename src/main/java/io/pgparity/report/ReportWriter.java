package io.pgparity.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.pgparity.compare.Divergence;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a finished run's report files. summary.json goes last, so its presence means the folder is
 * complete; close the {@link DivergenceWriter} before calling {@link #writeAll}.
 */
public final class ReportWriter {

  private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

  private final SummaryJsonWriter summary = new SummaryJsonWriter();
  private final MarkdownReportWriter markdown = new MarkdownReportWriter();
  private final HtmlReportWriter html = new HtmlReportWriter();

  /** Writes report.md, report.html, then summary.json, into {@code result.runFolder()}. */
  public void writeAll(RunResult result, List<Divergence> sample) {
    checkNotNull(result, "result");
    Path folder = result.runFolder();
    checkArgument(
        folder != null,
        "run %s has no run folder; create one with RunFolder.create before writing its reports",
        result.run().runId());
    markdown.write(result, sample, folder.resolve(MarkdownReportWriter.FILE_NAME));
    html.write(result, sample, folder.resolve(HtmlReportWriter.FILE_NAME));
    summary.write(result, folder.resolve(SummaryJsonWriter.FILE_NAME));
    log.debug("wrote report.md, report.html and summary.json in {}", folder);
  }
}
