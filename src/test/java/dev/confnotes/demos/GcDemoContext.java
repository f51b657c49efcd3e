package dev.confnotes.demos;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application context of the GC demo's tests: the real demos, the GC talk, a small bound on runs
 * and on their total heap. One annotation, so the classes that use it share one cached context (and
 * its in-memory database) and cannot drift apart.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "confnotes.demos.dir=demos", "confnotes.demos.cache-dir=target/demo-cache",
        "confnotes.talks.dir=src/test/resources/gc-talks", "confnotes.talks.watch=false",
        "spring.datasource.url=jdbc:h2:mem:gcdemo;DB_CLOSE_DELAY=-1", "confnotes.demos.max-concurrent-runs=2",
        "confnotes.demos.grace-period=500ms", "confnotes.demos.heartbeat=1s", "confnotes.demos.retry-after=7s",
        "confnotes.demos.max-total-child-heap-mb=600" })
public @interface GcDemoContext {
}
