package dev.confnotes.demos.history;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.transaction.annotation.Transactional;

public interface RunnerInstanceRepository extends JpaRepository<RunnerInstance, String> {

    @Transactional
    long deleteByHeartbeatAtBefore(Instant before);
}
