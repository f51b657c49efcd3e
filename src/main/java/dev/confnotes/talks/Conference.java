package dev.confnotes.talks;

import java.time.LocalDate;
import java.util.List;

/** The conference the notes are from, as {@code talks/conference.yml} describes it. */
public record Conference(String name, String nameKo, List<LocalDate> days) {

    /** The 1-based day of a date, or 0 when the date is not one of the conference's days. */
    public int dayOf(LocalDate date) {
        return days.indexOf(date) + 1;
    }

    public LocalDate firstDay() {
        return days.isEmpty() ? null : days.getFirst();
    }

    public LocalDate lastDay() {
        return days.isEmpty() ? null : days.getLast();
    }
}
