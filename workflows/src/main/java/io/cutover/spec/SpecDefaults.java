package io.cutover.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The values a spec may leave out, filled into the parsed file before it is read as a spec: the
 * ones the product already knows ({@link CampaignSpecs#DEFAULT_TIMING}, {@link
 * CampaignSpecs#DEFAULT_RESTORE}, Ola Hallengren's naming, the job name prefix made from the
 * campaign id), so that a campaign of the seed's full-and-incremental scenario needs only its id,
 * target instance, bucket, prefix, full backup and database. A field left out or written empty
 * ({@code cover:}) takes its default; what was filled is returned, for {@code --dry-run} to mark.
 */
public final class SpecDefaults {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The staging folder of a campaign that names none: beside its backups, under its own id. */
    static final String STAGING_ROOT = "drs-staging/";

    private SpecDefaults() {}

    /** Fills a campaign spec's defaults in place, with its own campaign id; the paths filled. */
    public static List<String> applyToCampaign(ObjectNode campaign) {
        return apply(campaign, campaign.path("campaignId").asText(null));
    }

    /**
     * Fills a wave spec's defaults section in place, with the wave's id; the paths filled, under
     * {@code defaults.}. A wave without a defaults section has nothing to fill.
     */
    public static List<String> applyToWave(ObjectNode wave) {
        if (!(wave.get("defaults") instanceof ObjectNode defaults)) {
            return List.of();
        }
        return apply(defaults, wave.path("waveId").asText(null)).stream()
                .map(path -> "defaults." + path)
                .toList();
    }

    /**
     * Fills a campaign spec's defaults in place.
     *
     * @param campaign the parsed campaign spec (or a wave's defaults section)
     * @param id the campaign id (or the wave id) the job name prefix and staging folder are made from
     * @return the paths filled, in the spec's order
     */
    public static List<String> apply(ObjectNode campaign, String id) {
        List<String> filled = new ArrayList<>();
        fill(campaign, "mode", JSON.valueToTree(CampaignSpec.Mode.FULL_AND_INCREMENTAL), "", filled);
        ObjectNode source = section(campaign, "source");
        if (source != null) {
            // Written as null, naming means "the backups' headers only": only a naming left out is filled.
            if (!source.has("naming")) {
                source.set("naming", JSON.valueToTree(new NamingSpec(NamingSpec.Convention.OLA_HALLENGREN, null)));
                filled.add("source.naming");
            }
            if (id != null) {
                fill(source, "stagingPrefix", JSON.valueToTree(STAGING_ROOT + id + "/"), "source.", filled);
            }
        }
        ObjectNode restore = sectionOrNew(campaign, "restore");
        boolean wholeRestore = !campaign.hasNonNull("restore") || restore.isEmpty();
        ObjectNode restoreDefaults = JSON.valueToTree(CampaignSpecs.DEFAULT_RESTORE);
        fillEach(restore, restoreDefaults, "restore.", filled);
        if (!restore.path("defaultRestore").asBoolean(true)
                && isEmptyList(restore.get("dbNames"))
                && source != null
                && source.hasNonNull("database")) {
            // DRS needs the databases to restore when it does not restore every one of the backup.
            restore.set(
                    "dbNames", JSON.createArrayNode().add(source.get("database").asText()));
            filled.add("restore.dbNames");
        }
        campaign.set("restore", restore);
        if (wholeRestore) {
            filled.removeIf(path -> path.startsWith("restore."));
            filled.add("restore");
        }
        if (id != null) {
            fill(campaign, "jobNamePrefix", JSON.valueToTree(CampaignSpecs.jobNamePrefix(id)), "", filled);
        }
        fill(campaign, "tags", JSON.createArrayNode(), "", filled);
        boolean wholeTiming = !campaign.hasNonNull("timing");
        ObjectNode timing = sectionOrNew(campaign, "timing");
        fillEach(timing, JSON.valueToTree(CampaignSpecs.DEFAULT_TIMING), "timing.", filled);
        campaign.set("timing", timing);
        if (wholeTiming) {
            filled.removeIf(path -> path.startsWith("timing."));
            filled.add("timing");
        }
        return filled;
    }

    private static void fill(ObjectNode node, String field, JsonNode value, String prefix, List<String> filled) {
        if (!node.hasNonNull(field)) {
            node.set(field, value);
            filled.add(prefix + field);
        }
    }

    private static void fillEach(ObjectNode node, ObjectNode defaults, String prefix, List<String> filled) {
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            fill(node, entry.getKey(), entry.getValue(), prefix, filled);
        }
    }

    private static ObjectNode section(ObjectNode node, String field) {
        JsonNode child = node.get(field);
        return child instanceof ObjectNode object ? object : null;
    }

    private static ObjectNode sectionOrNew(ObjectNode node, String field) {
        ObjectNode child = section(node, field);
        return child != null ? child : JSON.createObjectNode();
    }

    private static boolean isEmptyList(JsonNode node) {
        return node == null || node.isNull() || (node.isArray() && node.isEmpty());
    }
}
