package dev.confnotes.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.confnotes.talks.CatalogSync;
import dev.confnotes.talks.MarkdownRenderer;
import dev.confnotes.talks.RenderedNotes;
import dev.confnotes.talks.Talk;
import dev.confnotes.talks.TalkRepository;

/**
 * Keeps the search index in line with the catalog. After each sync that changed something commits,
 * the talks it names get their section rows rebuilt (Hibernate Search indexes them as the rows are
 * written, synchronously, so an edit is searchable as soon as this returns). At start it repairs
 * what a restart can leave behind: rows built from an older file or for another day, talks with no rows, and an empty
 * index over a database that survived (an in-memory index, a deleted index folder), which it fills
 * with the mass indexer. That check starts on its own thread as soon as the start-up sync is done,
 * while the web server starts, so pages are not held up by it; searches wait for it
 * ({@link IndexReadiness}). It also covers the start-up sync's own changes, which are therefore not
 * reindexed on the main thread. It is the only writer
 * of the index, so it tells {@link SearchService} to forget cached results before and after each change.
 * <p>
 * After a change to many talks at once (a start that rebuilt rows, an import) it merges the index into
 * one segment: every word of a query is looked up in every segment, and an index left in the dozens
 * of segments that batch writes produce searches several times slower (see docs/benchmarks.md).
 */
@Component
class SearchIndexer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

    /** A change to at least this many talks is followed by a merge of the index's segments. */
    static final int COMPACT_AFTER_TALKS = 20;

    private final TalkRepository talks;

    private final TalkSectionRepository sections;

    private final MarkdownRenderer renderer;

    private final EntityManagerFactory entityManagerFactory;

    private final TransactionTemplate newTransaction;

    private final SearchService search;

    private final IndexReadiness readiness;

    /** Set when the start-up check begins: a sync before that is the start-up sync, which the check covers. */
    private volatile boolean checkStarted;

    /** Set when the app stops: a check cut short then is no failure to report. */
    private volatile boolean stopping;


    SearchIndexer(TalkRepository talks, TalkSectionRepository sections, MarkdownRenderer renderer,
            EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactions, SearchService search,
            IndexReadiness readiness) {
        this.search = search;
        this.readiness = readiness;
        this.talks = talks;
        this.sections = sections;
        this.renderer = renderer;
        this.entityManagerFactory = entityManagerFactory;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onSync(CatalogSync.SyncResult result) {
        if (!checkStarted) {
            return;
        }
        List<String> slugs = new ArrayList<>(result.changedSlugs());
        slugs.addAll(result.removedSlugs());
        reindex(slugs);
    }

    /** Begins the start-up check once the start-up sync has committed, before the web server starts. */
    @Override
    public void start() {
        checkStarted = true;
        Thread.ofPlatform().name("search-index-check").daemon().start(() -> {
            try {
                repair();
                readiness.ready();
            }
            catch (Throwable ex) {
                if (stopping) {
                    log.info("Search index check at start cut short: the app is stopping");
                }
                else {
                    log.error("Search index check at start failed; searches will fail until a restart", ex);
                }
                readiness.failed(ex);
            }
        });
    }

    /** The check thread is a daemon; a write it has begun finishes or rolls back with its transaction. */
    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return checkStarted && !stopping;
    }

    /** The check runs once per start: pausing a test context must not stop it, nor resuming rerun it. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public int getPhase() {
        return CatalogSync.STARTUP_PHASE + 1;
    }

    /** Rebuilds the rows of the given talks from the catalog; a talk no longer there loses its rows. */
    synchronized void reindex(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return;
        }
        search.invalidateCache();
        try {
            newTransaction.executeWithoutResult(status -> {
                for (String slug : slugs) {
                    sections.deleteAll(sections.findBySlug(slug));
                    sections.flush();
                    talks.findBySlug(slug).ifPresent(talk -> sections.saveAll(rowsOf(talk)));
                }
            });
        }
        finally {
            search.invalidateCache();
        }
        log.debug("Search index updated for {}", slugs);
        if (slugs.size() >= COMPACT_AFTER_TALKS) {
            compact();
        }
    }

    /** Merges the index into one segment; searches go on meanwhile, on the segments as they were. */
    void compact() {
        long start = System.nanoTime();
        try {
            Search.mapping(entityManagerFactory).scope(TalkSection.class).workspace().mergeSegments();
            log.info("Search index merged in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
        catch (RuntimeException ex) {
            // the rows are indexed; a merge only makes searching faster, so its failure must not fail the change
            log.warn("Search index merge failed; searches stay correct, only slower", ex);
        }
    }

    /** What a talk's rows were built from: its file, and its day (which conference.yml can change alone). */
    private record BuiltFrom(String contentHash, int day) {
    }

    /**
     * Brings rows and index in line with the catalog after a start: rows built from another file or for
     * another day (an edit while the app was down, or one whose reindex a crash cut short), talks with no
     * rows, rows of talks gone.
     */
    synchronized void repair() {
        Map<String, BuiltFrom> indexed = new HashMap<>();
        for (Object[] row : sections.indexedTalks()) {
            indexed.put((String) row[0], new BuiltFrom((String) row[1], ((Number) row[2]).intValue()));
        }
        Set<String> stale = new LinkedHashSet<>();
        for (Talk talk : talks.findAll()) {
            if (!new BuiltFrom(talk.getContentHash(), talk.getDay()).equals(indexed.remove(talk.getSlug()))) {
                stale.add(talk.getSlug());
            }
        }
        stale.addAll(indexed.keySet());
        if (documentCount() == 0 && sections.count() > 0) {
            search.invalidateCache();
            massIndex();
            search.invalidateCache();
        }
        if (!stale.isEmpty()) {
            log.info("Search: rebuilding {} talk(s) whose index rows were missing or stale", stale.size());
            reindex(stale);
        }
    }

    long documentCount() {
        EntityManager em = entityManagerFactory.createEntityManager();
        try {
            return Search.session(em).search(TalkSection.class).where(f -> f.matchAll()).fetchTotalHitCount();
        }
        finally {
            EntityManagerFactoryUtils.closeEntityManager(em);
        }
    }

    void massIndex() {
        log.info("Search index is empty but the catalog is not: indexing everything");
        try {
            Search.mapping(entityManagerFactory).scope(TalkSection.class).massIndexer().threadsToLoadObjects(1)
                .mergeSegmentsOnFinish(true)
                .startAndWait();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One row per section of the notes, plus the whole-talk row. */
    List<TalkSection> rowsOf(Talk talk) {
        RenderedNotes notes = renderer.render(talk);
        List<TalkSection> rows = new ArrayList<>();
        StringBuilder whole = new StringBuilder();
        int position = 0;
        for (RenderedNotes.Section section : notes.sections()) {
            rows.add(row(talk, false, position++, section.anchor(), section.heading(), section.text()));
            whole.append(section.heading()).append('\n').append(section.text()).append("\n\n");
        }
        if (rows.isEmpty()) {
            rows.add(row(talk, false, 0, "", "", ""));
        }
        rows.add(row(talk, true, -1, "", "", whole.toString().strip()));
        return rows;
    }

    private static TalkSection row(Talk talk, boolean wholeTalk, int position, String anchor, String heading,
            String text) {
        return new TalkSection(talk.getSlug(), talk.getContentHash(), wholeTalk, position, anchor, talk.getTitle(),
                talk.getSpeaker(), talk.getCompany(), talk.getDay(), talk.getTags(), heading, text);
    }
}
