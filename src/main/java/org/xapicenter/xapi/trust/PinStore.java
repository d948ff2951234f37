package org.xapicenter.xapi.trust;

import java.util.Optional;

/** Where pins live: the settings file for the window, memory for tests and the command line. Thread-safe. */
public interface PinStore {
    Optional<Pin> find(String hostKey);

    /** Pins {@code pin}, replacing any pin of the same host key; persistent stores write it at once. */
    void save(Pin pin);
}
