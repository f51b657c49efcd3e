package dev.confnotes.search;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;

/**
 * One searchable piece of a talk: the text under one heading of its notes, with the talk's title,
 * speaker, company, day and tags copied in so that a hit needs nothing else to be shown. A row with
 * {@code wholeTalk} set holds the whole talk and serves only to count talks per filter value.
 * Rows are derived data: {@link SearchIndexer} replaces a talk's rows whenever its file changes.
 */
@Entity
@Table(name = "talk_section", indexes = @Index(name = "talk_section_slug", columnList = "slug"))
@Indexed(index = "talk_section")
public class TalkSection {

    static final String TAG_SEPARATOR = "\u001F";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @KeywordField(projectable = Projectable.YES)
    @Column(nullable = false, length = 100)
    private String slug;

    /** The talk file's hash when this row was built; a mismatch at start means the row is stale. */
    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @GenericField(projectable = Projectable.YES, searchable = Searchable.YES)
    @Column(name = "whole_talk", nullable = false)
    private boolean wholeTalk;

    /** Position of the section within its talk, from 0. */
    @GenericField(projectable = Projectable.YES, searchable = Searchable.NO)
    @Column(nullable = false)
    private int position;

    @KeywordField(projectable = Projectable.YES, searchable = Searchable.NO)
    @Column(nullable = false, length = 200)
    private String anchor;

    @FullTextField(analyzer = SearchAnalysis.KOREAN, projectable = Projectable.YES)
    @FullTextField(name = "title_prefix", analyzer = SearchAnalysis.PREFIX,
            searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @FullTextField(name = "title_code", analyzer = SearchAnalysis.CODE, searchAnalyzer = SearchAnalysis.CODE_QUERY)
    @Column(nullable = false, length = 300)
    private String title;

    @FullTextField(analyzer = SearchAnalysis.KOREAN)
    @FullTextField(name = "speaker_prefix", analyzer = SearchAnalysis.PREFIX,
            searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @KeywordField(name = "speaker_facet", projectable = Projectable.YES, aggregable = Aggregable.YES)
    @Column(length = 100)
    private String speaker;

    @FullTextField(analyzer = SearchAnalysis.KOREAN)
    @FullTextField(name = "company_prefix", analyzer = SearchAnalysis.PREFIX,
            searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @KeywordField(name = "company_facet", projectable = Projectable.YES, aggregable = Aggregable.YES)
    @Column(length = 100)
    private String company;

    @GenericField(projectable = Projectable.YES, aggregable = Aggregable.YES)
    @Column(name = "conference_day", nullable = false)
    private int day;

    /** Tags joined by {@link #TAG_SEPARATOR}: a plain column keeps 50,000 rows free of a join table. */
    @Column(name = "tags", length = 2000)
    private String tagsText;

    @FullTextField(analyzer = SearchAnalysis.KOREAN, projectable = Projectable.YES)
    @FullTextField(name = "heading_prefix", analyzer = SearchAnalysis.PREFIX,
            searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @FullTextField(name = "heading_code", analyzer = SearchAnalysis.CODE, searchAnalyzer = SearchAnalysis.CODE_QUERY)
    @Column(nullable = false, length = 500)
    private String heading;

    @FullTextField(analyzer = SearchAnalysis.KOREAN, projectable = Projectable.YES)
    @FullTextField(name = "body_prefix", analyzer = SearchAnalysis.PREFIX,
            searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @FullTextField(name = "body_code", analyzer = SearchAnalysis.CODE, searchAnalyzer = SearchAnalysis.CODE_QUERY)
    // Text in the row on every database: @Lob becomes an oid large object on PostgreSQL.
    @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
    @Column(nullable = false)
    private String body;

    protected TalkSection() {
    }

    TalkSection(String slug, String contentHash, boolean wholeTalk, int position, String anchor, String title,
            String speaker, String company, int day, List<String> tags, String heading, String body) {
        this.slug = slug;
        this.contentHash = contentHash;
        this.wholeTalk = wholeTalk;
        this.position = position;
        this.anchor = anchor == null ? "" : anchor;
        this.title = title;
        this.speaker = speaker;
        this.company = company;
        this.day = day;
        this.tagsText = String.join(TAG_SEPARATOR, tags);
        this.heading = heading == null ? "" : heading;
        this.body = body == null ? "" : body;
    }

    @Transient
    @KeywordField(name = "tag", projectable = Projectable.YES, aggregable = Aggregable.YES)
    @FullTextField(name = "tags", analyzer = SearchAnalysis.KOREAN)
    @FullTextField(name = "tags_prefix", analyzer = SearchAnalysis.PREFIX, searchAnalyzer = SearchAnalysis.PREFIX_QUERY)
    @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "tagsText")))
    public List<String> getTags() {
        return tagsText == null || tagsText.isEmpty() ? List.of() : Arrays.asList(tagsText.split(TAG_SEPARATOR));
    }

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getContentHash() {
        return contentHash;
    }

    public boolean isWholeTalk() {
        return wholeTalk;
    }

    public int getPosition() {
        return position;
    }

    public String getAnchor() {
        return anchor;
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

    public int getDay() {
        return day;
    }

    public String getHeading() {
        return heading;
    }

    public String getBody() {
        return body;
    }
}
