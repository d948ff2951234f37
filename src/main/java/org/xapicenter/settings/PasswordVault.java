package org.xapicenter.settings;

/**
 * Encrypts saved passwords with AES-256-GCM under a key derived from the main password with
 * PBKDF2-HMAC-SHA256 (random salt, a work factor tuned at creation to this machine, never below a
 * floor). The key lives only in this object until {@link #close()}; no password, main or saved,
 * appears in any log, exception or {@code toString}.
 */
public final class PasswordVault implements AutoCloseable {
    private PasswordVault() {
    }

    /** A new vault for {@code mainPassword}: its header (to save) and the open vault. */
    public static PasswordVault create(char[] mainPassword) {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** Opens a saved vault; a wrong main password is told apart by the header's check value. */
    public static PasswordVault unlock(VaultHeader header, char[] mainPassword) throws WrongMainPasswordException {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** What to save so that {@link #unlock} can open this vault again. */
    public VaultHeader header() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    public SealedSecret seal(char[] password) {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** The password; the caller clears the array when done. */
    public char[] open(SealedSecret sealed) {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }

    /** Forgets the key. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("skeleton: issue #7 settings helper");
    }
}
