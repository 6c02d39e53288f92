package io.cutover.worker;

import com.uber.m3.tally.Scope;
import io.cutover.worker.config.WorkerConfig;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import javax.net.ssl.SSLException;

/** Builds the gRPC connection to Temporal from the configuration: address, TLS or mTLS. */
public final class TemporalConnection {
    private TemporalConnection() {}

    /** Service stubs reporting the SDK's metrics to the given scope. */
    public static WorkflowServiceStubs connect(WorkerConfig.Temporal config, Scope metricsScope) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.address())
                .setMetricsScope(metricsScope);
        WorkerConfig.Tls tls = config.tls();
        if (tls.enabled()) {
            options.setEnableHttps(true);
            if (tls.caCertFile() != null || tls.mutual()) {
                options.setSslContext(sslContext(tls));
            }
            if (tls.serverName() != null) {
                options.setChannelInitializer(channel -> channel.overrideAuthority(tls.serverName()));
            }
        }
        return WorkflowServiceStubs.newServiceStubs(options.build());
    }

    /** Operator service stubs over the same channel (search attributes live there). */
    public static OperatorServiceStubs operator(WorkflowServiceStubs service) {
        return OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(WorkerConfig.Tls tls) {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient();
            if (tls.caCertFile() != null) {
                builder.trustManager(tls.caCertFile().toFile());
            }
            if (tls.mutual()) {
                builder.keyManager(
                        tls.clientCertFile().toFile(), tls.clientKeyFile().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "temporal.tls: cannot build the TLS context from the configured PEM files: " + e.getMessage(), e);
        }
    }
}
