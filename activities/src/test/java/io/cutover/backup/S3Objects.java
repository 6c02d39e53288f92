package io.cutover.backup;

import com.obs.services.ObsClient;
import com.obs.services.model.ObsObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seeds and reads objects on the test S3 server through the OBS SDK. */
final class S3Objects {

  private S3Objects() {}

  static ObsClient client(ObsStoreConfig config) {
    return ObsBackupStore.newClient(config);
  }

  static void put(ObsClient client, String bucket, String key, String content) {
    put(client, bucket, key, content.getBytes(StandardCharsets.UTF_8));
  }

  static void put(ObsClient client, String bucket, String key, byte[] content) {
    client.putObject(bucket, key, new ByteArrayInputStream(content));
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
