package io.cutover.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.cutover.spec.CampaignSpec;
import io.cutover.spec.CampaignSpecValidator;
import io.cutover.spec.SpecDefaults;
import io.cutover.spec.WaveSpec;
import io.cutover.spec.WaveSpecs;
import io.temporal.api.common.v1.Payload;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Campaign and wave specs typed by hand where the CLI never saw them: the Temporal UI's start
 * dialog, {@code temporal workflow start --input}. The CLI fills the defaults a spec may leave out
 * ({@link SpecDefaults}) before it starts anything; a spec typed elsewhere gets the same ones when
 * the worker reads it, so that the minimal spec of the README starts a campaign from the UI too.
 *
 * <p>Only a spec that breaks a rule as it stands is filled. Every spec the CLI sends keeps every
 * rule, and so does every running campaign's (it was checked when it started): those are read as
 * they were written, so that no recorded history reads differently now, not even a field that
 * was added since and reads as zero there.
 */
final class HandTypedSpecs {

    /** The payloads filled here. */
    static final Set<Class<?>> TYPES = Set.of(CampaignSpec.class, WaveSpec.class);

    private static final ObjectMapper TREES = new ObjectMapper();

    private HandTypedSpecs() {}

    /** Whether the spec, as read, keeps every rule (then it is taken as it is). */
    static boolean keepsEveryRule(Object spec) {
        if (spec instanceof CampaignSpec campaign) {
            return CampaignSpecValidator.validate(campaign).isEmpty();
        }
        if (spec instanceof WaveSpec wave) {
            return WaveSpecs.validate(wave).isEmpty();
        }
        return true;
    }

    /** The payload with the defaults it leaves out filled, or empty when it leaves none out. */
    static Optional<Payload> withDefaults(Payload content, Class<?> type) {
        JsonNode tree;
        try {
            tree = TREES.readTree(content.getData().toByteArray());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!(tree instanceof ObjectNode spec)) {
            return Optional.empty();
        }
        List<String> filled =
                type == WaveSpec.class ? SpecDefaults.applyToWave(spec) : SpecDefaults.applyToCampaign(spec);
        if (filled.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(content.toBuilder()
                    .setData(ByteString.copyFrom(TREES.writeValueAsBytes(spec)))
                    .build());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
