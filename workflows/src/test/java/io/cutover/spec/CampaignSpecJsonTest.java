package io.cutover.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specs travel as JSON (the CLI's files, the workflow's input): every field must survive. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CampaignSpecJsonTest {

    private static final DataConverter JSON = DefaultDataConverter.STANDARD_INSTANCE;

    @Test
    void everyScenarioRoundTripsThroughTemporalsJsonConverter() {
        for (CampaignSpec spec : new CampaignSpec[] {
            CampaignSpecValidatorTest.fullAndIncremental(),
            CampaignSpecValidatorTest.oneTimeFull(),
            CampaignSpecValidatorTest.rdsFull()
        }) {
            CampaignSpec back =
                    JSON.fromPayload(JSON.toPayload(spec).orElseThrow(), CampaignSpec.class, CampaignSpec.class);
            assertEquals(spec, back);
        }
    }
}
