package dev.confnotes.demos.manifest;

import java.util.List;

/** A problem with one parameter, with the limits the user needs to fix it (public: templates read it). */
public record FieldError(String field, String message, Number min, Number max, List<String> choices) {
}
