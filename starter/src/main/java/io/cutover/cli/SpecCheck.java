package io.cutover.cli;

import io.cutover.spec.CampaignSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks a spec locally before anything is started, naming every field that breaks a rule. */
final class SpecCheck {
  private SpecCheck() {}

  static void requireValid(CampaignSpec spec, Path file) {
    List<String> violations = new ArrayList<>();
    if (spec.campaignId() == null || spec.campaignId().isBlank()) {
      violations.add("campaignId: is required");
    }
    if (spec.mode() == null) {
      violations.add("mode: is required (FULL_AND_INCREMENTAL, ONE_TIME_FULL or RDS_FULL)");
    }
    if (spec.target() == null) {
      violations.add("target: is required");
    }
    if (spec.source() == null) {
      violations.add("source: is required");
    }
    if (spec.restore() == null) {
      violations.add("restore: is required");
    }
    if (!violations.isEmpty()) {
      throw new CliFailure(
          CliFailure.REJECTED,
          file + ": invalid campaign spec:\n  " + String.join("\n  ", violations)
              + "\nfix the spec and run the command again; nothing was started");
    }
  }
}
