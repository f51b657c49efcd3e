package dev.confnotes.demos.history;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import dev.confnotes.demos.runner.Outcome;

public interface DemoRunRepository extends JpaRepository<DemoRun, String> {

    List<DemoRun> findByDemoIdOrderByStartedAtDesc(String demoId, Pageable page);

    List<DemoRun> findByOutcomeIn(List<Outcome> outcomes);
}
