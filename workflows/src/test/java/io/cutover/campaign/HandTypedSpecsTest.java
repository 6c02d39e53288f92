package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.CampaignSpecs;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.SpecViolation;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpecs;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Specs typed by hand, as the Temporal UI's start dialog sends them, read by the product's data
 * converter: the CLI's defaults are filled into one that needs them, and a spec that keeps every
 * rule is read exactly as written.
 */
class HandTypedSpecsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataConverter CONVERTER = OperatorPayloadConverter.dataConverter();

    private static final String MINIMAL = """
            {"campaignId": "sales-typed",
             "target": {"instanceId": "0a3182607bc549bcb46cc9a8755761a6in04"},
             "source": {"bucket": "sales-backups", "prefix": "sql01/sales/",
                        "fullBackup": "sql01/sales/SQL01_Sales_FULL_20261204_000000.bak", "database": "Sales"}}
            """;

    private static <T> T read(String json, Class<T> type) throws Exception {
        Payload payload = CONVERTER.toPayload(JSON.readTree(json)).orElseThrow();
        return CONVERTER.fromPayload(payload, type, type);
    }

    @Test
    void theReadmesMinimalSpecGetsTheDefaultsTheCliWouldFill() throws Exception {
        CampaignSpec spec = read(MINIMAL, CampaignSpec.class);

        assertEquals(List.of(), CampaignSpecValidator.validate(spec));
        assertEquals(CampaignSpec.Mode.FULL_AND_INCREMENTAL, spec.mode());
        assertEquals(CampaignSpecs.DEFAULT_TIMING, spec.timing());
        assertEquals(CampaignSpecs.DEFAULT_RESTORE, spec.restore());
        assertEquals(
                NamingSpec.Convention.OLA_HALLENGREN, spec.source().naming().convention());
        assertEquals("drs-staging/sales-typed/", spec.source().stagingPrefix());
        assertEquals("sales-typed", spec.jobNamePrefix());
    }

    @Test
    void aSpecThatKeepsEveryRuleIsReadAsWrittenEvenWithFieldsLeftOut() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.valueToTree(TestCampaigns.fullAndIncremental("sales-kept", "full.bak"));
        // A null naming means "plan by the backups' headers only", and tags may be left out: a
        // spec that keeps every rule gets neither filled.
        ((ObjectNode) tree.get("source")).putNull("naming");
        tree.remove("tags");

        CampaignSpec spec = read(tree.toString(), CampaignSpec.class);

        assertEquals(List.of(), CampaignSpecValidator.validate(spec));
        assertNull(spec.source().naming(), "a naming written as null stays null");
        assertNull(spec.tags(), "nothing is filled into a spec that keeps every rule");
    }

    @Test
    void aSpecWithAnotherMistakeIsStillRefusedForItAloneOnceItsDefaultsAreFilled() throws Exception {
        CampaignSpec spec = read(MINIMAL.replace("sales-typed", "sales typed!"), CampaignSpec.class);

        List<String> fields = CampaignSpecValidator.validate(spec).stream()
                .map(SpecViolation::field)
                .toList();
        assertEquals(List.of("campaignId"), fields, "only the real mistake, not the defaults left out");
    }

    @Test
    void aWaveTypedByHandGetsItsDefaultsSectionFilled() throws Exception {
        String wave = """
                {"waveId": "erp-typed",
                 "defaults": {"target": {"instanceId": "0a3182607bc549bcb46cc9a8755761a6in04"},
                              "source": {"bucket": "erp-backups"}},
                 "members": [{"database": "Orders", "prefix": "erp/orders/",
                              "fullBackup": "erp/orders/SQL01_Orders_FULL_20261204_000000.bak"}]}
                """;

        WaveSpec spec = read(wave, WaveSpec.class);

        assertEquals(List.of(), WaveSpecs.validate(spec));
        CampaignSpec member = WaveSpecs.members(spec).get(0);
        assertEquals(CampaignSpecs.DEFAULT_TIMING, member.timing());
        assertTrue(member.jobNamePrefix().startsWith("erp-typed"), member.jobNamePrefix());
    }
}
