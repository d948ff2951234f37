package org.xapicenter.ui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void numbersSortByValueAndCaseIsIgnored() {
        List<String> names = new ArrayList<>(List.of("web-10", "Web-2", "web-1", "db", "web-02a", "web-2b", "web-002"));
        names.sort(NaturalOrder.INSTANCE);
        assertThat(names).containsExactly("db", "web-1", "Web-2", "web-002", "web-02a", "web-2b", "web-10");
    }
}
