package io.cutover.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.spec.CampaignSpecValidator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JobNamesTest {

    private static final String KEY = "sql01/sales/SQL01_Sales_LOG_20260101_001000.trn";

    @Test
    void theSameCampaignFileSequenceAndAttemptAlwaysGiveTheSameName() {
        assertEquals(JobNames.of("sales", "c1", null, KEY, 7, 1), JobNames.of("sales", "c1", null, KEY, 7, 1));
    }

    @Test
    void anotherRunOfTheSameCampaignIdGetsOtherNamesAndCampaignsWithoutARunIdentityKeepTheirs() {
        String before = JobNames.of("sales", "c1", null, KEY, 7, 1);
        String run1 = JobNames.of("sales", "c1", "0a1b2c3d4e5f", KEY, 7, 1);
        String run2 = JobNames.of("sales", "c1", "9f8e7d6c5b4a", KEY, 7, 1);

        assertNotEquals(run1, run2, "a campaign started again under the same id must not find the earlier run's jobs");
        assertNotEquals(before, run1);
        assertEquals(before.length(), run1.length(), "the name's shape is unchanged");
        assertEquals(run1, JobNames.of("sales", "c1", "0a1b2c3d4e5f", KEY, 7, 1), "and stays deterministic");
    }

    @Test
    void aRetryACampaignAndAFileEachChangeTheName() {
        String name = JobNames.of("sales", "c1", null, KEY, 7, 1);
        assertNotEquals(name, JobNames.of("sales", "c1", null, KEY, 7, 2), "a retry must create a new job");
        assertNotEquals(name, JobNames.of("sales", "c2", null, KEY, 7, 1), "two campaigns sharing a prefix stay apart");
        assertNotEquals(name, JobNames.of("sales", "c1", null, KEY + "x", 7, 1));
    }

    @Test
    void namesAlwaysFitDrsRulesEvenForExtremeNumbers() {
        String longestPrefix = "p".repeat(CampaignSpecValidator.MAX_JOB_NAME_PREFIX);
        for (String name : new String[] {
            JobNames.of("a", "c", null, KEY, 0, 1),
            JobNames.of(longestPrefix, "c", null, KEY, 999_999, 999),
            JobNames.of(longestPrefix, "c", null, KEY, Integer.MAX_VALUE, Integer.MAX_VALUE)
        }) {
            assertTrue(name.matches("[A-Za-z0-9_-]{4,50}"), name);
        }
        assertNotEquals(
                JobNames.of(longestPrefix, "c", null, KEY, Integer.MAX_VALUE, Integer.MAX_VALUE),
                JobNames.of(longestPrefix, "c", null, KEY, Integer.MAX_VALUE, Integer.MAX_VALUE - 1),
                "the long form stays unique");
    }
}
