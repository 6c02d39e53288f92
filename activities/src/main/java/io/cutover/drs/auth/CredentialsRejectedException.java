package io.cutover.drs.auth;

/**
 * The identity service refused the credentials (wrong password, locked or unknown user):
 * trying again with the same credentials cannot help.
 */
public final class CredentialsRejectedException extends RuntimeException {

    public CredentialsRejectedException(String message) {
        super(message);
    }
}
