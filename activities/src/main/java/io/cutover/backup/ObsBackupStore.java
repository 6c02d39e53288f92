package io.cutover.backup;

import com.obs.services.ObsClient;
import com.obs.services.ObsConfiguration;
import com.obs.services.exception.ObsException;
import com.obs.services.model.AbortMultipartUploadRequest;
import com.obs.services.model.AuthTypeEnum;
import com.obs.services.model.CompleteMultipartUploadRequest;
import com.obs.services.model.CopyPartRequest;
import com.obs.services.model.GetObjectRequest;
import com.obs.services.model.InitiateMultipartUploadRequest;
import com.obs.services.model.ListObjectsRequest;
import com.obs.services.model.ObjectListing;
import com.obs.services.model.ObjectMetadata;
import com.obs.services.model.ObsObject;
import com.obs.services.model.PartEtag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OBS through Huawei's official Java SDK (shaded, so its okhttp and Jackson do not meet ours). It
 * speaks OBS's own protocol or the S3 one, which the tests use against an S3 server.
 */
public final class ObsBackupStore implements BackupStore {

    private static final Logger log = LoggerFactory.getLogger(ObsBackupStore.class);

    private static final int RANGE_NOT_SATISFIABLE = 416;
    private static final int NOT_FOUND = 404;

    private final ObsClient client;
    private final ObsStoreConfig config;

    public ObsBackupStore(ObsStoreConfig config) {
        this.config = config;
        this.client = newClient(config);
    }

    /** An SDK client for the settings; package-private so that tests can seed objects with it. */
    static ObsClient newClient(ObsStoreConfig config) {
        ObsConfiguration obs = new ObsConfiguration();
        obs.setEndPoint(config.endpoint());
        obs.setPathStyle(config.pathStyle());
        obs.setAuthType(
                switch (config.signature()) {
                    case OBS -> AuthTypeEnum.OBS;
                    case V2 -> AuthTypeEnum.V2;
                    case V4 -> AuthTypeEnum.V4;
                });
        // The signature is configured, not guessed: negotiation costs a request per bucket.
        obs.setAuthTypeNegotiation(false);
        obs.setValidateCertificate(config.verifyCertificates());
        obs.setMaxErrorRetry(config.maxErrorRetry());
        obs.setConnectionTimeout(config.timeoutMillis());
        obs.setSocketTimeout(config.timeoutMillis());
        if (config.region() != null) {
            obs.setDefaultBucketLocation(config.region());
        }
        return config.securityToken() == null
                ? new ObsClient(config.accessKey(), config.secretKey(), obs)
                : new ObsClient(config.accessKey(), config.secretKey(), config.securityToken(), obs);
    }

