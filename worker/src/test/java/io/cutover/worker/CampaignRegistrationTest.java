package io.cutover.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.BackupActivitiesImpl;
import io.cutover.activities.DrsActivitiesImpl;
import io.cutover.activities.WaveActivitiesImpl;
import io.cutover.campaign.CampaignWorkflowImpl;
import io.cutover.drs.DrsClientConfig;
import io.cutover.wave.WaveWorkflowImpl;
import io.cutover.worker.config.ConfigException;
import io.cutover.worker.config.ConfigLoader;
import io.cutover.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignRegistrationTest {

    @TempDir
    Path dir;

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "CUTOVER_DRS_ENDPOINT", "http://127.0.0.1:18080",
                "CUTOVER_DRS_PROJECT_ID", "p",
                "CUTOVER_DRS_REGION", "r"));
        environment.putAll(extra);
        return environment;
    }

    private static List<Class<?>> activityTypes(WorkerRuntime.Registration registration) {
        return registration.activities().stream()
                .<Class<?>>map(Object::getClass)
                .toList();
    }

    @Test
    void registersTheCampaignAndWaveWorkflowsAndBothActivitiesOnALocalStore() {
        Map<String, String> environment = environment(Map.of(
                "CUTOVER_DRS_AUTH_TOKEN_ENV",
                "T",
                "T",
                "token",
                "CUTOVER_STORE_TYPE",
                "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT",
                dir.toString()));

        WorkerRuntime.Registration registration =
                CampaignRegistration.create(ConfigLoader.load(null, environment), environment);

        assertEquals(List.of(CampaignWorkflowImpl.class, WaveWorkflowImpl.class), registration.workflowTypes());
        assertEquals(List.of(DrsActivitiesImpl.class, BackupActivitiesImpl.class), activityTypes(registration));
        // Without it a wave would still work, asking every member by signal after the activity
        // failed: only this says the asks by update are registered.
        assertEquals(
                List.of(WaveActivitiesImpl.class),
                registration.clientActivities().apply(null).stream()
                        .<Class<?>>map(Object::getClass)
                        .toList());
    }

    @Test
    void aLongerDrsTimeoutIsNotCutShortByTheClientsReadTimeout() {
        Map<String, String> environment = environment(Map.of(
                "CUTOVER_DRS_AUTH_TOKEN_ENV",
                "T",
                "T",
                "token",
                "CUTOVER_DRS_TIMEOUT_SECONDS",
                "90",
                "CUTOVER_STORE_TYPE",
                "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT",
                dir.toString()));

        DrsClientConfig config = CampaignRegistration.drsConfig(
                ConfigLoader.load(null, environment).drs(), environment, Clock.systemUTC());

        assertEquals(Duration.ofSeconds(90), config.callTimeout());
        assertEquals(Duration.ofSeconds(90), config.readTimeout());
    }

    @Test
    void buildsAkSkAndPasswordAuthAndAnObsStoreWithoutCallingAnything() {
        Map<String, String> aksk = environment(Map.of(
                "CUTOVER_DRS_AUTH_METHOD",
                "AKSK",
                "CUTOVER_DRS_AUTH_ACCESS_KEY_ENV",
                "AK",
                "AK",
                "ak",
                "CUTOVER_DRS_AUTH_SECRET_KEY_ENV",
                "SK",
                "SK",
                "sk",
                "CUTOVER_STORE_OBS_ENDPOINT",
                "http://127.0.0.1:9000",
                "CUTOVER_STORE_OBS_REGION",
                "r",
                "CUTOVER_STORE_OBS_SIGNATURE",
                "V4",
                "CUTOVER_STORE_OBS_ACCESS_KEY_ENV",
                "AK",
                "CUTOVER_STORE_OBS_SECRET_KEY_ENV",
                "SK"));
        assertEquals(
                2,
                CampaignRegistration.create(ConfigLoader.load(null, aksk), aksk)
                        .activities()
                        .size());

        Map<String, String> password = new HashMap<>(aksk);
        password.keySet().removeIf(name -> name.startsWith("CUTOVER_DRS_AUTH_"));
        password.putAll(Map.of(
                "CUTOVER_DRS_AUTH_METHOD",
                "PASSWORD",
                "CUTOVER_DRS_AUTH_IAM_ENDPOINT",
                "http://127.0.0.1:18080",
                "CUTOVER_DRS_AUTH_DOMAIN_NAME",
                "acme",
                "CUTOVER_DRS_AUTH_USER_NAME",
                "dba",
                "CUTOVER_DRS_AUTH_PASSWORD_ENV",
                "PW",
                "PW",
                "pw"));
        assertEquals(
                2,
                CampaignRegistration.create(ConfigLoader.load(null, password), password)
                        .activities()
                        .size());
    }

    @Test
    void aSecretThatDisappearedAfterLoadingStopsTheStart() {
        Map<String, String> environment = environment(Map.of(
                "CUTOVER_DRS_AUTH_TOKEN_ENV",
                "T",
                "T",
                "token",
                "CUTOVER_STORE_TYPE",
                "LOCAL",
                "CUTOVER_STORE_LOCAL_ROOT",
                dir.toString()));
        WorkerConfig config = ConfigLoader.load(null, environment);
        environment.remove("T");

        ConfigException error =
                assertThrows(ConfigException.class, () -> CampaignRegistration.create(config, environment));
        assertTrue(error.getMessage().startsWith("drs.auth.tokenEnv:"), error.getMessage());
    }
}
