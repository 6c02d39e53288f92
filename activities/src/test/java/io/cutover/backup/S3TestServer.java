package io.cutover.backup;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-protocol server on 127.0.0.1 (s3proxy), reached through the OBS SDK with S3 V2 signing
 * and path-style addressing as the worker would reach OBS.
 */
public final class S3TestServer implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final BlobStore blobs;
    private final int port;

    private S3TestServer(S3Proxy proxy, BlobStore blobs, int port) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.port = port;
    }

    /** Starts on a free port with objects in memory. */
    public static S3TestServer start() throws Exception {
        return start(new TransientNio2BlobStore(), 0);
    }

    /** Starts on the given port (0: a free one) with objects in a folder, which a restart keeps. */
    public static S3TestServer startOnDisk(Path folder, int port) throws Exception {
        return start(new FilesystemNio2BlobStore(folder.toString()), port);
    }

    /**
     * The store as s3proxy serves it, its listings without the uploads still under way: its nio2
     * stores write each upload to a file named after the key, "-" and a UUID, then move it into
     * place, and a listing made meanwhile showed that file as an object (a campaign's ledger then
     * recorded it as an unusable name), which OBS never does: it lists whole objects only.
     */
    private static final class WholeObjects extends ForwardingBlobStore {
        private static final Pattern UPLOADING =
                Pattern.compile(".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

        WholeObjects(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public ListObjectsV2Response list(ListObjectsV2Request request) {
            ListObjectsV2Response listed = super.list(request);
            List<S3Object> whole = listed.contents().stream()
                    .filter(object -> !UPLOADING.matcher(object.key()).matches())
                    .toList();
            return whole.size() == listed.contents().size()
                    ? listed
                    : listed.toBuilder().contents(whole).keyCount(whole.size()).build();
        }
    }

    private static S3TestServer start(BlobStore store, int port) throws Exception {
        BlobStore blobs = new WholeObjects(store);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
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
        return new S3TestServer(proxy, blobs, proxy.getPort());
    }

    public int port() {
        return port;
    }

    /** Store settings for this server. */
    public ObsStoreConfig config() {
        return ObsStoreConfig.builder("http://127.0.0.1:" + port, ACCESS_KEY, SECRET_KEY)
                .region("local")
                .pathStyle(true)
                .signature(ObsStoreConfig.Signature.V2)
                .retries(0, 30_000)
                .build();
    }

    public void createBucket(String bucket) {
        blobs.createContainer(bucket);
    }

    /** Puts an object straight into the blob store: seeding 100,000 objects over HTTP is slow. */
    public void seed(String bucket, String key, byte[] content) {
        blobs.putBlob(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentLength((long) content.length)
                        .build(),
                new ByteArrayInputStream(content));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
