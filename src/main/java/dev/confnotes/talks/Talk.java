package dev.confnotes.talks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One talk of the catalog, built from a file in {@code talks/}. The file is the source of truth;
 * this row is replaced whenever the file changes and parses.
 */
@Entity
@Table(name = "talk")
public class Talk {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = TalkLimits.SLUG)
    private String slug;

    @Column(nullable = false, length = TalkLimits.TITLE)
    private String title;

    @Column(length = TalkLimits.SPEAKER)
    private String speaker;

    @Column(length = TalkLimits.COMPANY)
    private String company;

    @Column(name = "talk_date", nullable = false)
    private LocalDate date;

    /** Day number within the conference, starting at 1. */
    @Column(name = "conference_day", nullable = false)
    private int day;

    /** Position within its day, starting at 1. */
    @Column(name = "day_order", nullable = false)
    private int order;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "talk_tag", joinColumns = @JoinColumn(name = "talk_id"))
    @OrderColumn(name = "position")
    @Column(name = "tag", length = TalkLimits.TAG)
    private List<String> tags = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "talk_demo", joinColumns = @JoinColumn(name = "talk_id"))
    @OrderColumn(name = "position")
    @Column(name = "demo_id", length = TalkLimits.DEMO_ID)
    private List<String> demos = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "talk_link", joinColumns = @JoinColumn(name = "talk_id"))
    @OrderColumn(name = "position")
    private List<TalkLink> links = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "talk_answer", joinColumns = @JoinColumn(name = "talk_id"))
    @OrderColumn(name = "position")
    private List<FollowUpAnswer> answers = new ArrayList<>();

    /**
     * Long text, not {@code @Lob}: on PostgreSQL Hibernate maps a {@code @Lob} String to a large
     * object ({@code oid}) outside the row; this is {@code text} there and a long varchar on H2.
     */
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(nullable = false)
    private String body;

    @Column(name = "source_file", nullable = false, length = 255)
    private String sourceFile;

    /** SHA-256 of the file's bytes: an unchanged file is not synced again. */
    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Talk() {
    }

    public Talk(String slug) {
        this.slug = slug;
    }

    /** Copies everything a talk file says into this row. */
    void apply(TalkDocument doc, int day, String sourceFile, String contentHash, Instant updatedAt) {
        this.slug = doc.slug();
        this.title = doc.title();
        this.speaker = doc.speaker();
        this.company = doc.company();
        this.date = doc.date();
        this.day = day;
        this.order = doc.order();
        this.tags = new ArrayList<>(doc.tags());
        this.demos = new ArrayList<>(doc.demos());
        this.links = new ArrayList<>(doc.links());
        this.answers = new ArrayList<>(doc.answers());
        this.body = doc.body();
        this.sourceFile = sourceFile;
        this.contentHash = contentHash;
        this.updatedAt = updatedAt;
    }

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getTitle() {
        return title;
    }

    public String getSpeaker() {
        return speaker;
    }

    public String getCompany() {
        return company;
    }

    public LocalDate getDate() {
        return date;
    }

    public int getDay() {
        return day;
    }

    public int getOrder() {
        return order;
    }

    public List<String> getTags() {
        return tags;
    }

    public List<String> getDemos() {
        return demos;
    }

    public boolean hasDemo() {
        return !demos.isEmpty();
    }

    public List<TalkLink> getLinks() {
        return links;
    }

    /** The answers the author wrote for this talk's follow-ups. */
    public List<FollowUpAnswer> getAnswers() {
        return answers;
    }

    public String getBody() {
        return body;
    }

    public String getSourceFile() {
        return sourceFile;
    }

    public String getContentHash() {
        return contentHash;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
