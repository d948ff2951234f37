package org.xapicenter.settings;

import java.util.Objects;

/**
 * A password encrypted by {@link PasswordVault}: AES-256-GCM, a fresh 96-bit IV per secret, the tag
 * appended to the ciphertext. Both fields are Base64. Holds nothing readable without the main password.
 */
public record SealedSecret(String iv, String ciphertext) {
    public SealedSecret {
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    @Override
    public String toString() {
        return "SealedSecret[encrypted]";
    }
}
