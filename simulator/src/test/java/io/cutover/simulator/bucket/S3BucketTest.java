package io.cutover.simulator.bucket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.simulator.backupfile.BackupHeader;
import io.cutover.simulator.backupfile.SimulatedBackupFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class S3BucketTest {

    private FakeS3 s3;
    private S3Bucket bucket;

    @BeforeEach
    void start() throws IOException {
        s3 = new FakeS3();
        bucket = new S3Bucket(s3.endpoint());
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void readsSizeDateAndHeaderLineWithOneRangedGet() throws IOException {
        byte[] content = SimulatedBackupFile.toBytes(BackupHeader.full("sales", 1, 2), 10_000);
        s3.put("backups", "sql/sales full.bak", content);

        StoredObject object = bucket.find("backups", "sql/sales full.bak").orElseThrow();

        assertEquals(content.length, object.size());
        assertEquals(FakeS3.LAST_MODIFIED.toInstant(), object.lastModified());
        assertEquals(Optional.of(BackupHeader.full("sales", 1, 2)), SimulatedBackupFile.parse(object.firstLine()));
    }

    @Test
    void aMissingKeyIsAbsentAnEmptyObjectIsEmpty() throws IOException {
        s3.put("backups", "empty.bak", new byte[0]);

        assertEquals(Optional.empty(), bucket.find("backups", "nothing.bak"));
        assertEquals(0, bucket.find("backups", "empty.bak").orElseThrow().size());
    }

    @Test
    void aRefusalIsAnErrorNotAMissingFile() {
        IOException refused = assertThrows(IOException.class, () -> bucket.find("private", "x.bak"));

        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
    }

    @Test
    void theLocalFolderComesFirst(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("backups"));
        Files.writeString(root.resolve("backups/x.bak"), "local\n");
        s3.put("backups", "x.bak", "remote\n".getBytes(StandardCharsets.US_ASCII));
        s3.put("backups", "y.bak", "remote\n".getBytes(StandardCharsets.US_ASCII));
        BackupBucket both = BackupBucket.firstFound(List.of(new LocalFolderBucket(root), bucket));

        assertEquals("local", both.find("backups", "x.bak").orElseThrow().firstLine());
        assertEquals("remote", both.find("backups", "y.bak").orElseThrow().firstLine());
        assertEquals(Optional.empty(), both.find("backups", "z.bak"));
    }
}
