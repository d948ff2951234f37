package org.xapicenter.xapi.trust;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pins held in memory only (tests, and command-line runs that save nothing). */
public final class MemoryPinStore implements PinStore {
    private final Map<String, Pin> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<Pin> find(String hostKey) {
        return Optional.ofNullable(pins.get(hostKey));
    }

    @Override
    public void save(Pin pin) {
        pins.put(pin.hostKey(), pin);
    }

    public Map<String, Pin> all() {
        return Map.copyOf(pins);
    }
}
