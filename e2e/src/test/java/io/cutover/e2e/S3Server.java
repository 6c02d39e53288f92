package io.cutover.e2e;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-protocol server (s3proxy) in the test JVM on 127.0.0.1, its buckets the folders of
 * the bucket root: the worker lists, reads and copies objects through the OBS SDK as it would on
 * Huawei Cloud, while the simulator reads the same files from the folder.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "e2e-access-key";
    public static final String SECRET_KEY = "e2e-secret-key-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final S3Proxy proxy;
    private final BlobStore blobs;
    private final SlowListings listings;

    private S3Server(S3Proxy proxy, BlobStore blobs, SlowListings listings) {
        this.proxy = proxy;
        this.blobs = blobs;
        this.listings = listings;
    }

    /**
     * The store as s3proxy serves it: listings (V1 and V2 both end in {@code list}) answered only
     * after the delay in force, so that the worker's OBS client really waits, and without the
     * files of uploads still under way. s3proxy's filesystem store writes each upload to a file
     * named after the key and a random UUID, then moves it into place; a listing made meanwhile
     * would show that file as an object, which OBS never does (it lists whole objects only), and a
     * watch whose cursor passed it would skip the key itself once it lands, since the key sorts
     * before it.
     */
    private static final class SlowListings extends ForwardingBlobStore {
        private volatile Duration delay = Duration.ZERO;
        private final AtomicLong slowServed = new AtomicLong();
        private final AtomicLong served = new AtomicLong();

        SlowListings(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public ListObjectsV2Response list(ListObjectsV2Request request) {
            served.incrementAndGet();
            Duration wait = delay;
            if (!wait.isZero()) {
                Waits.pause(wait);
                slowServed.incrementAndGet();
            }
            ListObjectsV2Response listed = super.list(request);
            List<S3Object> whole = listed.contents().stream()
                    .filter(object -> !UPLOADING.matcher(object.key()).matches())
                    .toList();
            if (whole.size() == listed.contents().size()) {
                return listed;
            }
            return listed.toBuilder().contents(whole).keyCount(whole.size()).build();
        }
    }

    /** The name s3proxy's filesystem store gives an upload under way: its key, "-", a UUID. */
    private static final Pattern UPLOADING =
            Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Starts on a free port serving {@code bucketRoot}, with {@code bucket} created. */
    public static S3Server start(Path bucketRoot, String bucket) {
        FilesystemNio2BlobStore blobs = new FilesystemNio2BlobStore(bucketRoot.toString());
        SlowListings listings = new SlowListings(blobs);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(listings)
                .endpoint(URI.create("http://127.0.0.1:" + Waits.freePort()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        S3Server server = new S3Server(proxy, blobs, listings);
        Waits.until("s3proxy started", START_TIMEOUT, () -> "STARTED".equals(proxy.getState()));
        blobs.createContainer(bucket);
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /**
     * Uploads an object, as a backup job's upload would: through the store, which keeps its ETag
     * and times (a file dropped into the folder behind its back has neither).
     */
    public void put(String bucket, String key, byte[] content) {
        blobs.putBlob(
                PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentLength((long) content.length)
                        .build(),
                new ByteArrayInputStream(content));
    }

    /** The content of an object; the caller closes the stream. */
    public InputStream open(String bucket, String key) {
        return blobs.getBlob(bucket, key);
    }

    /**
     * Stops serving for {@code outage}, then serves again on the same port: the worker's listings
     * and copies fail meanwhile, as they would while OBS is unreachable.
     */
    public void interrupt(Duration outage) throws Exception {
        proxy.stop();
        Waits.pause(outage);
        proxy.start();
        Waits.until("s3proxy started again", START_TIMEOUT, () -> "STARTED".equals(proxy.getState()));
    }

    /**
     * From now on every object listing is answered {@code delay} late (zero: at once again), as an
     * overloaded OBS would; uploads, reads and copies are not slowed.
     */
    public void slowListings(Duration delay) {
        listings.delay = delay;
    }

    /** Listing requests served since the start: what a campaign's bucket watch costs. */
    public long listingsServed() {
        return listings.served.get();
    }

    /** Listings answered late so far. */
    public long slowListingsServed() {
        return listings.slowServed.get();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
