package io.cutover.simulator.bucket;

import io.cutover.simulator.backupfile.SimulatedBackupFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads backup files from an S3-protocol server (OBS, or a stand-in such as s3proxy) with
 * anonymous, path-style requests ({@code endpoint/bucket/key}). Anonymous because the simulator
 * must never hold the campaign's keys: run the stand-in without authorization, or make the bucket
 * public-read. One ranged GET of the first bytes answers everything; the size comes from
 * Content-Range.
 */
public final class S3Bucket implements BackupBucket {

    private static final int HEAD_BYTES = StoredObject.HEAD_BYTES;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final HttpClient client;

    public S3Bucket(URI endpoint) {
        String text = endpoint.toString();
        this.endpoint = URI.create(text.endsWith("/") ? text : text + "/");
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Optional<StoredObject> find(String bucket, String key) throws IOException {
        URI object = endpoint.resolve(encode(bucket) + "/" + encodePath(key));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(object)
                .header("Range", "bytes=0-" + (HEAD_BYTES - 1))
                .GET());
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        Instant lastModified = response.headers()
                .firstValue("Last-Modified")
                .map(S3Bucket::httpDate)
                .orElse(Instant.EPOCH);
        if (status == 416) {
            return Optional.of(new StoredObject(0, lastModified, "")); // an empty object has no range
        }
        if (status != 200 && status != 206) {
            throw new IOException("S3 answered "
                    + status
                    + " for "
                    + object
                    + (status == 403 ? " (the simulator reads anonymously)" : ""));
        }
        long size = status == 206
                ? totalOf(response.headers().firstValue("Content-Range").orElse(""), object)
                : response.body().length;
        try (InputStream in = new ByteArrayInputStream(response.body())) {
            return Optional.of(
                    new StoredObject(size, lastModified, SimulatedBackupFile.firstLine(in), response.body()));
        }
    }

    /** The object's size from a Content-Range such as "bytes 0-511/12345". */
    private static long totalOf(String contentRange, URI object) throws IOException {
        int slash = contentRange.lastIndexOf('/');
        try {
            return Long.parseLong(contentRange.substring(slash + 1).trim());
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IOException("unreadable Content-Range \"" + contentRange + "\" for " + object, e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from " + endpoint, e);
        }
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String encodePath(String key) {
        StringBuilder path = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(encode(segment));
        }
        return path.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
