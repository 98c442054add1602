package io.keyhold.secrets;

/**
 * A sealed secret does not open: it was sealed under another key (a node started with another
 * {@code keyhold.mfa.encryption-key}, or none), or it was altered. Each user of the key decides
 * what that means for its own request.
 */
public class WrongEncryptionKey extends RuntimeException {

    WrongEncryptionKey() {
        super("The secret was not sealed under this node's keyhold.mfa.encryption-key");
    }
}
