package io.cutover.worker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The worker's configuration, as loaded and checked by {@link ConfigLoader}. It holds no secret
 * value, only {@link SecretRef}s, so its {@code toString} is safe to log.
 */
public record WorkerConfig(
    Temporal temporal, Drs drs, Store store, Polling polling, Ops ops) {

  /** The connection to Temporal. */
  public record Temporal(String address, String namespace, String taskQueue, Tls tls) {}

  /**
   * TLS to the Temporal frontend; with a client certificate and key, mutual TLS.
   *
   * @param caCertFile the CA's PEM, or null to trust the JDK's default CAs
   * @param clientCertFile the client certificate's PEM, or null without mTLS
   * @param clientKeyFile the client key's PEM (PKCS#8), or null without mTLS
   * @param serverName the name to check in the server's certificate, or null for the host
   */
  public record Tls(
      boolean enabled, Path caCertFile, Path clientCertFile, Path clientKeyFile, String serverName) {

    public boolean mutual() {
      return clientCertFile != null;
    }
  }

  /** The DRS v5 API of one region and project. */
  public record Drs(
      URI endpoint,
      String projectId,
      String region,
      String language,
      Duration timeout,
      DrsAuth auth) {}

  /**
   * How the worker authenticates to DRS. Only the fields of the chosen method are set.
   *
   * @param method the authentication method
   * @param token TOKEN: where the X-Auth-Token is found
   * @param iamEndpoint PASSWORD: the IAM endpoint tokens are obtained from
   * @param domainName PASSWORD: the account name
   * @param userName PASSWORD: the IAM user
   * @param password PASSWORD: where the password is found
   * @param accessKey AKSK: where the access key is found
   * @param secretKey AKSK: where the secret key is found
   */
  public record DrsAuth(
      AuthMethod method,
      SecretRef token,
      URI iamEndpoint,
      String domainName,
      String userName,
      SecretRef password,
      SecretRef accessKey,
      SecretRef secretKey) {}

  /** The authentication methods DRS accepts. */
  public enum AuthMethod {
    TOKEN,
    PASSWORD,
    AKSK
  }

  /** Where backups are read from: OBS, or (for rehearsals) a local folder. */
  public record Store(StoreType type, Obs obs, Path localRoot) {}

  /** The kinds of backup store. */
  public enum StoreType {
    OBS,
    LOCAL
  }

  /** OBS through its S3-compatible protocol. */
  public record Obs(
      URI endpoint,
      String region,
      ObsSignature signature,
      boolean pathStyle,
      SecretRef accessKey,
      SecretRef secretKey) {}

  /** How OBS requests are signed: Huawei's own scheme, or an S3 one for emulators. */
  public enum ObsSignature {
    OBS,
    V2,
    V4
  }

  /** How much work this worker takes on at once. */
  public record Polling(int maxConcurrentActivities, int activityPollers, int workflowPollers) {}

  /** Where /healthz and /metrics are served. */
  public record Ops(String bindAddress, int port) {}
}
