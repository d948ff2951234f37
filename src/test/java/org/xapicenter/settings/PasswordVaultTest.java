package org.xapicenter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordVaultTest {
    @Test
    void aSealedPasswordOpensWithTheRightMainPasswordOnly() throws Exception {
        VaultHeader header;
        SealedSecret sealed;
        try (PasswordVault vault = PasswordVault.create("right main".toCharArray())) {
            header = vault.header();
            sealed = vault.seal("server pw ✓".toCharArray());
            assertThat(vault.toString()).doesNotContain("right main");
            assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
        }
        assertThat(header.kdf()).isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(header.iterations()).isGreaterThanOrEqualTo(PasswordVault.MIN_ITERATIONS);
        try (PasswordVault vault = PasswordVault.unlock(header, "right main".toCharArray())) {
            assertThat(new String(vault.open(sealed))).isEqualTo("server pw ✓");
        }
        assertThatThrownBy(() -> PasswordVault.unlock(header, "wrong main".toCharArray()))
                .isInstanceOf(WrongMainPasswordException.class)
                .hasMessage("The main password is not correct.");
    }

    @Test
    void everySealUsesAFreshIvAndATamperedCiphertextIsRefused() throws Exception {
        try (PasswordVault vault = PasswordVault.create("m".toCharArray())) {
            SealedSecret a = vault.seal("same".toCharArray());
            SealedSecret b = vault.seal("same".toCharArray());
            assertThat(a.iv()).isNotEqualTo(b.iv());
            assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
            byte[] raw = java.util.Base64.getDecoder().decode(a.ciphertext());
            raw[0] ^= 1;
            SealedSecret tampered = new SealedSecret(a.iv(), java.util.Base64.getEncoder().encodeToString(raw));
            assertThatThrownBy(() -> vault.open(tampered)).isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining("same");
        }
    }

    @Test
    void aClosedVaultForgetsItsKey() {
        PasswordVault vault = PasswordVault.create("m".toCharArray());
        SealedSecret s = vault.seal("x".toCharArray());
        vault.close();
        assertThatThrownBy(() -> vault.open(s)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDoctoredWorkFactorIsRefusedBeforeAnyWork() {
        try (PasswordVault vault = PasswordVault.create("m".toCharArray())) {
            VaultHeader h = vault.header();
            VaultHeader huge = new VaultHeader(h.kdf(), h.salt(), Integer.MAX_VALUE, h.check());
            assertThatThrownBy(() -> PasswordVault.unlock(huge, "m".toCharArray())).isInstanceOf(IllegalArgumentException.class);
            VaultHeader other = new VaultHeader("MD5", h.salt(), h.iterations(), h.check());
            assertThatThrownBy(() -> PasswordVault.unlock(other, "m".toCharArray())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
