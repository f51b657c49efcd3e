package dev.confnotes.talks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The catalog as pages read it: an immutable snapshot of every talk in running order, rebuilt
 * after each sync that changed something. Pages never wait on the database for it.
 */
@Component
public class Catalog {

    private final TalkRepository talks;

    private final CatalogSync sync;

    private final Clock clock;

    private volatile Snapshot snapshot;

    private volatile long version;

    private volatile Instant lastChanged;

    Catalog(TalkRepository talks, CatalogSync sync, Clock clock) {
        this.talks = talks;
        this.sync = sync;
        this.clock = clock;
        this.lastChanged = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * After the sync's transaction commits, so the next snapshot reads what it wrote. The version
     * moves after the snapshot is dropped: whoever sees the new version also sees the new talks.
     */
    @TransactionalEventListener(fallbackExecution = true)
    synchronized void onSync(CatalogSync.SyncResult result) {
        snapshot = null;
        pagesChanged();
    }

    /**
     * Something the pages show besides the talk files changed (a demo's folder, say): pages
     * rendered before are stale, though the talks are not.
     */
    public synchronized void pagesChanged() {
        lastChanged = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        version++;
    }

    /** Moves on every change the pages show; pages built from an older version are stale. */
    public long version() {
        return version;
    }

    /** When the catalog last changed (or the app started), to the second: the pages' Last-Modified. */
    public Instant lastChanged() {
        return lastChanged;
    }

    public Conference conference() {
        return sync.conference();
    }

    public List<Talk> talks() {
        return snapshot().ordered();
    }

    public Optional<Talk> find(String slug) {
        if (slug == null || !TalkFileParser.SLUG.matcher(slug).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(snapshot().bySlug().get(slug));
    }

    public List<Day> days() {
        Map<Integer, List<Talk>> byDay = new TreeMap<>();
        for (Talk talk : talks()) {
            byDay.computeIfAbsent(talk.getDay(), d -> new ArrayList<>()).add(talk);
        }
        return byDay.entrySet()
            .stream()
            .map(e -> new Day(e.getKey(), e.getValue().getFirst().getDate(), List.copyOf(e.getValue())))
            .toList();
    }

    public Optional<Talk> previous(Talk talk) {
        Snapshot current = snapshot();
        int index = current.positionOf(talk);
        return index > 0 ? Optional.of(current.ordered().get(index - 1)) : Optional.empty();
    }

    public Optional<Talk> next(Talk talk) {
        Snapshot current = snapshot();
        int index = current.positionOf(talk);
        return index >= 0 && index < current.ordered().size() - 1 ? Optional.of(current.ordered().get(index + 1))
                : Optional.empty();
    }

    /** Talks sharing the most tags with this one, nearest in the programme first on a tie. */
    public List<Talk> related(Talk talk, int limit) {
        Snapshot current = snapshot();
        int home = current.positionOf(talk);
        return current.ordered()
            .stream()
            .filter(other -> !other.getSlug().equals(talk.getSlug()))
            .filter(other -> sharedTags(talk, other) > 0)
            .sorted(Comparator.comparingLong((Talk other) -> -sharedTags(talk, other))
                .thenComparingInt(other -> Math.abs(current.positionOf(other) - home)))
            .limit(limit)
            .toList();
    }

    /** Every tag with the number of talks that carry it, most used first. */
    public Map<String, Long> tags() {
        return talks().stream()
            .flatMap(t -> t.getTags().stream())
            .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
            .entrySet()
            .stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    public List<Talk> taggedWith(String tag) {
        return talks().stream().filter(t -> t.getTags().contains(tag)).toList();
    }

    private static long sharedTags(Talk a, Talk b) {
        return a.getTags().stream().filter(b.getTags()::contains).count();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null) {
            // A reader whose query began before a sync committed must not publish what it read
            // after that sync cleared the snapshot: only a snapshot of the current version is kept.
            long readVersion = version;
            List<Talk> ordered = talks.findAllByOrderByDateAscOrderAsc();
            Map<String, Talk> bySlug = new HashMap<>();
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                bySlug.put(ordered.get(i).getSlug(), ordered.get(i));
                positions.put(ordered.get(i).getSlug(), i);
            }
            current = new Snapshot(List.copyOf(ordered), Map.copyOf(bySlug), Map.copyOf(positions));
            synchronized (this) {
                if (version == readVersion) {
                    snapshot = current;
                }
            }
        }
        return current;
    }

    /** One conference day and its talks in running order. */
    public record Day(int number, java.time.LocalDate date, List<Talk> talks) {
    }

    /** The talks in running order, looked up by slug, with each slug's place in that order. */
    private record Snapshot(List<Talk> ordered, Map<String, Talk> bySlug, Map<String, Integer> positions) {

        int positionOf(Talk talk) {
            return positions.getOrDefault(talk.getSlug(), -1);
        }
    }
}
