package dev.confnotes.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTests {

    @Test
    void koreanAndEnglishMessagesHoldTheSameKeys() throws IOException {
        Properties korean = load("/messages/messages.properties");
        Properties english = load("/messages/messages_en.properties");

        assertThat(korean).isNotEmpty();
        assertThat(english.keySet()).containsExactlyInAnyOrderElementsOf(korean.keySet());
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTests.class.getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
