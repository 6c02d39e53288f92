package io.cutover.simulator.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RestoreEngineTest {

    @Test
    void databaseNamesComeFromFileNamesWithoutBackupKindMarkers() {
        assertEquals("ims", RestoreEngine.databaseFromFileName("ims.bak"));
        assertEquals("ims", RestoreEngine.databaseFromFileName("ims_log1.bak"));
        assertEquals("ims", RestoreEngine.databaseFromFileName("ims_LOG2.bak"));
        assertEquals("SRV_Sales", RestoreEngine.databaseFromFileName("SRV_Sales_LOG_20240101_120000.bak"));
        assertEquals("SRV_Sales", RestoreEngine.databaseFromFileName("SRV_Sales_FULL_20240101_000000.bak"));
        assertEquals(
                "1706510914000_0_Test_Database",
                RestoreEngine.databaseFromFileName("1706510914000_0_Test_Database.bak"));
        assertEquals("log", RestoreEngine.databaseFromFileName("log.bak"));
    }
}
