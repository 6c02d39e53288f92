package io.cutover.worker;

import io.cutover.campaign.CampaignSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that the namespace has the campaign's search attributes. Without them the
 * workflow's first upsert fails its workflow task over and over while the campaign still shows
 * RUNNING, which nobody notices until the cutover night: better to refuse to start and say how to
 * create them.
 */
public final class SearchAttributeCheck {

    private static final Logger log = LoggerFactory.getLogger(SearchAttributeCheck.class);

    /** The search attributes the campaign workflow sets, with their types, in a stable order. */
    public static final Map<String, IndexedValueType> REQUIRED =
            Collections.unmodifiableMap(new TreeMap<>(CampaignSearchAttributes.DEFINITIONS));

    private SearchAttributeCheck() {}

    /**
     * Fails when an attribute is missing or has another type.
     *
     * @param address the frontend address, only used in the suggested command
     * @throws IllegalStateException naming what is wrong and the command that fixes it
     */
    public static void verify(OperatorServiceStubs operator, String namespace, String address) {
        Map<String, IndexedValueType> present;
        try {
            present = operator.blockingStub()
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .build())
                    .getCustomAttributesMap();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
                throw e;
            }
            // Temporal's Java test server (the demo's) cannot list them; a real server always can.
            log.info(
                    "the Temporal server at {} cannot list search attributes (Temporal's Java test server);"
                            + " the campaign's attributes {} were not checked",
                    address,
                    REQUIRED.keySet());
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((name, type) -> {
            IndexedValueType actual = present.get(name);
            if (actual == null) {
                missing.add(name);
                problems.add(name + " is missing");
            } else if (actual != type) {
                problems.add(name + " is " + typeName(actual) + " but must be " + typeName(type));
            }
        });
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("namespace '")
                .append(namespace)
                .append("' lacks the campaign's search attributes: ")
                .append(String.join("; ", problems))
                .append('.');
        if (!missing.isEmpty()) {
            message.append(" Create them with:\n  ").append(createCommand(namespace, address, missing));
        }
        if (missing.size() < problems.size()) {
            message.append("\nAn attribute of the wrong type must be removed (temporal operator search-attribute"
                    + " remove) and created again with the right type.");
        }
        throw new IllegalStateException(message.toString());
    }

    /** The Temporal CLI command that creates the given attributes. */
    public static String createCommand(String namespace, String address, List<String> names) {
        StringBuilder command = new StringBuilder("temporal operator search-attribute create --address ")
                .append(address)
                .append(" --namespace ")
                .append(namespace);
        for (String name : names) {
            command.append(" --name ").append(name).append(" --type ").append(typeName(REQUIRED.get(name)));
        }
        return command.toString();
    }

    /** The type as the Temporal CLI spells it: Keyword, Int, ... */
    private static String typeName(IndexedValueType type) {
        String name = type.name().substring("INDEXED_VALUE_TYPE_".length());
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
