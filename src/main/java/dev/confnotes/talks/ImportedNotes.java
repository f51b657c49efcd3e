package dev.confnotes.talks;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a raw notes file says: the conference name as written (line 1), its days in order,
 * and its talks in running order.
 */
public record ImportedNotes(String conferenceName, List<LocalDate> days, List<ImportedTalk> talks) {

    public ImportedNotes {
        days = List.copyOf(days);
        talks = List.copyOf(talks);
    }
}
