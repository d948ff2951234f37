package org.xapicenter.settings;

import java.util.Objects;

/**
 * How the vault's key is derived from the main password, and a check value to tell a wrong main
 * password from a right one without decrypting any server's password.
 *
 * @param kdf the key derivation function, {@code PBKDF2WithHmacSHA256}
 * @param salt Base64, 16 random bytes or more
 * @param iterations the work factor chosen when the vault was made (tuned to this machine)
 * @param check a known text sealed under the key
 */
public record VaultHeader(String kdf, String salt, int iterations, SealedSecret check) {
    public VaultHeader {
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(check, "check");
    }
}
