package dev.confnotes.demos;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface DemoRunRepository extends JpaRepository<DemoRun, String> {

    List<DemoRun> findByDemoIdOrderByStartedAtDesc(String demoId, Pageable page);

    List<DemoRun> findByOutcomeIn(List<Outcome> outcomes);
}
