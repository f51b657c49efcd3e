package dev.confnotes;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each feature package is a module; it may use only what another module exposes at its top level. */
class ModularityTests {

    final ApplicationModules modules = ApplicationModules.of(ConfnotesApplication.class);

    @Test
    void featureModulesOnlyUseEachOthersPublicApiAndFormNoCycles() {
        modules.verify();
    }
}
