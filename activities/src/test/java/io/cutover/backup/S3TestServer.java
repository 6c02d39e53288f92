package io.cutover.backup;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-protocol server on 127.0.0.1 (s3proxy with an in-memory blob store), reached through
 * the OBS SDK with S3 V2 signing and path-style addressing as a test would reach OBS.
 */
final class S3TestServer implements AutoCloseable {

  static final String ACCESS_KEY = "test-access-key";
  static final String SECRET_KEY = "test-secret-key-0123456789";

  private final S3Proxy proxy;
  private final int port;

  private S3TestServer(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  /** Starts on a free port. */
  static S3TestServer start() throws Exception {
    return startOn(0);
  }

  /** Starts on the given port (a restarted server keeps its address, not its objects). */
  static S3TestServer startOn(int port) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3TestServer(proxy, proxy.getPort());
  }

  int port() {
    return port;
  }

  /** Store settings for this server: small parts so that a test can copy in several parts. */
  ObsStoreConfig config() {
    return ObsStoreConfig.of("http://127.0.0.1:" + port, "local", ACCESS_KEY, SECRET_KEY, null)
        .withPathStyle(true)
        .withSignature(ObsStoreConfig.Signature.V2)
        .withRetries(0, 5_000);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
