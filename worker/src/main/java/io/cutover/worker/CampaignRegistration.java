package io.cutover.worker;

import io.cutover.activities.BackupActivitiesImpl;
import io.cutover.activities.DrsActivitiesImpl;
import io.cutover.activities.WaveActivitiesImpl;
import io.cutover.backup.BackupStore;
import io.cutover.backup.LocalBackupStore;
import io.cutover.backup.ObsBackupStore;
import io.cutover.backup.ObsStoreConfig;
import io.cutover.campaign.CampaignWorkflowImpl;
import io.cutover.drs.DrsClient;
import io.cutover.drs.DrsClientConfig;
import io.cutover.drs.Language;
import io.cutover.drs.auth.AkSkAuth;
import io.cutover.drs.auth.DrsAuth;
import io.cutover.drs.auth.IamPasswordAuth;
import io.cutover.drs.auth.StaticTokenAuth;
import io.cutover.wave.WaveWorkflowImpl;
import io.cutover.worker.config.WorkerConfig;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * What a cutover worker runs: the campaign and wave workflows, the DRS and backup-store activities
 * built from the configuration, and the wave's asks of its members through the worker's client.
 * Secrets are read here, from the sources the configuration names, and go straight into the
 * clients that need them.
 */
public final class CampaignRegistration {
    private CampaignRegistration() {}

    /**
     * @param environment where secrets named by environment variable are read from
     */
    public static WorkerRuntime.Registration create(WorkerConfig config, Map<String, String> environment) {
        Clock clock = Clock.systemUTC();
        DrsClient drs = new DrsClient(drsConfig(config.drs(), environment, clock));
        BackupStore store = backupStore(config.store(), environment);
        return new WorkerRuntime.Registration(
                List.of(CampaignWorkflowImpl.class, WaveWorkflowImpl.class),
                List.of(
                        new DrsActivitiesImpl(drs, config.drs().createVisibility(), store),
                        new BackupActivitiesImpl(store, clock)),
                client -> List.of(new WaveActivitiesImpl(client)));
    }

    /**
     * {@code drs.timeoutSeconds} bounds one call; the read timeout (the longest silence) follows it,
     * or the client's own 30 s default would cut a slow answer first whenever the setting is longer.
     */
    static DrsClientConfig drsConfig(WorkerConfig.Drs drs, Map<String, String> environment, Clock clock) {
        return DrsClientConfig.builder()
                .endpoint(drs.endpoint().toString())
                .projectId(drs.projectId())
                .language(Language.valueOf(drs.language().replace('-', '_').toUpperCase(Locale.ROOT)))
                .callTimeout(drs.timeout())
                .readTimeout(drs.timeout())
                .auth(drsAuth(drs, environment, clock))
                .clock(clock)
                .build();
    }

    private static DrsAuth drsAuth(WorkerConfig.Drs drs, Map<String, String> environment, Clock clock) {
        WorkerConfig.DrsAuth auth = drs.auth();
        return switch (auth.method()) {
            case TOKEN -> new StaticTokenAuth(auth.token().resolve(environment));
            case PASSWORD ->
                IamPasswordAuth.builder()
                        .iamEndpoint(auth.iamEndpoint().toString())
                        .domainName(auth.domainName())
                        .userName(auth.userName())
                        .password(auth.password().resolve(environment))
                        .projectId(drs.projectId())
                        .clock(clock)
                        // IAM is asked for a token rarely (once a day); its calls get the DRS call timeout.
                        .httpClient(new OkHttpClient.Builder()
                                .callTimeout(drs.timeout())
                                .build())
                        .build();
            case AKSK ->
                new AkSkAuth(
                        auth.accessKey().resolve(environment), auth.secretKey().resolve(environment), clock);
        };
    }

    /** The backup store a worker configuration names, with its secrets from the environment. */
    public static BackupStore backupStore(WorkerConfig.Store store, Map<String, String> environment) {
        if (store.type() == WorkerConfig.StoreType.LOCAL) {
            return new LocalBackupStore(store.localRoot());
        }
        WorkerConfig.Obs obs = store.obs();
        return new ObsBackupStore(ObsStoreConfig.builder(
                        obs.endpoint().toString(),
                        obs.accessKey().resolve(environment),
                        obs.secretKey().resolve(environment))
                .region(obs.region())
                .pathStyle(obs.pathStyle())
                .signature(ObsStoreConfig.Signature.valueOf(obs.signature().name()))
                .build());
    }
}