    @Override
    public ObjectPage list(String bucket, String prefix, String marker, int maxKeys) {
        ListObjectsRequest request = new ListObjectsRequest(bucket);
        request.setPrefix(prefix == null || prefix.isEmpty() ? null : prefix);
        request.setMarker(marker);
        request.setMaxKeys(Math.min(maxKeys, MAX_PAGE));
        ObjectListing listing = call("list " + bucket + "/" + prefix, () -> client.listObjects(request));
        List<StoredObject> objects = new ArrayList<>();
        for (ObsObject object : listing.getObjects()) {
            objects.add(toStored(object.getObjectKey(), object.getMetadata()));
        }
        String next = listing.getNextMarker();
        if (listing.isTruncated() && (next == null || next.isEmpty()) && !objects.isEmpty()) {
            // S3 gives NextMarker only with a delimiter: the last key is the marker then.
            next = objects.get(objects.size() - 1).key();
        }
        return new ObjectPage(objects, listing.isTruncated(), next);
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        try {
            ObjectMetadata metadata = client.getObjectMetadata(bucket, key);
            return Optional.of(toStored(key, metadata));
        } catch (ObsException e) {
            if (e.getResponseCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw translate("head " + bucket + "/" + key, e);
        }
    }

    @Override
    public byte[] readFirstBytes(String bucket, String key, int count) {
        if (count <= 0) {
            return new byte[0];
        }
        GetObjectRequest request = new GetObjectRequest(bucket, key);
        request.setRangeStart(0L);
        request.setRangeEnd((long) count - 1);
        try {
            ObsObject object = client.getObject(request);
            try (InputStream in = object.getObjectContent()) {
                return in.readNBytes(count);
            }
        } catch (ObsException e) {
            // A ranged read of an empty object has no satisfiable range: it has no first bytes.
            if (e.getResponseCode() == RANGE_NOT_SATISFIABLE) {
                return new byte[0];
            }
            throw translate("read " + bucket + "/" + key, e);
        } catch (IOException e) {
            throw new BackupStoreException("OBS: cannot read " + bucket + "/" + key + ": " + e, true, e);
        }
    }

    @Override
    public void copy(String bucket, String sourceKey, String targetKey) {
        String what = "copy " + bucket + "/" + sourceKey + " to " + targetKey;
        long size = head(bucket, sourceKey)
                .orElseThrow(() -> new BackupStoreException("OBS: cannot " + what + ": no such object", false, null))
                .size();
        if (size <= config.multipartCopyThresholdBytes()) {
            call(what, () -> client.copyObject(bucket, sourceKey, bucket, targetKey));
        } else {
            copyInParts(bucket, sourceKey, targetKey, size, what);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        call("write " + bucket + "/" + key, () -> client.putObject(bucket, key, new ByteArrayInputStream(content)));
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            ObsObject object = client.getObject(bucket, key);
            try (InputStream in = object.getObjectContent()) {
                return Optional.of(in.readAllBytes());
            }
        } catch (ObsException e) {
            if (e.getResponseCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw translate("read " + bucket + "/" + key, e);
        } catch (IOException e) {
            throw new BackupStoreException("OBS: cannot read " + bucket + "/" + key + ": " + e, true, e);
        }
    }

    /** Objects over 5 GB cannot be copied in one request: each part is copied server-side. */
    private void copyInParts(String bucket, String sourceKey, String targetKey, long size, String what) {
        String uploadId = call(
                        what,
                        () -> client.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, targetKey)))
                .getUploadId();
        try {
            List<PartEtag> parts = new ArrayList<>();
            int partNumber = 1;
            for (long start = 0; start < size; start += config.copyPartBytes(), partNumber++) {
                CopyPartRequest part = new CopyPartRequest(uploadId, bucket, sourceKey, bucket, targetKey, partNumber);
                part.setByteRangeStart(start);
                part.setByteRangeEnd(Math.min(size, start + config.copyPartBytes()) - 1);
                parts.add(new PartEtag(call(what, () -> client.copyPart(part)).getEtag(), partNumber));
            }
            log.info("Copied {} in {} parts", sourceKey, parts.size());
            call(
                    what,
                    () -> client.completeMultipartUpload(
                            new CompleteMultipartUploadRequest(bucket, targetKey, uploadId, parts)));
        } catch (BackupStoreException e) {
            abortQuietly(bucket, targetKey, uploadId);
            throw e;
        }
    }

    private void abortQuietly(String bucket, String key, String uploadId) {
        try {
            client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, key, uploadId));
        } catch (ObsException e) {
            // The failed copy is what the caller must hear about; OBS expires abandoned parts itself.
            log.warn("Could not abort multipart copy to {}: {}", key, e.getErrorCode());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            log.warn("Closing the OBS client failed: {}", e.toString());
        }
    }

    static StoredObject toStored(String key, ObjectMetadata metadata) {
        Long length = metadata.getContentLength();
        Instant modified = metadata.getLastModified() == null
                ? Instant.EPOCH
                : metadata.getLastModified().toInstant();
        String storageClass = metadata.getObjectStorageClass() != null
                ? metadata.getObjectStorageClass().getCode()
                : metadata.getStorageClass();
        // OBS lists an object only once its upload completed, except an appendable object, which
        // grows with each append while listed: it settles like a file in a folder.
        return new StoredObject(
                key, length == null ? 0 : length, metadata.getEtag(), modified, storageClass, !metadata.isAppendable());
    }

    private interface ObsCall<T> {
        T run();
    }

    private static <T> T call(String what, ObsCall<T> call) {
        try {
            return call.run();
        } catch (ObsException e) {
            throw translate(what, e);
        }
    }

    /**
     * No answer at all (the server is down), a server error, a timeout or throttling is worth trying
     * again; any other refusal (no such bucket, access denied) is not.
     */
    private static BackupStoreException translate(String what, ObsException e) {
        int status = e.getResponseCode();
        boolean transientFailure = status <= 0 || status >= 500 || status == 408 || status == 429;
        String detail = status <= 0
                ? "no answer (" + rootCause(e) + ")"
                : "HTTP " + status + " " + e.getErrorCode() + " " + e.getErrorMessage();
        return new BackupStoreException("OBS: cannot " + what + ": " + detail, transientFailure, e);
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
