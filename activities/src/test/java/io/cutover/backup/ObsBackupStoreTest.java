package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.obs.services.ObsClient;
import com.obs.services.model.StorageClassEnum;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObsBackupStoreTest {

    private static final String BUCKET = "backups";
    private static S3TestServer server;
    private static ObsBackupStore store;
    private static ObsClient client;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start();
        store = new ObsBackupStore(server.config());
        client = S3Objects.client(server.config());
        client.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        client.close();
        server.close();
    }

    @Test
    void headReadsSizeEtagAndStandardClass() {
        S3Objects.put(client, BUCKET, "h/one.bak", "hello");
        StoredObject object = store.head(BUCKET, "h/one.bak").orElseThrow();
        assertEquals(5, object.size());
        assertEquals("5d41402abc4b2a76b9719d911017c592", object.etag());
        assertTrue(object.isStandardClass());
        assertEquals(Optional.empty(), store.head(BUCKET, "h/missing.bak"));
    }

    @Test
    void reportsTheStorageClass() {
        S3Objects.putInClass(client, BUCKET, "s/cold.bak", new byte[] {1}, StorageClassEnum.COLD);
        assertEquals("COLD", store.head(BUCKET, "s/cold.bak").orElseThrow().storageClass());
        assertEquals("COLD", store.list(BUCKET, "s/", null, 10).objects().get(0).storageClass());
    }

    @Test
    void listsPageByPageAfterAMarker() {
        for (int i = 0; i < 5; i++) {
            S3Objects.put(client, BUCKET, "p/" + i + ".bak", "x" + i);
        }
        ObjectPage first = store.list(BUCKET, "p/", null, 2);
        assertEquals(2, first.objects().size());
        assertTrue(first.truncated());
        assertEquals("p/1.bak", first.nextMarker());
        ObjectPage rest = store.list(BUCKET, "p/", first.nextMarker(), 10);
        assertEquals(3, rest.objects().size());
        assertEquals("p/2.bak", rest.objects().get(0).key());
        assertFalse(rest.truncated());
    }

    @Test
    void readsFirstBytesAndNothingOfAnEmptyObject() {
        S3Objects.put(client, BUCKET, "r/data.bak", "TAPE and more");
        S3Objects.put(client, BUCKET, "r/empty.bak", "");
        assertArrayEquals("TAPE".getBytes(StandardCharsets.US_ASCII), store.readFirstBytes(BUCKET, "r/data.bak", 4));
        assertArrayEquals(new byte[0], store.readFirstBytes(BUCKET, "r/empty.bak", 4));
    }

    @Test
    void copiesInOneRequestBelowTheThreshold() {
        S3Objects.put(client, BUCKET, "c/src.trn", "log content");
        store.copy(BUCKET, "c/src.trn", "c/staged/dst.bak");
        StoredObject source = store.head(BUCKET, "c/src.trn").orElseThrow();
        StoredObject copy = store.head(BUCKET, "c/staged/dst.bak").orElseThrow();
        assertEquals(source.size(), copy.size());
        assertEquals(source.etag(), copy.etag());
    }

    @Test
    void copiesInPartsAboveTheThreshold() throws Exception {
        // S3 servers want parts of 5 MB at least (OBS: 100 KB): 11 MB make three parts.
        byte[] content = S3Objects.randomBytes(11 * 1024 * 1024 + 17);
        S3Objects.put(client, BUCKET, "m/big.trn", content);
        try (ObsBackupStore smallParts = new ObsBackupStore(server.config().toBuilder()
                .multipartCopy(1024, 5L * 1024 * 1024)
                .build())) {
            smallParts.copy(BUCKET, "m/big.trn", "m/big.bak");
        }
        StoredObject copy = store.head(BUCKET, "m/big.bak").orElseThrow();
        assertEquals(content.length, copy.size());
        // A multipart ETag is a hash of the part hashes with the part count.
        assertTrue(copy.etag().endsWith("-3"), copy.etag());
        assertArrayEquals(content, S3Objects.get(client, BUCKET, "m/big.bak"));
    }

    @Test
    void refusalIsNotTransientButAStoppedServerIs() throws Exception {
        BackupStoreException refused =
                assertThrows(BackupStoreException.class, () -> store.list("no-such-bucket", "", null, 10));
        assertFalse(refused.isTransient(), refused.getMessage());

        S3TestServer doomed = S3TestServer.start();
        ObsStoreConfig config = doomed.config();
        doomed.close();
        try (ObsBackupStore unreachable = new ObsBackupStore(config)) {
            BackupStoreException down =
                    assertThrows(BackupStoreException.class, () -> unreachable.list(BUCKET, "", null, 10));
            assertTrue(down.isTransient(), down.getMessage());
        }
    }

    @Test
    void configNeverShowsItsKeys() {
        ObsStoreConfig config = ObsStoreConfig.builder("https://obs.example.com", "AKIDSECRET", "SKSECRET")
                .securityToken("TOKENSECRET")
                .build();
        String text = config.toString();
        assertFalse(text.contains("AKIDSECRET") || text.contains("SKSECRET") || text.contains("TOKENSECRET"), text);
        assertTrue(text.contains("https://obs.example.com"), text);
    }

    @Test
    void configNamesTheBadField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ObsStoreConfig.builder("ftp://x", "ak", "sk").build());
        assertTrue(e.getMessage().startsWith("obs.endpoint:"), e.getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> ObsStoreConfig.builder("https://x", "", "sk").build())
                .getMessage()
                .startsWith("obs.accessKey:"));
    }

    /**
     * OBS lists an object once its upload completed, except an appendable one, which it lists
     * (Type Appendable) while appends make it grow: only that one must settle.
     */
    @Test
    void anAppendableObjectIsNotCompleteWhenListedAndANormalOneIs() {
        com.obs.services.model.ObjectMetadata normal = new com.obs.services.model.ObjectMetadata();
        normal.setContentLength(10L);
        com.obs.services.model.ObjectMetadata appendable = new com.obs.services.model.ObjectMetadata();
        appendable.setContentLength(10L);
        appendable.setAppendable(true);

        assertTrue(ObsBackupStore.toStored("a.trn", normal).completeWhenListed());
        assertFalse(ObsBackupStore.toStored("b.trn", appendable).completeWhenListed());
    }
}
