package dev.confnotes.talks;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TalkRepository extends JpaRepository<Talk, Long> {

    Optional<Talk> findBySlug(String slug);

    List<Talk> findAllByOrderByDateAscOrderAsc();
}
