package org.xapicenter.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xapicenter.xapi.trust.Pin;
import org.xapicenter.xapi.trust.PinStore;

/** Pins kept in the settings file: a new or replaced pin is written at once. */
final class PersistentPinStore implements PinStore {
    private final SettingsStore store;

    PersistentPinStore(SettingsStore store) {
        this.store = store;
    }

    @Override
    public Optional<Pin> find(String hostKey) {
        return store.current().pins().stream().filter(p -> p.hostKey().equals(hostKey)).findFirst();
    }

    @Override
    public void save(Pin pin) {
        // A trust decision holds for this run even if the disk refuses it (the failure is logged).
        store.updateEvenIfUnsaved(s -> {
            List<Pin> pins = new ArrayList<>();
            for (Pin p : s.pins()) {
                if (!p.hostKey().equals(pin.hostKey())) {
                    pins.add(p);
                }
            }
            pins.add(pin);
            return s.withPins(pins);
        });
    }
}
