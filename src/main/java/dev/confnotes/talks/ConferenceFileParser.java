package dev.confnotes.talks;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.error.YAMLException;

/** Reads {@code conference.yml}: {@code name}, {@code nameKo} and {@code days} (a list of {@code date:} entries). */
final class ConferenceFileParser {

    private ConferenceFileParser() {
    }

    static Conference parse(String fileName, byte[] bytes) throws TalkFileException {
        Object loaded;
        try {
            loaded = ContentYaml.reader().load(new String(bytes, StandardCharsets.UTF_8));
        }
        catch (YAMLException ex) {
            throw new TalkFileException(fileName, 0, "not valid YAML: " + ex.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)) {
            throw new TalkFileException(fileName, 1, "needs a 'name'");
        }
        List<LocalDate> days = new ArrayList<>();
        if (map.get("days") instanceof List<?> list) {
            for (Object entry : list) {
                Object value = entry instanceof Map<?, ?> day ? day.get("date") : entry;
                days.add(toDate(fileName, value));
            }
        }
        Object nameKo = map.get("nameKo");
        return new Conference(name, nameKo == null ? name : nameKo.toString(), days.stream().sorted().toList());
    }

    private static LocalDate toDate(String fileName, Object value) throws TalkFileException {
        try {
            return LocalDate.parse(String.valueOf(value));
        }
        catch (DateTimeParseException ex) {
            throw new TalkFileException(fileName, 0, "day '" + value + "' must be a real date like 2023-08-05");
        }
    }
}
