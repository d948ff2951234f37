/**
 * What XapiCenter remembers between runs: saved servers, pinned certificates and the encrypted
 * password vault, in one versioned JSON file in the platform's configuration folder
 * ({@link org.xapicenter.settings.ConfigDirectory}), written atomically and migrated from older
 * versions by {@link org.xapicenter.settings.SettingsStore}. No JavaFX, no network.
 */
package org.xapicenter.settings;
