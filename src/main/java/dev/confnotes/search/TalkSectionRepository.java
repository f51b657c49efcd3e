package dev.confnotes.search;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TalkSectionRepository extends JpaRepository<TalkSection, Long> {

    List<TalkSection> findBySlug(String slug);

    /** Each indexed talk with the file hash and the day its rows were built from. */
    @Query("select distinct s.slug, s.contentHash, s.day from TalkSection s where s.wholeTalk = true")
    List<Object[]> indexedTalks();
}
