package io.cutover.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.spec.SpecShape;
import io.cutover.spec.SpecViolation;
import io.cutover.wave.WaveCutoverRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Temporal's JSON payload converter, except for what operators type by hand in the Temporal UI or
 * CLI (cutover, skip and abort requests): such a payload is judged field by field first
 * ({@link SpecShape}), and one that does not fit reaches its handler as a blank request whose
 * reason, in plain words, {@link UnreadablePayloads} holds. An update is then refused with that
 * reason; a signal, which cannot answer, is named in the status and the UI summary. A campaign or
 * wave spec that breaks a rule as it stands gets the CLI's defaults first ({@link HandTypedSpecs}).
 * Every other payload is converted as Temporal's own converter does.
 */
public final class OperatorPayloadConverter extends JacksonJsonPayloadConverter {

    /** The requests operators type. */
    static final Set<Class<?>> OPERATOR_REQUESTS =
            Set.of(CutoverRequest.class, SkipRequest.class, AbortRequest.class, WaveCutoverRequest.class);

    private static final ObjectMapper TREES = new ObjectMapper();

    /** The converter every client and worker of the product uses (before any codec). */
    public static DataConverter dataConverter() {
        return DefaultDataConverter.newDefaultInstance().withPayloadConverterOverrides(new OperatorPayloadConverter());
    }

    @Override
    public <T> T fromData(Payload content, Class<T> valueClass, Type valueType) {
        if (HandTypedSpecs.TYPES.contains(valueClass)) {
            T spec = super.fromData(content, valueClass, valueType);
            if (HandTypedSpecs.keepsEveryRule(spec)) {
                return spec;
            }
            return HandTypedSpecs.withDefaults(content, valueClass)
                    .map(filled -> super.fromData(filled, valueClass, valueType))
                    .orElse(spec);
        }
        if (!OPERATOR_REQUESTS.contains(valueClass)) {
            return super.fromData(content, valueClass, valueType);
        }
        JsonNode tree;
        try {
            tree = TREES.readTree(content.getData().toByteArray());
        } catch (IOException e) {
            return UnreadablePayloads.mark(blank(valueClass), "not JSON");
        }
        List<SpecViolation> problems = SpecShape.check(valueClass, tree);
        if (!problems.isEmpty()) {
            String why = problems.stream().map(SpecViolation::toString).collect(Collectors.joining("; "));
            return UnreadablePayloads.mark(blank(valueClass), why);
        }
        return super.fromData(content, valueClass, valueType);
    }

    /** The request with every field empty: it stands for the payload that could not be read. */
    private static <T> T blank(Class<T> type) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(types)
                .map(t -> t == boolean.class ? (Object) false : null)
                .toArray();
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a blank " + type.getSimpleName(), e);
        }
    }
}
