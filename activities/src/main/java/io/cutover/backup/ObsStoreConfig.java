package io.cutover.backup;

import java.net.URI;

/**
 * How to reach OBS. Immutable; {@link #toString()} never shows the keys.
 *
 * @param endpoint the endpoint URL, for example {@code
 *     https://obs.ap-southeast-1.myhuaweicloud.com}
 * @param region the region, for example {@code ap-southeast-1}
 * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 * @param accessKey the access key (AK)
 * @param secretKey the secret key (SK)
 * @param securityToken the security token of temporary credentials, or null
 * @param signature OBS (Huawei's own), V2 or V4 (the S3 signatures)
 * @param verifyCertificates whether TLS certificates are checked (only ever false in a lab)
 * @param multipartCopyThresholdBytes objects larger than this are copied part by part; a single
 *     copy request is limited to 5 GB
 * @param copyPartBytes the size of each part of a multipart copy
 * @param maxErrorRetry how often the SDK retries a failed request itself
 * @param timeoutMillis connect and read timeout of each request
 */
public record ObsStoreConfig(
        String endpoint,
        String region,
        boolean pathStyle,
        String accessKey,
        String secretKey,
        String securityToken,
        Signature signature,
        boolean verifyCertificates,
        long multipartCopyThresholdBytes,
        long copyPartBytes,
        int maxErrorRetry,
        int timeoutMillis) {

    /** Request signing. */
    public enum Signature {
        OBS,
        V2,
        V4
    }

    /** A single copy request takes objects up to 5 GB. */
    public static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;

    /** OBS's smallest part, except the last one. */
    public static final long MIN_PART_BYTES = 100L * 1024;

    public ObsStoreConfig {
        require(endpoint, "obs.endpoint");
        require(accessKey, "obs.accessKey");
        require(secretKey, "obs.secretKey");
        URI uri = URI.create(endpoint);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("obs.endpoint: must be an http(s) URL, got " + endpoint);
        }
        if (signature == null) {
            throw new IllegalArgumentException("obs.signature: is required (OBS, V2 or V4)");
        }
        if (multipartCopyThresholdBytes < 1 || multipartCopyThresholdBytes > MAX_SINGLE_COPY_BYTES) {
            throw new IllegalArgumentException(
                    "obs.multipartCopyThresholdBytes: must be between 1 and 5 GB, got " + multipartCopyThresholdBytes);
        }
        if (copyPartBytes < MIN_PART_BYTES || copyPartBytes > MAX_SINGLE_COPY_BYTES) {
            throw new IllegalArgumentException(
                    "obs.copyPartBytes: must be between 100 KB and 5 GB, got " + copyPartBytes);
        }
        if (maxErrorRetry < 0 || timeoutMillis < 1) {
            throw new IllegalArgumentException(
                    "obs.maxErrorRetry and obs.timeoutMillis: must not be negative, timeout at least 1 ms");
        }
    }

    /**
     * Settings for Huawei Cloud OBS with its defaults: virtual-host addressing, the OBS signature,
     * checked certificates, single copies up to 5 GB, 1 GB parts, 3 SDK retries, 30 s timeouts.
     */
    public static Builder builder(String endpoint, String accessKey, String secretKey) {
        return new Builder(endpoint, accessKey, secretKey);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder(endpoint, accessKey, secretKey)
                .region(region)
                .pathStyle(pathStyle)
                .securityToken(securityToken)
                .signature(signature)
                .verifyCertificates(verifyCertificates)
                .multipartCopy(multipartCopyThresholdBytes, copyPartBytes)
                .retries(maxErrorRetry, timeoutMillis);
    }

    /** Builds the settings; {@link #build()} checks them. */
    public static final class Builder {
        private final String endpoint;
        private final String accessKey;
        private final String secretKey;
        private String region;
        private boolean pathStyle;
        private String securityToken;
        private Signature signature = Signature.OBS;
        private boolean verifyCertificates = true;
        private long multipartCopyThresholdBytes = MAX_SINGLE_COPY_BYTES;
        private long copyPartBytes = 1024L * 1024 * 1024;
        private int maxErrorRetry = 3;
        private int timeoutMillis = 30_000;

        private Builder(String endpoint, String accessKey, String secretKey) {
            this.endpoint = endpoint;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder pathStyle(boolean value) {
            pathStyle = value;
            return this;
        }

        /** The security token of temporary credentials (AK/SK from a token service). */
        public Builder securityToken(String value) {
            securityToken = value;
            return this;
        }

        public Builder signature(Signature value) {
            signature = value;
            return this;
        }

        public Builder verifyCertificates(boolean value) {
            verifyCertificates = value;
            return this;
        }

        public Builder multipartCopy(long thresholdBytes, long partBytes) {
            multipartCopyThresholdBytes = thresholdBytes;
            copyPartBytes = partBytes;
            return this;
        }

        public Builder retries(int sdkRetries, int requestTimeoutMillis) {
            maxErrorRetry = sdkRetries;
            timeoutMillis = requestTimeoutMillis;
            return this;
        }

        public ObsStoreConfig build() {
            return new ObsStoreConfig(
                    endpoint,
                    region,
                    pathStyle,
                    accessKey,
                    secretKey,
                    securityToken,
                    signature,
                    verifyCertificates,
                    multipartCopyThresholdBytes,
                    copyPartBytes,
                    maxErrorRetry,
                    timeoutMillis);
        }
    }

    /** Keys stay out of logs and exception messages: only whether they are set is shown. */
    @Override
    public String toString() {
        return "ObsStoreConfig[endpoint="
                + endpoint
                + ", region="
                + region
                + ", pathStyle="
                + pathStyle
                + ", accessKey=***, secretKey=***, securityToken="
                + (securityToken == null ? "none" : "***")
                + ", signature="
                + signature
                + ", verifyCertificates="
                + verifyCertificates
                + ", multipartCopyThresholdBytes="
                + multipartCopyThresholdBytes
                + ", copyPartBytes="
                + copyPartBytes
                + ", maxErrorRetry="
                + maxErrorRetry
                + ", timeoutMillis="
                + timeoutMillis
                + "]";
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }
}
