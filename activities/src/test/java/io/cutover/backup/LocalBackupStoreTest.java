package io.cutover.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackupStoreTest {

    @TempDir
    Path root;

    private LocalBackupStore store;

    @BeforeEach
    void setUp() {
        store = new LocalBackupStore(root);
    }

    private void put(String key, String content) throws IOException {
        Path file = root.resolve("b").resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static List<String> keys(ObjectPage page) {
        return page.objects().stream().map(StoredObject::key).toList();
    }

    @Test
    void objectsAreFilesUnderRootBucketKeyWithMd5EtagsInTheStandardClass() throws IOException {
        put("dir/one.bak", "hello");
        StoredObject object = store.head("b", "dir/one.bak").orElseThrow();
        assertEquals(5, object.size());
        assertEquals("5d41402abc4b2a76b9719d911017c592", object.etag());
        assertEquals(StoredObject.STANDARD, object.storageClass());
        assertEquals(Optional.empty(), store.head("b", "dir/none.bak"));
    }

    @Test
    void listsInKeyOrderUnderAPrefixAfterAMarkerPageByPage() throws IOException {
        for (String key : List.of("p/c", "p/a", "p/sub/b", "q/x", "pa")) {
            put(key, key);
        }
        ObjectPage first = store.list("b", "p/", null, 2);
        assertEquals(List.of("p/a", "p/c"), keys(first));
        assertTrue(first.truncated());
        ObjectPage second = store.list("b", "p/", first.nextMarker(), 2);
        assertEquals(List.of("p/sub/b"), keys(second));
        assertFalse(second.truncated());
        assertEquals(List.of("p/a", "p/c", "p/sub/b", "pa"), keys(store.list("b", "p", null, 10)));
        assertEquals(List.of(), keys(store.list("b", "none/", null, 10)));
    }

    @Test
    void copiesAndReadsFirstBytes() throws IOException {
        put("src.trn", "TAPE header");
        store.copy("b", "src.trn", "staging/dst.bak");
        assertEquals(
                store.head("b", "src.trn").orElseThrow().etag(),
                store.head("b", "staging/dst.bak").orElseThrow().etag());
        assertArrayEquals("TAPE".getBytes(StandardCharsets.US_ASCII), store.readFirstBytes("b", "staging/dst.bak", 4));
        assertEquals(List.of("src.trn", "staging/dst.bak"), keys(store.list("b", "", null, 10)));
    }

    @Test
    void aCopyInProgressIsNotListed() throws IOException {
        put("staging/x.bak.copying~", "half");
        assertEquals(List.of(), keys(store.list("b", "", null, 10)));
    }

    @Test
    void keysCannotLeaveTheBucket() {
        assertThrows(IllegalArgumentException.class, () -> store.head("b", "../other/secret"));
        assertThrows(IllegalArgumentException.class, () -> store.head("../b", "k"));
    }

    @Test
    void aMissingSourceIsATransientStoreFailure() {
        BackupStoreException e = assertThrows(BackupStoreException.class, () -> store.copy("b", "none", "x"));
        assertTrue(e.getMessage().contains("none"), e.getMessage());
    }
}
