package io.cutover.campaign;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/**
 * The search attributes a campaign keeps current, for the Temporal UI's list. The worker checks
 * at start that the namespace defines them (an unknown attribute makes every workflow task fail
 * while the workflow still shows RUNNING); the CLI lists campaigns by them.
 */
public final class CampaignSearchAttributes {

    /** The campaign's {@link Phase}, by name. */
    public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("CampaignPhase");

    /** The RDS instance restored into. */
    public static final SearchAttributeKey<String> TARGET_INSTANCE_ID =
            SearchAttributeKey.forKeyword("TargetInstanceId");

    /** How many log backups have been applied so far. */
    public static final SearchAttributeKey<Long> APPLIED_BACKUPS = SearchAttributeKey.forLong("AppliedBackups");

    /** The wave a member campaign belongs to: its members are listed by it. */
    public static final SearchAttributeKey<String> WAVE_ID = SearchAttributeKey.forKeyword("WaveId");

    /** Every attribute with the type a namespace must register it with. */
    public static final Map<String, IndexedValueType> DEFINITIONS = Map.of(
            PHASE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            TARGET_INSTANCE_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
            APPLIED_BACKUPS.getName(), IndexedValueType.INDEXED_VALUE_TYPE_INT,
            WAVE_ID.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    private CampaignSearchAttributes() {}
}
