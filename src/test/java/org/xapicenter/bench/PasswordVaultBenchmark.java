package org.xapicenter.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xapicenter.settings.PasswordVault;

/**
 * How long the main password's key derivation takes here: the work factor is tuned at vault creation to
 * about half a second, never below the floor. Prints numbers; asserts nothing about time.
 */
@Tag("benchmark")
class PasswordVaultBenchmark {
    @Test
    void keyDerivation() throws Exception {
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            try (PasswordVault vault = PasswordVault.create("benchmark main password".toCharArray())) {
                long created = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                PasswordVault.unlock(vault.header(), "benchmark main password".toCharArray()).close();
                long unlocked = System.nanoTime() - t1;
                System.out.printf("vault: %,d iterations of PBKDF2-HMAC-SHA256 (floor %,d); create %d ms (tuning included), unlock %d ms%n",
                        vault.header().iterations(), PasswordVault.MIN_ITERATIONS, created / 1_000_000, unlocked / 1_000_000);
            }
        }
    }
}
