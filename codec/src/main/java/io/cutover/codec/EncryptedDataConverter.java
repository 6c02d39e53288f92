package io.cutover.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;

/**
 * The {@link DataConverter} to put into {@code WorkflowClientOptions} on every client and worker
 * of a namespace whose payloads are encrypted: Temporal's standard converter with {@link
 * AesGcmPayloadCodec} behind it.
 *
 * <p>What passes through the codec: workflow and activity inputs and results, signal, query and
 * update arguments and results, memo, and (because failure attributes are encoded) failure
 * messages and stack traces, which the server then shows as "Encoded failure". What does not:
 * search attributes, which the server must read to index them; never put secrets there.
 */
public final class EncryptedDataConverter {

    private EncryptedDataConverter() {}

    /** A converter that encrypts with the ring's active key and decrypts with any of its keys. */
    public static DataConverter create(KeyRing keys) {
        return create(keys, DefaultDataConverter.STANDARD_INSTANCE);
    }

    /** As {@link #create(KeyRing)}, over another converter of values to payloads. */
    public static DataConverter create(KeyRing keys, DataConverter values) {
        // Failure messages and stack traces often quote inputs (database names, hosts, paths), so
        // they are encrypted as well; the server then only sees "Encoded failure".
        return new CodecDataConverter(values, List.of(new AesGcmPayloadCodec(keys)), true);
    }

    /**
     * A converter with the keys from {@value KeyRing#KEYS_VARIABLE} and/or {@value
     * KeyRing#KEYS_FILE_VARIABLE}.
     *
     * @param env the process environment ({@code System.getenv()} outside tests)
     */
    public static DataConverter fromEnvironment(Map<String, String> env) {
        return create(KeyRing.fromEnvironment(env));
    }

    /** As {@link #fromEnvironment(Map)}, over another converter of values to payloads. */
    public static DataConverter fromEnvironment(Map<String, String> env, DataConverter values) {
        return create(KeyRing.fromEnvironment(env), values);
    }
}
