package dev.confnotes.demos;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application context of the runner's tests: the small programs in {@code test-demos}, a bound of
 * two runs at once and short grace, heartbeat and linger times. One annotation, so the classes that
 * use it share one cached context (and its in-memory database) and cannot drift apart.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "confnotes.demos.dir=src/test/resources/test-demos", "confnotes.demos.cache-dir=target/demo-cache",
        "confnotes.talks.dir=src/test/resources/test-talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:demos;DB_CLOSE_DELAY=-1", "confnotes.demos.max-concurrent-runs=2",
        "confnotes.demos.grace-period=500ms", "confnotes.demos.heartbeat=1s", "confnotes.demos.shared-linger=1s",
        "confnotes.demos.retry-after=7s", "confnotes.demos.streams.max-per-client=500" })
public @interface TestDemosContext {
}
