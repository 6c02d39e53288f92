package io.cutover.backup;

import com.obs.services.ObsClient;
import com.obs.services.model.ObjectMetadata;
import com.obs.services.model.ObsObject;
import com.obs.services.model.PutObjectRequest;
import com.obs.services.model.StorageClassEnum;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seeds and reads objects on the test S3 server through the OBS SDK. */
public final class S3Objects {

    private S3Objects() {}

    public static ObsClient client(ObsStoreConfig config) {
        return ObsBackupStore.newClient(config);
    }

    static void put(ObsClient client, String bucket, String key, String content) {
        put(client, bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    static void put(ObsClient client, String bucket, String key, byte[] content) {
        client.putObject(bucket, key, new ByteArrayInputStream(content));
    }

    /** Puts an object in a storage class other than STANDARD (s3proxy keeps the class). */
    public static void putInClass(
            ObsClient client, String bucket, String key, byte[] content, StorageClassEnum storageClass) {
        PutObjectRequest request = new PutObjectRequest(bucket, key, new ByteArrayInputStream(content));
        ObjectMetadata metadata = new ObjectMetadata();
        metadata.setObjectStorageClass(storageClass);
        request.setMetadata(metadata);
        client.putObject(request);
    }

    static byte[] get(ObsClient client, String bucket, String key) {
        ObsObject object = client.getObject(bucket, key);
        try (InputStream in = object.getObjectContent()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deterministic bytes, so that a failing test fails the same way again. */
    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
